"""Recovery of the `jobs` rows (bulk actions, a voucher issue to a selection) whose arq job
was lost: queued again from the row, at most `MAX_RECOVERIES` times, then failed with the
reason. The decisions are the sweeper's (`app/core/sweeper.py`), shared with the imports.

A running job holds `lock_name(job id)` (see `bulk/jobs.py`), so a slow job is left alone;
its `updated_at` is its heartbeat. `RESUMERS` says how the job of a row is queued again, by
the start of the row's `kind`; app/worker.py lists them (the domains are above this one).
"""

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import jobs as queue
from app.core import sweeper, tenancy
from app.core.db import unit_of_work
from app.core.sweeper import Verdict
from app.jobs.models import Job

log = structlog.get_logger()

# A row this long without progress has its job checked (a job waiting in the queue, or
# holding its lock, is left alone, so this may be short).
STALE_AFTER_SECONDS = 120
# Recoveries of one job (a worker died, or its enqueue was lost) before it is given up.
MAX_RECOVERIES = 3

# The arq job that runs a row, by the start of its kind ("bulk.", "vouchers.issue"): filled
# by app/worker.py, the one place that lists each domain's jobs.
RESUMERS: dict[str, Callable[[Job], queue.PendingJob]] = {}


def lock_name(job_id: Any) -> str:
    return f"job {job_id}"


def _resumer(kind: str) -> Callable[[Job], queue.PendingJob] | None:
    starts = [start for start in RESUMERS if kind.startswith(start)]
    return RESUMERS[max(starts, key=len)] if starts else None


def _uow(ctx: dict[str, Any]) -> AbstractAsyncContextManager[AsyncSession]:
    return unit_of_work(ctx.get("queue"))


async def recover_stalled_jobs(ctx: dict[str, Any]) -> int:
    """Queue again the jobs whose arq job is gone (nothing queued, nothing running), and let
    a killed worker's job run again at once; give up after `MAX_RECOVERIES`. Tenant by
    tenant (`tenancy.all_tenant_ids`), each with its tenant set."""
    async with _uow(ctx) as s:
        tenant_ids = await tenancy.all_tenant_ids(s)
    recovered = 0
    for tenant_id in tenant_ids:
        recovered += await _recover_tenant(ctx, tenant_id)
    return recovered


async def _recover_tenant(ctx: dict[str, Any], tenant_id: uuid.UUID) -> int:
    recovered = 0
    async with _uow(ctx) as s:
        await tenancy.use_tenant(s, tenant_id)
        stalled = await s.scalars(
            select(Job)
            .where(
                Job.tenant_id == tenant_id,
                Job.status.in_(("queued", "running")),
                Job.updated_at
                < func.now() - func.make_interval(0, 0, 0, 0, 0, 0, STALE_AFTER_SECONDS),
            )
            .with_for_update(skip_locked=True)
        )
        for job in stalled:
            resume = _resumer(job.kind)
            if resume is None:  # a kind no domain registered: said once per stale period
                log.warning("job.not_resumable", job_id=str(job.id), kind=job.kind)
                job.updated_at = func.statement_timestamp()  # type: ignore[assignment]
                continue
            pending = resume(job)
            verdict = await sweeper.triage(
                s,
                ctx.get("redis"),
                lock=lock_name(job.id),
                job_ids=pending.job_id or "",
                recoveries=job.recoveries,
                max_recoveries=MAX_RECOVERIES,
            )
            if verdict is Verdict.ALIVE:
                continue
            job.updated_at = func.statement_timestamp()  # type: ignore[assignment]
            if verdict is Verdict.WAITING:
                continue
            recovered += 1
            if verdict is Verdict.GIVE_UP:
                _give_up(job)
                continue
            job.recoveries += 1
            if verdict is Verdict.LOST:
                # The same arq job id as the first enqueue: arq refuses a second copy of it.
                queue.enqueue(s, pending.function, job_id=pending.job_id, **pending.kwargs)
            log.warning(
                "job.recovered", job_id=str(job.id), status=job.status, tries=job.recoveries
            )
    return recovered


def _give_up(job: Job) -> None:
    job.error = (
        f"The job stopped {MAX_RECOVERIES + 1} times while {job.status} and was given up "
        "(its worker or its place in the queue was lost each time); "
        "what it finished before stays done."
    )
    job.status = "failed"
    job.finished_at = func.now()  # type: ignore[assignment]
    log.error("job.given_up", job_id=str(job.id), kind=job.kind)
