"""What the customer's points look like: the figures (live: a lot whose pending days ended
counts as available even before the cron moves it), the ledger's pages, level history."""

import base64
import uuid
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.core.errors import ValidationFailed
from app.customers.service import get_customer
from app.loyalty import programme
from app.loyalty.ledger import now_of
from app.loyalty.levels import qualifying_figure
from app.loyalty.models import LoyaltyAccount, LoyaltyEntry
from app.loyalty.schemas import EntryOut, ExpiringNext, LedgerPage, LevelOut, PointsOut

_LIVE = text("""
SELECT
  coalesce(sum(remaining) FILTER (WHERE pending AND available_at <= now()), 0) AS matured,
  min(expires_at) AS next_expiry
FROM loyalty_lots
WHERE tenant_id = :tenant_id AND customer_id = :customer_id AND remaining > 0
""")

_EXPIRING = text("""
SELECT coalesce(sum(remaining), 0) FROM loyalty_lots
WHERE tenant_id = :tenant_id AND customer_id = :customer_id AND remaining > 0
  AND expires_at < :until
""")


class InvalidCursor(ValidationFailed):
    code = "invalid_cursor"
    title = "The cursor is not one this list gave"


async def points(session: AsyncSession, ctx: Context, customer_id: uuid.UUID) -> PointsOut:
    await get_customer(session, ctx.tenant_id, customer_id)
    account = await session.scalar(
        select(LoyaltyAccount).where(
            LoyaltyAccount.tenant_id == ctx.tenant_id, LoyaltyAccount.customer_id == customer_id
        )
    ) or LoyaltyAccount(
        tenant_id=ctx.tenant_id, customer_id=customer_id, balance=0, pending=0, debt=0,
        earned_total=0, redeemed_total=0, expired_total=0, discount_percent=Decimal(0),
        promo_credit_balance=Decimal(0),
    )  # fmt: skip
    args = {"tenant_id": ctx.tenant_id, "customer_id": customer_id}
    live = (await session.execute(_LIVE, args)).one()
    expiring = None
    if live.next_expiry is not None:
        zone = ZoneInfo(ctx.tenant.timezone)
        day = live.next_expiry.astimezone(zone).date()
        end_of_day = live.next_expiry.astimezone(zone).replace(
            hour=0, minute=0, second=0, microsecond=0
        ) + timedelta(days=1)
        amount = await session.scalar(_EXPIRING, {**args, "until": end_of_day})
        expiring = ExpiringNext(points=int(amount or 0), on=day)
    current = await programme.current(session, ctx.tenant_id)
    rules = current.rules if current else None
    level = rules.level(account.level) if rules else None
    staff = account.discount_percent or Decimal(0)
    level_discount = level.discount_percent if level else Decimal(0)
    next_level = None
    if rules:
        above = [lv for lv in rules.levels if level is None or lv.threshold > level.threshold]
        next_level = above[0] if above else None
    to_next = None
    if rules and next_level is not None:
        figure = await qualifying_figure(
            session, rules, ctx.tenant_id, customer_id, await now_of(session)
        )
        to_next = max(next_level.threshold - figure, Decimal(0))
    return PointsOut(
        customer_id=customer_id,
        balance=account.balance + int(live.matured),
        pending=account.pending - int(live.matured),
        debt=account.debt,
        earned_total=account.earned_total,
        redeemed_total=account.redeemed_total,
        expired_total=account.expired_total,
        point_value=rules.point_value if rules else None,
        expiring_next=expiring,
        last_accrual_at=account.last_accrual_at,
        last_redemption_at=account.last_redemption_at,
        level=LevelOut(
            name=account.level,
            since=account.level_since,
            multiplier=level.multiplier if level else Decimal(1),
            discount_percent=level_discount,
            below_since=account.below_level_since,
            next_level=next_level.name if next_level else None,
            to_next_level=to_next,
        ),
        discount_percent=max(staff, level_discount),
        promo_credit_balance=account.promo_credit_balance,
    )


def _encode(seq: int) -> str:
    return base64.urlsafe_b64encode(f"s{seq}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("s"):
            raise ValueError(raw)
        return int(raw[1:])
    except ValueError:
        raise InvalidCursor.field(
            ["query", "cursor"], InvalidCursor.code, "Pass a next_cursor this list gave."
        ) from None


async def ledger_page(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, cursor: str | None, limit: int
) -> LedgerPage:
    """The customer's entries, newest first, by keyset on the entry's sequence number."""
    await get_customer(session, ctx.tenant_id, customer_id)
    query = select(LoyaltyEntry).where(
        LoyaltyEntry.tenant_id == ctx.tenant_id, LoyaltyEntry.customer_id == customer_id
    )
    if cursor:
        query = query.where(LoyaltyEntry.seq < _decode(cursor))
    rows = list(await session.scalars(query.order_by(LoyaltyEntry.seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return LedgerPage(
        items=[EntryOut.model_validate(r) for r in rows],
        next_cursor=_encode(rows[-1].seq) if more and rows else None,
    )
