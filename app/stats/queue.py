"""Recompute and reconcile on demand: at most one queued or running per tenant, and a
cooldown after each, since every tenant shares the worker (issue #18)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import jobs as queue
from app.core.context import Context
from app.jobs import limits
from app.jobs import service as jobs
from app.jobs.models import Job

COOLDOWN = timedelta(minutes=5)
# Past the job's own timeout (app.stats.jobs) a row still `running` is a dead worker's.
STALE_AFTER = {
    "recompute_rfm": timedelta(minutes=40),
    "reconcile_aggregates": timedelta(minutes=70),
}


async def queue_once(session: AsyncSession, ctx: Context, function: str) -> tuple[Job, bool]:
    """The tenant's active job of this function, or a new one queued after the commit
    (True); TooManyJobs if one finished less than COOLDOWN ago."""
    kind = f"stats.{function}"
    await limits.lock_family(session, ctx.tenant_id, kind)
    active = await limits.active_jobs(session, ctx.tenant_id, kind, STALE_AFTER[function])
    if active:
        return active[0], False
    last = await limits.last_finished(session, ctx.tenant_id, kind)
    now = datetime.now(UTC)
    if last is not None and last.finished_at is not None and last.finished_at > now - COOLDOWN:
        raise limits.too_many(
            f"{function} per {int(COOLDOWN.total_seconds() // 60)} minutes",
            1,
            last.finished_at + COOLDOWN - now,
        )
    job = await jobs.create_job(session, ctx, kind, {}, None)
    queue.enqueue(
        session,
        function,
        job_id=f"stats:{job.id}",
        tenant_id=str(ctx.tenant_id),
        stats_job_id=str(job.id),
    )
    return job, True
