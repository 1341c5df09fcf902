"""Progress records of long-running work (bulk actions, exports), read by `GET /jobs/{id}`."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, Principal
from app.core.errors import Forbidden, NotFound
from app.jobs.models import Job


class JobNotFound(NotFound):
    code = "job_not_found"
    title = "Job not found"


def principal_params(ctx: Context) -> dict[str, Any]:
    """What a job needs to act as the principal who started it."""
    p = ctx.principal
    return {
        "kind": p.kind,
        "id": str(p.id) if p.id else None,
        "label": p.label,
        "role": p.role,
        "scopes": sorted(p.scopes),
    }


def principal_from(params: dict[str, Any]) -> Principal:
    return Principal(
        kind=params["kind"],
        id=uuid.UUID(params["id"]) if params.get("id") else None,
        label=params["label"],
        role=params.get("role"),
        scopes=frozenset(params.get("scopes") or ()),
    )


async def create_job(
    session: AsyncSession, ctx: Context, kind: str, params: dict[str, Any], total: int | None
) -> Job:
    job = Job(
        tenant_id=ctx.tenant_id,
        kind=kind,
        status="queued",
        total=total,
        done=0,
        params={**params, "principal": principal_params(ctx)},
        created_by=ctx.principal.label,
        actor_id=ctx.principal.id,
    )
    session.add(job)
    await session.flush()
    return job


async def get_job(session: AsyncSession, tenant_id: uuid.UUID, job_id: uuid.UUID) -> Job:
    job = await session.scalar(select(Job).where(Job.tenant_id == tenant_id, Job.id == job_id))
    if job is None:
        raise JobNotFound(f"No job {job_id}.")
    return job


async def get_visible_job(session: AsyncSession, ctx: Context, job_id: uuid.UUID) -> Job:
    job = await get_job(session, ctx.tenant_id, job_id)
    started_it = job.actor_id is not None and job.actor_id == ctx.principal.id
    if not (started_it or ctx.principal.can("customers:read")):
        raise Forbidden("This job was started by someone else; reading it needs `customers:read`.")
    return job


async def set_progress(
    session: AsyncSession,
    job: Job,
    *,
    done: int | None = None,
    status: str | None = None,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    values: dict[str, Any] = {"updated_at": datetime.now(UTC)}
    if done is not None:
        values["done"] = done
    if status is not None:
        values["status"] = status
        if status in ("succeeded", "failed"):
            values["finished_at"] = datetime.now(UTC)
    if result is not None:
        values["result"] = result
    if error is not None:
        values["error"] = error
    await session.execute(
        update(Job).where(Job.tenant_id == job.tenant_id, Job.id == job.id).values(**values)
    )
    for key, value in values.items():
        setattr(job, key, value)
