"""A real arq worker process, SIGKILLed mid-preview and mid-commit, then replaced.

The import must still complete exactly once: every valid row written, none twice.
"""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest
from arq import create_pool
from arq.connections import RedisSettings
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import ArqQueue
from app.customers.models import Customer
from app.imports import service
from app.imports.models import Import, ImportRow
from tests.conftest import TEST_OWNER_URL
from tests.factories import owner_context
from tests.imports.test_jobs import _chunks
from tests.owner import owner_unit_of_work

ROWS = 100_000
STALE_AFTER = 5
# The worker of the app, on a queue of its own so no other test's worker or flush meets it;
# the file is read and written in smaller pieces than usual, so each phase lasts long enough
# to be caught midway.
WORKER = """
import sys
from arq.worker import Worker
from app.imports import frames, running
from app.worker import WorkerSettings as S
frames.PIECE_CHARS = 100_000
running.WRITE_CHUNK = 5_000
Worker(functions=S.functions, cron_jobs=S.cron_jobs, on_startup=S.on_startup,
       on_shutdown=S.on_shutdown, redis_settings=S.redis_settings, queue_name=sys.argv[1],
       poll_delay=0.05, max_jobs=S.max_jobs, job_timeout=S.job_timeout,
       max_tries=S.max_tries).run()
"""


def _file() -> bytes:
    lines = ["Imię;Nazwisko;E-mail;Telefon"]
    lines += [f"Anna{n};Kowalska;anna{n}@example.pl;{600000000 + n}" for n in range(ROWS)]
    return ("\n".join(lines) + "\n").encode("cp1250")


@contextmanager
def _worker(queue_name: str) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "KARTOTEKA_IMPORT_STALE_AFTER_SECONDS": str(STALE_AFTER)}
    proc = subprocess.Popen([sys.executable, "-c", WORKER, queue_name], env=env)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


async def _state(import_id: uuid.UUID) -> Import:
    async with owner_unit_of_work() as s:
        imp = await s.scalar(select(Import).where(Import.id == import_id))
    assert imp is not None
    return imp


class Phases:
    """Every change of the tenant's imports as it commits, told by PostgreSQL (LISTEN/NOTIFY
    from a trigger this test adds): the test waits for a phase instead of polling for it, so
    a busy machine cannot make it miss one."""

    def __init__(self, tenant_id: uuid.UUID) -> None:
        self.tenant_id = tenant_id
        self.name = f"kt_phases_{uuid.uuid4().hex[:8]}"
        self.changes: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def __aenter__(self) -> "Phases":
        self.conn = await asyncpg.connect(_plain_dsn())
        # One statement per call: Citus passes each DDL on to the workers, and refuses a
        # string of several there ("cannot insert multiple commands into a prepared statement").
        await self.conn.execute(f"""
            CREATE FUNCTION {self.name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('{self.name}', json_build_object(
                'id', NEW.id, 'status', NEW.status, 'done', NEW.progress->'done',
                'total', NEW.progress->'total', 'error', NEW.error)::text);
              RETURN NULL;
            END $$
        """)
        await self.conn.execute(f"""
            CREATE TRIGGER {self.name} AFTER UPDATE ON imports FOR EACH ROW
              WHEN (NEW.tenant_id = '{self.tenant_id}') EXECUTE FUNCTION {self.name}()
        """)
        self.listener = await _listener_for(self.conn, self.tenant_id)
        await self.listener.add_listener(self.name, self._heard)
        return self

    def _heard(self, conn: Any, pid: int, channel: str, payload: str) -> None:
        self.changes.put_nowait(json.loads(payload))

    async def __aexit__(self, *exc: object) -> None:
        if self.listener is not self.conn:
            await self.listener.close()
        await self.conn.execute(f"DROP TRIGGER {self.name} ON imports")
        await self.conn.execute(f"DROP FUNCTION {self.name}()")
        await self.conn.close()

    async def wait(
        self, import_id: uuid.UUID, until: Callable[[dict[str, Any]], bool], seconds: float
    ) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                change = await asyncio.wait_for(self.changes.get(), left)
            except TimeoutError:
                break
            if change["id"] != str(import_id):
                continue
            if until(change):
                return change
            if change["status"] in ("failed", "cancelled"):
                pytest.fail(f"the import ended {change['status']}: {change['error']}")
        pytest.fail(f"timed out; the import is {(await _state(import_id)).status}")


def _plain_dsn(host: str | None = None, port: int | None = None) -> str:
    # The test database as its owner: the trigger is the test's, not the app's.
    url = make_url(TEST_OWNER_URL).set(drivername="postgresql")
    if host is not None:
        url = url.set(host=host, port=port)
    return url.render_as_string(hide_password=False)


async def _listener_for(conn: asyncpg.Connection, tenant_id: uuid.UUID) -> asyncpg.Connection:
    """Where the trigger's notifications are heard: this database, or on Citus the worker
    holding the tenant's shard of imports (the trigger fires there, and NOTIFY stays on the
    node that sent it)."""
    if not await conn.fetchval("SELECT count(*) FROM pg_extension WHERE extname = 'citus'"):
        return conn
    node = await conn.fetchrow(
        """SELECT n.nodename, n.nodeport FROM pg_dist_placement p
             JOIN pg_dist_node n ON n.groupid = p.groupid
            WHERE p.shardid = get_shard_id_for_distribution_column('imports', $1::uuid)""",
        tenant_id,
    )
    return await asyncpg.connect(_plain_dsn(node["nodename"], node["nodeport"]))


def _midway(status: str) -> Callable[[dict[str, Any]], bool]:
    def check(change: dict[str, Any]) -> bool:
        return change["status"] == status and 0 < (change["done"] or 0) < (change["total"] or 0)

    return check


class TestKilledWorker:
    async def test_import_survives_sigkill_in_preview_and_in_commit(
        self, committed_tenant: TenantInfo
    ) -> None:
        queue_name = f"kill-test-{uuid.uuid4().hex[:8]}"
        pool = await create_pool(
            RedisSettings.from_dsn(os.environ["REDIS_URL"]), default_queue_name=queue_name
        )
        try:
            async with unit_of_work(ArqQueue(pool), tenant_id=committed_tenant.id) as s:
                imp = await service.create_import(
                    s, owner_context(committed_tenant), "k.csv", _chunks(_file()), 10**9, commit=True,
                    auto=True,
                )  # fmt: skip
            async with Phases(committed_tenant.id) as phases:
                with _worker(queue_name) as first:
                    await phases.wait(imp.id, _midway("validating"), 120)
                    first.send_signal(signal.SIGKILL)
                    first.wait()
                await asyncio.sleep(STALE_AFTER + 1)
                with _worker(queue_name) as second:
                    await phases.wait(imp.id, _midway("committing"), 180)
                    second.send_signal(signal.SIGKILL)
                    second.wait()
                written = (await _state(imp.id)).progress["done"]
                await asyncio.sleep(STALE_AFTER + 1)
                with _worker(queue_name):
                    await phases.wait(imp.id, lambda c: c["status"] == "completed", 180)
            done = await _state(imp.id)
        finally:
            await pool.aclose()
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            customers, emails = (
                await s.execute(
                    select(func.count(), func.count(func.distinct(Customer.email))).where(
                        Customer.tenant_id == committed_tenant.id
                    )
                )
            ).one()
            # Fresh statistics, as autovacuum would have: the planner otherwise takes both
            # 100k-row sides for one row each and joins them by a filtered nested loop.
            await s.execute(text("ANALYZE customers, import_rows"))
            # Each staged row's customer exists, made by this import.
            created = await s.scalar(
                select(func.count())
                .select_from(ImportRow)
                .join(
                    Customer,
                    (Customer.tenant_id == ImportRow.tenant_id)
                    & (Customer.id == ImportRow.customer_id),
                )
                .where(
                    ImportRow.tenant_id == committed_tenant.id,
                    ImportRow.import_id == imp.id,
                    Customer.import_id == imp.id,
                )
            )
        assert 0 < written < ROWS
        assert (customers, emails) == (ROWS, ROWS)
        assert created == ROWS
        assert done.counts["rows"] == ROWS
        assert (done.counts["created"], done.counts["skipped"]) == (ROWS, 0)
