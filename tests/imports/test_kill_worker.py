"""A real arq worker process, SIGKILLed mid-preview and mid-commit, then replaced.

The import must still complete exactly once: every valid row written, none twice.
"""

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from arq import create_pool
from arq.connections import RedisSettings
from sqlalchemy import func, select, text

from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import ArqQueue
from app.customers.models import Customer
from app.imports import service
from app.imports.models import ImportRow
from tests.factories import owner_context
from tests.imports.phases import Phases, midway, state
from tests.imports.test_jobs import _chunks

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
                    await phases.wait(imp.id, midway("validating"), 120)
                    first.send_signal(signal.SIGKILL)
                    first.wait()
                await asyncio.sleep(STALE_AFTER + 1)
                with _worker(queue_name) as second:
                    await phases.wait(imp.id, midway("committing"), 180)
                    second.send_signal(signal.SIGKILL)
                    second.wait()
                written = (await state(imp.id)).progress["done"]
                await asyncio.sleep(STALE_AFTER + 1)
                with _worker(queue_name):
                    await phases.wait(imp.id, lambda c: c["status"] == "completed", 180)
            done = await state(imp.id)
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
