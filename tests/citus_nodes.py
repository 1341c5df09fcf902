"""Make a test database a Citus database on every node, when the suite runs on a cluster.

`scripts/citus_cluster.py run` names the workers in KARTOTEKA_TEST_CITUS_WORKERS
("host:port,host:port"); the coordinator is the base DATABASE_URL. Citus keeps its metadata
per database, so each database the suite creates needs the extension on all three nodes and
the workers registered in it on the coordinator; dropping it drops it on the workers too.
Without the variable (plain PostgreSQL) both functions do nothing.
"""

import asyncio
import os

import asyncpg
from sqlalchemy.engine import make_url


def workers() -> list[tuple[str, int]]:
    spec = os.environ.get("KARTOTEKA_TEST_CITUS_WORKERS", "")
    return [(h, int(p)) for h, _, p in (w.rpartition(":") for w in spec.split(",") if w)]


def _dsn(base_url: str, host: str, port: int, database: str) -> str:
    url = make_url(base_url).set(drivername="postgresql", host=host, port=port, database=database)
    return url.render_as_string(hide_password=False)


async def make_citus_database(base_url: str, database: str) -> None:
    """After CREATE DATABASE on the coordinator: the same database on the workers, all three
    with the extension, the workers registered. A no-op on plain PostgreSQL."""
    nodes = workers()
    if not nodes:
        return
    # The xdist workers set up their databases at the same moment; registering nodes in two
    # databases at once has failed on CI ("failure on connection marked as essential"), so
    # one at a time, behind a lock on the coordinator's maintenance database.
    base = make_url(base_url)
    gate = await asyncpg.connect(
        _dsn(base_url, base.host or "127.0.0.1", base.port or 5432, "postgres")
    )
    try:
        await gate.execute("SELECT pg_advisory_lock(4242)")
        await _make_citus_database(base_url, database, nodes)
    finally:
        await gate.close()


async def _make_citus_database(base_url: str, database: str, nodes: list[tuple[str, int]]) -> None:
    base = make_url(base_url)
    for host, port in nodes:
        admin = await asyncpg.connect(_dsn(base_url, host, port, "postgres"))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            await admin.close()
        conn = await asyncpg.connect(_dsn(base_url, host, port, database))
        try:
            await conn.execute("CREATE EXTENSION citus")
        finally:
            await conn.close()
    coordinator = await asyncpg.connect(
        _dsn(base_url, base.host or "127.0.0.1", base.port or 5432, database)
    )
    try:
        await coordinator.execute("CREATE EXTENSION citus")
        await coordinator.execute(
            "SELECT citus_set_coordinator_host($1, $2)", base.host or "127.0.0.1", base.port or 5432
        )
        for host, port in nodes:
            await _add_node(coordinator, host, port)
    finally:
        await coordinator.close()


async def _add_node(coordinator: asyncpg.Connection, host: str, port: int) -> None:
    """citus_add_node, tried again when the coordinator's first connection to the fresh
    database on the worker fails (the failed call rolls back whole)."""
    for attempt in range(5):
        try:
            await coordinator.execute("SELECT citus_add_node($1, $2)", host, port)
            return
        except asyncpg.InternalServerError:
            if attempt == 4:
                raise
            await asyncio.sleep(0.5 * (attempt + 1))


async def drop_citus_database(base_url: str, database: str) -> None:
    """After DROP DATABASE on the coordinator: drop it on the workers too."""
    for host, port in workers():
        admin = await asyncpg.connect(_dsn(base_url, host, port, "postgres"))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        finally:
            await admin.close()
