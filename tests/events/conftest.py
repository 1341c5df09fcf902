"""Events written and committed for real: the feed only shows committed transactions."""

import asyncio
import uuid
from typing import Any

from app.core.db import unit_of_work
from app.events import outbox
from app.events.feed import list_events
from app.events.schemas import EventPage


async def emit(tenant_id: uuid.UUID, type_: str = "customer.created", **data: Any) -> None:
    """One event in its own committed transaction."""
    async with unit_of_work(tenant_id=tenant_id) as s:
        await outbox.emit(s, tenant_id, type_, data or {"id": uuid.uuid4()})


async def feed(
    tenant_id: uuid.UUID,
    *,
    after: str | None = None,
    types: list[str] | None = None,
    limit: int = 100,
) -> EventPage:
    async with unit_of_work(tenant_id=tenant_id) as s:
        return await list_events(s, tenant_id, after=after, types=types, limit=limit)


async def settled_feed(
    tenant_id: uuid.UUID, count: int, *, after: str | None = None, types: list[str] | None = None
) -> EventPage:
    """The feed once it shows `count` events: transactions of other tests on this server (any
    database) that began earlier hold the horizon back until they end, seconds at most."""
    for _ in range(300):
        page = await feed(tenant_id, after=after, types=types)
        if len(page.items) >= count:
            return page
        await asyncio.sleep(0.1)
    raise AssertionError(f"the feed never showed {count} events: {page.items}")
