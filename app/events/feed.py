"""GET /events: the outbox as a feed for consumers that cannot receive webhooks.

Ids are handed out when an event is written, not when it commits: a reader paging by id alone
would step over an event whose transaction commits after a later one's. So the feed pages by
(txid, id) and shows only the events of transactions older than the oldest one still running
(`pg_snapshot_xmin`): every event the feed will ever show after a cursor sorts after it. The
price: an event shows up once the transactions that began before it have ended (at most the
statement time-outs, usually milliseconds).
"""

import base64
import uuid

from sqlalchemy import Text, cast, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import ValidationFailed
from app.events.models import Event
from app.events.schemas import EventOut, EventPage

MAX_LIMIT = 500


def _cursor(txid: int, id_: int) -> str:
    return base64.urlsafe_b64encode(f"{txid}.{id_}".encode()).decode().rstrip("=")


def _read_cursor(cursor: str) -> tuple[int, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        txid, id_ = raw.split(".", 1)
        return int(txid), int(id_)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed.field(
            ["query", "after"], "invalid_cursor", "Pass the next_cursor of the page before."
        ) from None


async def list_events(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    after: str | None,
    types: list[str] | None,
    limit: int,
) -> EventPage:
    # Its own statement, run where the transaction ids are handed out (on Citus the coordinator).
    horizon = await session.scalar(
        select(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text))
    )
    query = select(Event).where(
        Event.tenant_id == tenant_id,
        Event.txid < int(horizon or 0),
        Event.type != "webhook.ping",
    )
    if after:
        txid, id_ = _read_cursor(after)
        query = query.where(tuple_(Event.txid, Event.id) > tuple_(literal(txid), literal(id_)))
    if types:
        query = query.where(Event.type.in_(types))
    rows = list(await session.scalars(query.order_by(Event.txid, Event.id).limit(limit)))
    last = rows[-1] if rows else None
    return EventPage(
        items=[EventOut.of(e) for e in rows],
        next_cursor=_cursor(last.txid, last.id) if last else after,
    )
