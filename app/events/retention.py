"""The daily purge of the outbox: events (and their deliveries) go after `events_retention_days`.

The one scan across tenants is `tenants_with_expired_events`; each tenant's rows then go in
its own transaction, so one tenant's purge never holds another's rows.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.config import get_settings
from app.core.db import unit_of_work
from app.events.models import Event

log = structlog.get_logger()


_EXPIRED = text(
    "SELECT EXISTS (SELECT FROM events WHERE tenant_id = :tenant_id AND occurred_at < :cutoff)"
)


async def tenants_with_expired_events(session: AsyncSession, cutoff: datetime) -> list[uuid.UUID]:
    """The cross-tenant scan of the purge: tenants holding an event older than `cutoff` (each
    asked with its tenant set, `tenancy.tenants_having`)."""
    return await tenancy.tenants_having(session, _EXPIRED, {"cutoff": cutoff})


async def purge_tenant_events(session: AsyncSession, tenant_id: uuid.UUID, cutoff: datetime) -> int:
    """Delete one tenant's events older than `cutoff`; their deliveries go with them."""
    result = await session.execute(
        delete(Event).where(Event.tenant_id == tenant_id, Event.occurred_at < cutoff)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def purge_events(now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=get_settings().events_retention_days)
    async with unit_of_work() as session:
        tenant_ids = await tenants_with_expired_events(session, cutoff)
    total = 0
    for tenant_id in tenant_ids:
        async with unit_of_work(tenant_id=tenant_id) as session:
            total += await purge_tenant_events(session, tenant_id, cutoff)
    log.info("events.purged", tenants=len(tenant_ids), events=total)
    return total


async def purge_expired_events(ctx: dict[str, Any]) -> int:
    """The daily cron."""
    return await purge_events()
