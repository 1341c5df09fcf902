"""arq WorkerSettings: every domain's jobs and cron jobs, with shared clients in ctx."""

from typing import Any, ClassVar

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from arq.connections import RedisSettings
from arq.cron import CronJob, cron

from app.core.config import get_settings
from app.core.db import bound_statements, dispose_engine, get_engine
from app.core.jobs import ArqQueue
from app.core.logging import configure_logging
from app.core.sweeper import recover_stalled_work

# Each domain appends its job functions and cron jobs here (see <domain>/jobs.py).
FUNCTIONS: list[Any] = []
CRON_JOBS: list[CronJob] = []


def _load_domain_jobs() -> None:
    """Import every domain's jobs module; each registers itself in FUNCTIONS / CRON_JOBS."""
    import importlib
    import pkgutil

    import app

    for module in pkgutil.iter_modules(app.__path__):
        if module.ispkg:
            try:
                importlib.import_module(f"app.{module.name}.jobs")
            except ModuleNotFoundError as exc:
                if exc.name != f"app.{module.name}.jobs":
                    raise


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


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    configure_logging(settings.log_json)
    bound_statements(settings.worker_statement_timeout_ms)
    await _check_schema_at_head()
    ctx["queue"] = ArqQueue(ctx["redis"])


async def shutdown(ctx: dict[str, Any]) -> None:
    await dispose_engine()


_load_domain_jobs()
# Work whose job was lost (Redis down at the commit or flushed, a worker killed) is queued
# again from its row: each domain registers its sweep in `app.core.sweeper.SWEEPS`.
CRON_JOBS.append(
    cron(
        recover_stalled_work,
        second={0, 15, 30, 45},
        run_at_startup=True,
        unique=True,
        timeout=60,
    )
)


class WorkerSettings:
    functions: ClassVar[list[Any]] = FUNCTIONS
    cron_jobs: ClassVar[list[CronJob]] = CRON_JOBS
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(get_settings().redis_url)
    max_jobs = 4
    job_timeout = 3600
    # Long jobs store their progress and resume; a killed job is retried.
    max_tries = 5
    health_check_interval = 30
