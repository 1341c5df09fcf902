"""RFM scoring and aggregate reconciliation: nightly cron jobs, also enqueued on demand;
the dashboard's per-day cache filled as each tenant's day closes."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from arq import func
from arq.cron import cron
from sqlalchemy import select

from app.core import tenancy
from app.core.config import get_settings
from app.core.db import bound_statements_to, unit_of_work
from app.jobs import service as jobs_service
from app.jobs.models import Job
from app.stats import aggregates, rfm
from app.stats_days import service as days
from app.tenants.models import Tenant

log = structlog.get_logger()


async def _tenant_ids(tenant_id: str | None) -> list[uuid.UUID]:
    if tenant_id:
        return [uuid.UUID(tenant_id)]
    async with unit_of_work() as session:
        return await tenancy.all_tenant_ids(session)


async def _mark(tenant_id: str | None, job_id: str | None, status: str, **values: Any) -> None:
    """The progress of the job row an on-demand run was queued with (`app.stats.queue`)."""
    if tenant_id is None or job_id is None:
        return
    async with unit_of_work(tenant_id=uuid.UUID(tenant_id)) as session:
        job = await session.scalar(
            select(Job).where(Job.tenant_id == uuid.UUID(tenant_id), Job.id == uuid.UUID(job_id))
        )
        if job is not None:
            await jobs_service.set_progress(session, job, status=status, **values)


@asynccontextmanager
async def _tracked(tenant_id: str | None, job_id: str | None) -> AsyncIterator[dict[str, int]]:
    """Marks the job row running, then succeeded with the yielded result, or failed."""
    result: dict[str, int] = {}
    await _mark(tenant_id, job_id, "running")
    try:
        yield result
    except Exception as exc:
        await _mark(tenant_id, job_id, "failed", error=f"{type(exc).__name__}")
        raise
    await _mark(tenant_id, job_id, "succeeded", result=result)


async def recompute_rfm(
    ctx: dict[str, Any], tenant_id: str | None = None, stats_job_id: str | None = None
) -> dict[str, int]:
    """Score every customer of one tenant (or all tenants); one transaction per tenant."""
    async with _tracked(tenant_id, stats_job_id) as changed:
        for tid in await _tenant_ids(tenant_id):
            async with unit_of_work(tenant_id=tid) as session:
                await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
                changed[str(tid)] = await rfm.score_tenant(session, tid)
            log.info("rfm_recomputed", tenant_id=str(tid), changed=changed[str(tid)])
    return changed


async def reconcile_aggregates(
    ctx: dict[str, Any],
    tenant_id: str | None = None,
    fix: bool = True,
    stats_job_id: str | None = None,
) -> dict[str, int]:
    """Recompute every aggregate from the source rows; report (and fix) the drifted customers."""
    async with _tracked(tenant_id, stats_job_id) as drift:
        for tid in await _tenant_ids(tenant_id):
            async with unit_of_work(tenant_id=tid) as session:
                await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
                result = await aggregates.reconcile(session, tid, fix=fix)
                drift[str(tid)] = result.customers
            if result.customers:
                log.warning(
                    "aggregate_drift", tenant_id=str(tid), customers=result.customers, fixed=fix
                )
    return drift


# The default dashboard (last 30 days and the 30 before) reads these days.
FILL_DAYS = 60


async def fill_stats_days(ctx: dict[str, Any], tenant_id: str | None = None) -> dict[str, int]:
    """Cache the closed days of the default dashboard for every tenant (yesterday, once a
    day; any day dropped since), so the first view of the day reads only cached rows."""
    filled: dict[str, int] = {}
    now = datetime.now(UTC)
    for tid in await _tenant_ids(tenant_id):
        async with unit_of_work(tenant_id=tid) as session:
            tenant = await session.get(Tenant, tid)
            if tenant is None:
                continue
            tz = ZoneInfo(tenant.timezone)
            end = days.first_open_day(tz, now)
            rows = await days.cached(session, tid, tz, end - timedelta(days=FILL_DAYS), end)
            filled[str(tid)] = len(rows)
    return filled


# Listed by app/worker.py.
FUNCTIONS = [
    func(recompute_rfm, timeout=1800, max_tries=3),
    func(reconcile_aggregates, timeout=3600, max_tries=3),
    func(fill_stats_days, timeout=1800, max_tries=3),
]
CRON_JOBS = [
    cron(recompute_rfm, hour={2}, minute={30}, unique=True, timeout=1800),
    cron(reconcile_aggregates, hour={3}, minute={30}, unique=True, timeout=3600),
    # Hourly: a day closes `days.GRACE` after local midnight, at 00:30 UTC for UTC tenants
    # and at another hour for each other time zone; a run with nothing missing is one read.
    cron(fill_stats_days, minute={35}, unique=True, timeout=1800),
]
