"""An import run by a real arq worker process on a Redis of the test's own, for the tests
that take its Redis or its database connections away midway (issue #14, surviving faults)."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from arq.connections import ArqRedis
from sqlalchemy import func, select

from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import ArqQueue
from app.customers.models import Customer
from app.imports import service
from app.imports.models import Import
from tests.factories import owner_context
from tests.imports.test_jobs import _chunks

ROWS = 40_000
STALE_AFTER = 4
# The app's worker, reading and writing in small pieces so each phase can be caught midway.
WORKER = """
from arq.worker import Worker
from app.imports import frames, jobs
from app.worker import WorkerSettings as S
frames.PIECE_CHARS = 50_000
jobs.WRITE_CHUNK = 2_000
Worker(functions=S.functions, cron_jobs=S.cron_jobs, on_startup=S.on_startup,
       on_shutdown=S.on_shutdown, redis_settings=S.redis_settings, poll_delay=0.05,
       max_jobs=S.max_jobs, job_timeout=S.job_timeout, max_tries=S.max_tries).run()
"""


def import_file() -> bytes:
    lines = ["Imię;Nazwisko;E-mail;Telefon"]
    lines += [f"Ewa{n};Zając;ewa{n}@example.pl;{700000000 + n}" for n in range(ROWS)]
    return ("\n".join(lines) + "\n").encode("cp1250")


@contextmanager
def import_worker(redis_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "KARTOTEKA_IMPORT_STALE_AFTER_SECONDS": str(STALE_AFTER),
    }
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-c", WORKER], env=env, stdout=out, stderr=out)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


async def queue_import(tenant: TenantInfo, pool: ArqRedis) -> Import:
    """Upload `import_file()` with commit=True: its preview job waits in the pool's Redis."""
    async with unit_of_work(ArqQueue(pool), tenant_id=tenant.id) as s:
        return await service.create_import(
            s,
            owner_context(tenant),
            "ewa.csv",
            _chunks(import_file()),
            10**9,
            commit=True,
            auto=True,
        )


async def imported(tenant: TenantInfo, import_id: uuid.UUID) -> tuple[int, int]:
    """Customers the import created, and how many distinct emails they have."""
    async with unit_of_work(tenant_id=tenant.id) as s:
        customers, emails = (
            await s.execute(
                select(func.count(), func.count(func.distinct(Customer.email))).where(
                    Customer.tenant_id == tenant.id, Customer.import_id == import_id
                )
            )
        ).one()
    return customers, emails
