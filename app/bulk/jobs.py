"""The bulk-action job: works through the selection in id order, chunk by chunk.

It runs the bulk actions and the chunk actions of other domains that `app/worker.py` lists
in `service.JOB_ACTIONS` (issuing a voucher to each customer of a selection).

Progress (`done`, the last id) is committed after every chunk; every action is idempotent
per customer, so a retried job resumes after the last committed chunk. A job runs holding
its row's lock, so a recovery (`app/jobs/recovery.py`) of one that is only slow never runs
beside it.
"""

import uuid
from typing import Any

from arq.worker import Retry
from arq.worker import func as arq_func
from sqlalchemy import ARRAY, UUID, Select, any_, cast, func, select
from sqlalchemy.exc import DBAPIError

from app.audit import service as audit
from app.bulk import service
from app.core import reconnect, statistics, sweeper
from app.core.config import get_settings
from app.core.context import Context
from app.core.db import bound_statements_to, unit_of_work
from app.customers import search
from app.customers.models import Customer
from app.events import outbox
from app.jobs import recovery
from app.jobs import service as jobs
from app.jobs.models import Job
from app.segments import service as segments
from app.tenants import service as tenants


async def _context(session: Any, job: Job) -> Context:
    tenant = tenants.info(await tenants.get(session, job.tenant_id))
    return Context(tenant=tenant, principal=jobs.principal_from(job.params["principal"]))


def _selection(raw: dict[str, Any]) -> search.Selection:
    return search.Selection(
        filter=raw.get("filter"),
        q=raw.get("q"),
        segment_id=uuid.UUID(raw["segment_id"]) if raw.get("segment_id") else None,
        ids=[uuid.UUID(i) for i in raw["ids"]] if raw.get("ids") is not None else None,
    )


# How long a job waits for its row's lock (a killed worker's last statement may still run).
LOCK_WAIT_SECONDS = 30


async def run_bulk_job(
    ctx: dict[str, Any], *, bulk_job_id: str, tenant_id: str | None = None
) -> dict[str, Any]:
    """Run a bulk job chunk by chunk, for its tenant (`tenant_id`; row-level security). A job
    queued before the tenant was passed finds no row and is skipped; the recovery sweeper
    queues it again from the row, with its tenant."""
    tid = uuid.UUID(tenant_id) if tenant_id else None
    job_of = _job_of(uuid.UUID(bulk_job_id), tid)
    async with sweeper.running_alone(recovery.lock_name(bulk_job_id), LOCK_WAIT_SECONDS) as mine:
        if not mine:
            return {"skipped": True, "already_running": True}
        return await _run_or_fail(job_of, tid)


async def _run_or_fail(job_of: Select[tuple[Job]], tenant_id: uuid.UUID | None) -> dict[str, Any]:
    try:
        # Each chunk commits with its progress: after a lost connection the job goes on
        # from the last committed chunk.
        return await reconnect.until_reachable(lambda: _run(job_of, tenant_id), job="run_bulk_job")
    except Retry:
        raise  # the database stayed away: the job is queued again, not failed
    except Exception as exc:
        # The failed chunk rolled back and the chunks before it stay done; the job says it
        # stopped (and why) instead of showing `running` forever.
        async with unit_of_work(tenant_id=tenant_id) as session:
            job = await session.scalar(job_of)
            if job is not None and job.status != "succeeded":
                await jobs.set_progress(session, job, status="failed", error=_reason(exc))
        raise


def _reason(exc: Exception) -> str:
    if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == "57014":
        return "A step took longer than the database allows; nothing after it was changed."
    return f"The job stopped on an unexpected error ({type(exc).__name__}); nothing after it was changed."


def _job_of(job_id: uuid.UUID, tenant_id: uuid.UUID | None) -> Select[tuple[Job]]:
    query = select(Job).where(Job.id == job_id)
    return query if tenant_id is None else query.where(Job.tenant_id == tenant_id)


async def _run(job_of: Select[tuple[Job]], tenant_id: uuid.UUID | None) -> dict[str, Any]:
    async with unit_of_work(tenant_id=tenant_id) as session:
        job = await session.scalar(job_of)
        if job is None or job.status == "succeeded":
            return {"skipped": True}
        context = await _context(session, job)
        params = job.params
        selection = await segments.resolve(session, context, _selection(params["selection"]))
        where = await search.selection_where(session, context, selection)
        result = dict(job.result or {})
        if "audit_event_id" not in result:
            if params["action"] == "delete":
                count = await session.scalar(
                    select(func.count()).select_from(Customer).where(where)
                )
                if (count or 0) > params["expected_count"]:
                    await jobs.set_progress(
                        session,
                        job,
                        status="failed",
                        error="The selection grew after it was confirmed.",
                    )
                    return {"failed": True}
            event = await audit.record_bulk(
                session,
                context,
                params.get("event") or f"customers.bulk.{params['action']}",
                select(Customer.id).where(where),
                meta={
                    "action": params["action"],
                    "params": params["params"],
                    "selection": service.audited_selection(params["action"], params["selection"]),
                    "job_id": str(job.id),
                },
            )
            result = {"audit_event_id": event.id, "changed": 0, "last_id": None}
            await jobs.set_progress(session, job, status="running", result=result)
    while True:
        async with unit_of_work(tenant_id=tenant_id) as session:
            # A few set-based statements over 5,000 customers: far under the bound.
            await bound_statements_to(session, get_settings().bulk_chunk_statement_timeout_ms)
            job = await session.scalar(job_of)
            assert job is not None
            context = await _context(session, job)
            selection = await segments.resolve(
                session, context, _selection(job.params["selection"])
            )
            where = await search.selection_where(session, context, selection)
            result = dict(job.result or {})
            query = select(Customer.id).where(where).order_by(Customer.id).limit(service.CHUNK)
            if result.get("last_id"):
                query = query.where(Customer.id > uuid.UUID(result["last_id"]))
            chunk = list(await session.scalars(query))
            if not chunk:
                await jobs.set_progress(
                    session, job, status="succeeded", done=job.total or job.done
                )
                await outbox.emit(
                    session, job.tenant_id, "bulk.completed",
                    {"id": job.id, "action": job.params["action"],
                     "affected": int(result.get("changed", 0))},
                )  # fmt: skip
                break
            action = job.params["action"]
            if action in service.JOB_ACTIONS:
                changed = await service.JOB_ACTIONS[action](
                    session, context, job.params["params"], chunk
                )
            else:
                changed = await service.apply(
                    session,
                    context,
                    action,
                    job.params["params"],
                    # One array parameter, not 5,000 binds to send and plan.
                    (Customer.tenant_id == job.tenant_id)
                    & (Customer.id == any_(cast(chunk, ARRAY(UUID(as_uuid=True))))),
                )
            result["changed"] = int(result.get("changed", 0)) + changed
            result["last_id"] = str(chunk[-1])
            await jobs.set_progress(session, job, done=job.done + len(chunk), result=result)
    async with unit_of_work(tenant_id=tenant_id) as session:
        # The chunks are committed: the next statements plan on fresh statistics. A transaction
        # of its own: Citus refuses ANALYZE after a read over several connections.
        await statistics.refresh_after(session, BULK_TABLES, int(result.get("changed", 0)))
    return result


# What a bulk action writes: the customers themselves (update, delete) or their tags.
BULK_TABLES = ("customers", "customer_tags")

# Listed by app/worker.py (with `service.pending_run` as the resumer of `bulk.` rows).
FUNCTIONS = [arq_func(run_bulk_job, name="run_bulk_job", timeout=3600)]
