"""Levels: the figure (points earned or amount spent in the rolling window) decides the level
the customer qualifies for; up at once, down only after the grace period; history kept."""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.loyalty.models import LoyaltyAccount, LoyaltyEntry, LoyaltyLevelChange
from app.loyalty.rules import Rules


async def qualifying_figure(
    session: AsyncSession, rules: Rules, tenant_id: uuid.UUID, customer_id: uuid.UUID, now: datetime
) -> Decimal:
    since = now - timedelta(days=rules.level_window_days)
    if rules.level_basis == "amount_spent":
        spent = await session.scalar(
            text("""
            SELECT coalesce(sum(amount), 0) FROM transactions
            WHERE tenant_id = :tenant_id AND customer_id = :customer_id
              AND occurred_at > :since AND occurred_at <= :now
            """),
            {"tenant_id": tenant_id, "customer_id": customer_id, "since": since, "now": now},
        )
        return Decimal(spent or 0)
    # Points earned: earnings less what their refunds clawed back (adjustments do not qualify).
    earned = await session.scalar(
        select(func.coalesce(func.sum(LoyaltyEntry.points), 0)).where(
            LoyaltyEntry.tenant_id == tenant_id,
            LoyaltyEntry.customer_id == customer_id,
            LoyaltyEntry.kind.in_(("earn", "clawback")),
            LoyaltyEntry.created_at > since,
        )
    )
    return Decimal(earned or 0)


def _rank(rules: Rules, name: str | None) -> int:
    names = [lv.name for lv in rules.levels]
    return names.index(name) + 1 if name in names else 0


async def recompute(
    session: AsyncSession, rules: Rules, account: LoyaltyAccount, now: datetime
) -> bool:
    """Move the (locked) account to the level it qualifies for; True when it changed."""
    figure = await qualifying_figure(session, rules, account.tenant_id, account.customer_id, now)
    qualified = rules.qualified_level(figure)
    target = qualified.name if qualified else None
    current = account.level if _rank(rules, account.level) else None  # a removed level: none
    if _rank(rules, target) >= _rank(rules, current):
        account.below_level_since = None
        if target == current and current == account.level:
            return False
        return await _move(session, account, target, "qualified", now)
    if account.below_level_since is None:
        account.below_level_since = now
        await session.flush()
        return False
    if now - account.below_level_since < timedelta(days=rules.level_grace_days):
        return False
    return await _move(session, account, target, "grace_ended", now)


async def _move(
    session: AsyncSession, account: LoyaltyAccount, target: str | None, reason: str, now: datetime
) -> bool:
    session.add(
        LoyaltyLevelChange(
            tenant_id=account.tenant_id,
            customer_id=account.customer_id,
            from_level=account.level,
            to_level=target,
            reason=reason,
            # The moment the level was decided: two changes of one transaction keep their order.
            created_at=now,
        )
    )
    account.level = target
    account.level_since = now
    account.below_level_since = None
    account.updated_at = now
    await session.flush()
    return True


async def history(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> list[LoyaltyLevelChange]:
    rows = await session.scalars(
        select(LoyaltyLevelChange)
        .where(
            LoyaltyLevelChange.tenant_id == tenant_id,
            LoyaltyLevelChange.customer_id == customer_id,
        )
        .order_by(LoyaltyLevelChange.created_at.desc(), LoyaltyLevelChange.id)
    )
    return list(rows)
