"""arq WorkerSettings: every domain's jobs and cron jobs, with shared clients in ctx."""

import os
from pathlib import Path
from typing import Any, ClassVar

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from arq.connections import RedisSettings
from arq.cron import CronJob, cron

from app.bulk import jobs as bulk_jobs
from app.bulk import service as bulk_service
from app.core import sweeper
from app.core.config import get_settings
from app.core.db import bound_statements, dispose_engine, get_engine
from app.core.job_logs import quiet_jobs
from app.core.jobs import ArqQueue
from app.core.logging import configure_logging
from app.events import jobs as events_jobs
from app.imports import jobs as imports_jobs
from app.jobs import recovery
from app.loyalty import jobs as loyalty_jobs
from app.privacy import jobs as privacy_jobs
from app.stats import jobs as stats_jobs
from app.vouchers import jobs as vouchers_jobs
from app.vouchers import service as vouchers_service
from app.webhooks import jobs as webhooks_jobs

# Every domain's jobs, listed here (a domain's jobs.py imports nothing of the worker).
FUNCTIONS: list[Any] = [
    *imports_jobs.FUNCTIONS,
    *bulk_jobs.FUNCTIONS,
    *stats_jobs.FUNCTIONS,
    *vouchers_jobs.FUNCTIONS,
    *privacy_jobs.FUNCTIONS,
    *webhooks_jobs.FUNCTIONS,
    *loyalty_jobs.FUNCTIONS,
]
# Each domain's sweep of the work whose arq job was lost, run by one cron below.
SWEEPS: tuple[sweeper.Sweep, ...] = (
    imports_jobs.recover_stalled_imports,
    recovery.recover_stalled_jobs,
)
# The hooks of higher domains into lower machinery, wired here rather than by the domains'
# imports: the chunk actions of the bulk job, and how a row of `jobs` is queued again.
bulk_service.JOB_ACTIONS.update({vouchers_service.ISSUE_ACTION: vouchers_service.issue_chunk})
recovery.RESUMERS.update(
    {"bulk.": bulk_service.pending_run, "vouchers.issue": bulk_service.pending_run}
)


async def recover_stalled_work(ctx: dict[str, Any]) -> dict[str, int]:
    """The cron: queue again the work of every domain whose arq job was lost."""
    return await sweeper.run_sweeps(ctx, SWEEPS)


async def _check_schema_at_head() -> None:
    from app.cli import alembic_config

    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    async with get_engine().connect() as conn:
        current = await conn.run_sync(
            lambda c: set(MigrationContext.configure(c).get_current_heads())
        )
    if current != heads:
        raise RuntimeError(
            f"database schema {sorted(current)} is not at head {sorted(heads)}: run `kartoteka migrate`"
        )


def _lower_priority(nice: int) -> None:
    """Run this process at `nice` (only ever lowering its priority). Linux keeps a nice value
    per thread, and a new thread inherits its creator's: each thread there now is set (the event
    loop's executor may have started before this hook), and threads started later by any of
    them (polars' pool, more executor threads) inherit it."""
    if nice <= 0:
        return
    tasks = Path("/proc/self/task")
    for tid in [int(t.name) for t in tasks.iterdir()] if tasks.is_dir() else [0]:
        os.setpriority(os.PRIO_PROCESS, tid, max(nice, os.getpriority(os.PRIO_PROCESS, tid)))


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    _lower_priority(settings.worker_nice)
    configure_logging(settings.log_json)
    quiet_jobs(webhooks_jobs.QUIET_JOBS)
    bound_statements(settings.worker_statement_timeout_ms)
    await _check_schema_at_head()
    ctx["queue"] = ArqQueue(ctx["redis"])
    webhooks_jobs.open_client(ctx)


async def shutdown(ctx: dict[str, Any]) -> None:
    await webhooks_jobs.close_client(ctx)
    await dispose_engine()


CRON_JOBS: list[CronJob] = [
    *stats_jobs.CRON_JOBS,
    *vouchers_jobs.CRON_JOBS,
    *privacy_jobs.CRON_JOBS,
    *events_jobs.CRON_JOBS,
    *webhooks_jobs.CRON_JOBS,
    *loyalty_jobs.CRON_JOBS,
    # Work whose job was lost (Redis down at the commit or flushed, a worker killed) is
    # queued again from its row, by each domain's sweep in SWEEPS.
    cron(
        recover_stalled_work, second={0, 15, 30, 45}, run_at_startup=True, unique=True, timeout=60
    ),
]


class WorkerSettings:
    functions: ClassVar[list[Any]] = FUNCTIONS
    cron_jobs: ClassVar[list[CronJob]] = CRON_JOBS
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(get_settings().redis_url)
    max_jobs = 4
    # A queued job starts within a tenth of a second (arq's default waits up to half of one):
    # an import's preview and commit are jobs, and a small file's whole round is seconds.
    poll_delay = 0.1
    job_timeout = 3600
    # Long jobs store their progress and resume; a killed job is retried.
    max_tries = 5
    health_check_interval = 30
