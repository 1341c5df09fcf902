from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import CustomersRead
from app.core.deps import SessionDep
from app.core.errors import responses
from app.events.catalogue import CATALOGUE
from app.events.feed import MAX_LIMIT, list_events
from app.events.schemas import EventPage

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=EventPage, responses=responses())
async def list_events_feed(
    session: SessionDep,
    ctx: CustomersRead,
    after: Annotated[str | None, Query(max_length=100, description="A page's next_cursor")] = None,
    type: Annotated[
        list[str] | None, Query(description="Only these event types", max_length=len(CATALOGUE))
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> EventPage:
    """The tenant's events, oldest first, from a cursor: the webhooks' events as a feed (kept 30 days)."""
    return await list_events(session, ctx.tenant_id, after=after, types=type, limit=limit)
