"""Loyalty crons (listed by app/worker.py): hourly lots and birthdays, nightly levels. Each
tenant in its own unit of work, so one tenant's failure leaves the others' work done."""

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from arq import func
from arq.cron import cron
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import unit_of_work
from app.loyalty import crons

log = structlog.get_logger()

PerTenant = Callable[[AsyncSession, Any], Awaitable[int]]


async def _each_tenant(name: str, work: PerTenant) -> dict[str, int]:
    async with unit_of_work() as session:
        tenant_ids = await crons.tenants_with_programme(session)
    done: dict[str, int] = {}
    for tenant_id in tenant_ids:
        try:
            async with unit_of_work(tenant_id=tenant_id) as session:
                done[str(tenant_id)] = await work(session, tenant_id)
        except Exception:
            log.exception("loyalty.cron_failed", job=name, tenant_id=str(tenant_id))
    return done


async def settle_loyalty_lots(ctx: dict[str, Any]) -> dict[str, int]:
    """Mature and expire lots, every tenant."""
    return await _each_tenant("settle_lots", crons.settle_lots)


async def give_birthday_bonuses(ctx: dict[str, Any]) -> dict[str, int]:
    """Birthday bonuses of each tenant's local today (hourly: each zone's day starts once)."""
    return await _each_tenant("birthdays", crons.birthday_bonuses)


async def recompute_loyalty_levels(ctx: dict[str, Any]) -> dict[str, int]:
    """Levels by the rolling window, downgrades after grace, every tenant."""
    return await _each_tenant("levels", crons.recompute_levels)


FUNCTIONS = [
    func(settle_loyalty_lots, timeout=1800, max_tries=3),
    func(give_birthday_bonuses, timeout=1800, max_tries=3),
    func(recompute_loyalty_levels, timeout=3600, max_tries=3),
]
CRON_JOBS = [
    cron(settle_loyalty_lots, minute={15}, unique=True, timeout=1800),
    cron(give_birthday_bonuses, minute={20}, unique=True, timeout=1800),
    cron(recompute_loyalty_levels, hour={2}, minute={40}, unique=True, timeout=3600),
]
