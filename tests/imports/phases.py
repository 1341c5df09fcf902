"""Every change of a tenant's imports as it commits, recorded by a trigger the test adds: a
fault test waits for a phase instead of sampling the import's state, so a busy machine cannot
make it miss one.

The trigger appends each change to a log table on the node that holds the tenant's imports
(this database, or on Citus the worker with the tenant's shard, where the trigger fires) and
the test reads the log in order. Not LISTEN/NOTIFY: Citus commits a transaction that touched
several workers by two-phase commit, and PostgreSQL refuses to PREPARE one that sent NOTIFY."""

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import orjson
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app.imports.models import Import
from tests.conftest import TEST_OWNER_URL
from tests.owner import owner_unit_of_work

POLL_SECONDS = 0.05


class Phases:
    def __init__(self, tenant_id: uuid.UUID) -> None:
        self.tenant_id = tenant_id
        self.name = f"kt_phases_{uuid.uuid4().hex[:8]}"
        self.seen = 0

    async def __aenter__(self) -> "Phases":
        self.conn = await asyncpg.connect(plain_dsn())
        self.node = await _node_of(self.conn, self.tenant_id)
        await self.node.execute(
            f"CREATE TABLE {self.name} (seq bigserial PRIMARY KEY, change jsonb NOT NULL)"
        )
        # One statement per call: Citus passes each DDL on to the workers, and refuses a
        # string of several there ("cannot insert multiple commands into a prepared statement").
        # SECURITY DEFINER: the trigger fires as the app's role, the log is the test's.
        await self.conn.execute(f"""
            CREATE FUNCTION {self.name}() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path = public AS $$
            BEGIN
              INSERT INTO {self.name} (change) SELECT json_build_object(
                'id', NEW.id, 'status', NEW.status, 'done', NEW.progress->'done',
                'total', NEW.progress->'total', 'error', NEW.error);
              RETURN NULL;
            END $$
        """)
        await self.conn.execute(f"""
            CREATE TRIGGER {self.name} AFTER UPDATE ON imports FOR EACH ROW
              WHEN (NEW.tenant_id = '{self.tenant_id}') EXECUTE FUNCTION {self.name}()
        """)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.conn.execute(f"DROP TRIGGER {self.name} ON imports")
        await self.conn.execute(f"DROP FUNCTION {self.name}()")
        await self.node.execute(f"DROP TABLE {self.name}")
        if self.node is not self.conn:
            await self.node.close()
        await self.conn.close()

    async def _changes(self) -> list[dict[str, Any]]:
        rows = await self.node.fetch(
            f"SELECT seq, change FROM {self.name} WHERE seq > $1 ORDER BY seq", self.seen
        )
        if rows:
            self.seen = rows[-1]["seq"]
        return [orjson.loads(row["change"]) for row in rows]

    async def wait(
        self, import_id: uuid.UUID, until: Callable[[dict[str, Any]], bool], seconds: float
    ) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for change in await self._changes():
                if change["id"] != str(import_id):
                    continue
                if until(change):
                    return change
                if change["status"] in ("failed", "cancelled"):
                    pytest.fail(f"the import ended {change['status']}: {change['error']}")
            await asyncio.sleep(POLL_SECONDS)
        pytest.fail(f"timed out; the import is {(await state(import_id)).status}")


def midway(status: str) -> Callable[[dict[str, Any]], bool]:
    def check(change: dict[str, Any]) -> bool:
        return change["status"] == status and 0 < (change["done"] or 0) < (change["total"] or 0)

    return check


async def state(import_id: uuid.UUID) -> Import:
    async with owner_unit_of_work() as s:
        imp = await s.scalar(select(Import).where(Import.id == import_id))
    assert imp is not None
    return imp


def plain_dsn(host: str | None = None, port: int | None = None) -> str:
    # The test database as its owner: the trigger is the test's, not the app's.
    url = make_url(TEST_OWNER_URL).set(drivername="postgresql")
    if host is not None:
        url = url.set(host=host, port=port)
    return url.render_as_string(hide_password=False)


async def _node_of(conn: asyncpg.Connection, tenant_id: uuid.UUID) -> asyncpg.Connection:
    """This database, or on Citus the worker holding the tenant's shard of imports."""
    if not await conn.fetchval("SELECT count(*) FROM pg_extension WHERE extname = 'citus'"):
        return conn
    node = await conn.fetchrow(
        """SELECT n.nodename, n.nodeport FROM pg_dist_placement p
             JOIN pg_dist_node n ON n.groupid = p.groupid
            WHERE p.shardid = get_shard_id_for_distribution_column('imports', $1::uuid)""",
        tenant_id,
    )
    return await asyncpg.connect(plain_dsn(node["nodename"], node["nodeport"]))
