"""RFM scoring and aggregate reconciliation: nightly cron jobs, also enqueued on demand."""

import uuid
from typing import Any

import structlog
from arq import func
from arq.cron import cron
from sqlalchemy import select, text

from app.core.db import unit_of_work
from app.stats import aggregates, rfm
from app.tenants.models import Tenant
from app.transactions import fields as _period_fields  # noqa: F401  (registers filter fields)
from app.worker import CRON_JOBS, FUNCTIONS

log = structlog.get_logger()


async def _tenant_ids(tenant_id: str | None) -> list[uuid.UUID]:
    if tenant_id:
        return [uuid.UUID(tenant_id)]
    async with unit_of_work() as session:
        return list(await session.scalars(select(Tenant.id).order_by(Tenant.id)))


async def recompute_rfm(ctx: dict[str, Any], tenant_id: str | None = None) -> dict[str, int]:
    """Score every customer of one tenant (or all tenants); one transaction per tenant."""
    changed: dict[str, int] = {}
    for tid in await _tenant_ids(tenant_id):
        async with unit_of_work() as session:
            await session.execute(text("SET LOCAL statement_timeout = 0"))
            changed[str(tid)] = await rfm.score_tenant(session, tid)
        log.info("rfm_recomputed", tenant_id=str(tid), changed=changed[str(tid)])
    return changed


async def reconcile_aggregates(
    ctx: dict[str, Any], tenant_id: str | None = None, fix: bool = True
) -> dict[str, int]:
    """Recompute every aggregate from the source rows; report (and fix) the drifted customers."""
    drift: dict[str, int] = {}
    for tid in await _tenant_ids(tenant_id):
        async with unit_of_work() as session:
            await session.execute(text("SET LOCAL statement_timeout = 0"))
            result = await aggregates.reconcile(session, tid, fix=fix)
            drift[str(tid)] = result.customers
        if result.customers:
            log.warning(
                "aggregate_drift", tenant_id=str(tid), customers=result.customers, fixed=fix
            )
    return drift


FUNCTIONS.extend(
    [
        func(recompute_rfm, timeout=1800, max_tries=3),
        func(reconcile_aggregates, timeout=3600, max_tries=3),
    ]
)
CRON_JOBS.extend(
    [
        cron(recompute_rfm, hour={2}, minute={30}, unique=True, timeout=1800),
        cron(reconcile_aggregates, hour={3}, minute={30}, unique=True, timeout=3600),
    ]
)
