"""Bounds on the work one tenant may queue: every tenant shares the worker, so a caller
who can queue jobs must not be able to fill it.

A job counts as active while `queued` or `running` and touched within `stale_after` (a
worker killed mid-job leaves its row `running`; it must not block the tenant forever).
Checks run under a transaction-scoped advisory lock per tenant and job family, so two
requests at once cannot both see room for one more.
"""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import RateLimited
from app.jobs.models import Job

ACTIVE = ("queued", "running")


class TooManyJobs(RateLimited):
    code = "too_many_jobs"
    title = "Too many jobs of this kind are queued or running"


async def lock_family(session: AsyncSession, tenant_id: uuid.UUID, family: str) -> None:
    """Serialise the check-then-create of one tenant's jobs of a family until commit."""
    key = func.hashtextextended(f"{tenant_id}:jobs:{family}", 0)
    await session.execute(select(func.pg_advisory_xact_lock(key)))


async def active_jobs(
    session: AsyncSession, tenant_id: uuid.UUID, family: str, stale_after: timedelta
) -> list[Job]:
    """The tenant's active jobs of a family (`stats.recompute_rfm`, or `bulk.` for every
    kind it starts), oldest first."""
    kind = (
        Job.kind.startswith(family, autoescape=True) if family.endswith(".") else Job.kind == family
    )
    rows = await session.scalars(
        select(Job)
        .where(
            Job.tenant_id == tenant_id,
            kind,
            Job.status.in_(ACTIVE),
            Job.updated_at > datetime.now(UTC) - stale_after,
        )
        .order_by(Job.created_at)
    )
    return list(rows)


async def last_finished(session: AsyncSession, tenant_id: uuid.UUID, kind: str) -> Job | None:
    return await session.scalar(
        select(Job)
        .where(Job.tenant_id == tenant_id, Job.kind == kind, Job.finished_at.is_not(None))
        .order_by(Job.finished_at.desc())
        .limit(1)
    )


def too_many(what: str, limit: int, retry_after: timedelta) -> TooManyJobs:
    seconds = max(1, int(retry_after.total_seconds()))
    return TooManyJobs(
        f"At most {limit} {what} at a time; wait for one to finish.",
        headers={"Retry-After": str(seconds)},
    )
