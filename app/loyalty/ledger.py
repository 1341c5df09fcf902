"""The points ledger: every change of a customer's points is one entry, its lots and the
account's balances moved in the same transaction, under the account's row lock.

Invariants (checked by `reconcile.py`): balance = Σ remaining of available lots, pending =
Σ remaining of pending lots, Σ entries = balance + pending − debt, balance ≥ 0, debt ≥ 0.
"""

import calendar
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.loyalty.models import LoyaltyAccount, LoyaltyEntry, LoyaltyLot

_ENSURE = text("""
INSERT INTO loyalty_accounts (tenant_id, customer_id) VALUES (:tenant_id, :customer_id)
ON CONFLICT DO NOTHING
""")


async def lock_account(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> LoyaltyAccount:
    """The customer's account (made on first use), locked until the transaction ends: every
    writer of a customer's points queues here, so two redemptions cannot both see the
    same balance. The caller has checked the customer is this tenant's."""
    await session.execute(_ENSURE, {"tenant_id": tenant_id, "customer_id": customer_id})
    account = await session.scalar(
        select(LoyaltyAccount)
        .where(LoyaltyAccount.tenant_id == tenant_id, LoyaltyAccount.customer_id == customer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert account is not None
    await mature(session, account)
    await expire_due(session, account)
    return account


async def expire_due(session: AsyncSession, account: LoyaltyAccount) -> int:
    """The locked account's lots past their date expire now (the cron may not have run yet),
    so no debit takes points that are gone."""
    lots = list(
        await session.scalars(
            select(LoyaltyLot).where(
                LoyaltyLot.tenant_id == account.tenant_id,
                LoyaltyLot.customer_id == account.customer_id,
                LoyaltyLot.remaining > 0,
                LoyaltyLot.expires_at <= func.now(),
            )
        )
    )
    for lot in lots:
        session.add(
            LoyaltyEntry(
                tenant_id=account.tenant_id, customer_id=account.customer_id, kind="expire",
                points=-lot.remaining, debt_change=0, reason=f"lot {lot.id}", actor_label="system",
            )
        )  # fmt: skip
        if lot.pending:
            account.pending -= lot.remaining
        else:
            account.balance -= lot.remaining
        account.expired_total += lot.remaining
        lot.remaining = 0
    if lots:
        await session.flush()
    return len(lots)


async def mature(session: AsyncSession, account: LoyaltyAccount) -> int:
    """Pending lots whose day came become available (the locked account's own lots)."""
    moved = await session.scalar(
        text("""
        WITH due AS (
          UPDATE loyalty_lots SET pending = false
          WHERE tenant_id = :tenant_id AND customer_id = :customer_id AND pending
            AND available_at <= now()
          RETURNING remaining
        ) SELECT coalesce(sum(remaining), 0) FROM due
        """),
        {"tenant_id": account.tenant_id, "customer_id": account.customer_id},
    )
    moved = int(moved or 0)
    if moved:
        account.pending -= moved
        account.balance += moved
        await session.flush()
    return moved


@dataclass(frozen=True)
class LotTerms:
    pending_days: int = 0
    expiry_months: int | None = None


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later; the month's last day when it is shorter (31 Jan → 28 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def lot_dates(now: datetime, terms: LotTerms) -> tuple[datetime, datetime | None]:
    available_at = now + timedelta(days=terms.pending_days)
    expires_at = add_months(available_at, terms.expiry_months) if terms.expiry_months else None
    return available_at, expires_at


async def credit(
    session: AsyncSession,
    account: LoyaltyAccount,
    kind: str,
    points: int,
    *,
    actor: str,
    terms: LotTerms,
    reason: str | None = None,
    ref: str | None = None,
    transaction_id: uuid.UUID | None = None,
    programme_version: int | None = None,
) -> LoyaltyEntry:
    """Add points (earn, opening, a positive adjustment): a debt is settled first, the rest
    is a lot, pending for the programme's days, expiring after its months."""
    assert points > 0
    now = await now_of(session)
    settled = min(account.debt, points)
    entry = LoyaltyEntry(
        tenant_id=account.tenant_id,
        customer_id=account.customer_id,
        kind=kind,
        points=points,
        debt_change=-settled,
        reason=reason,
        ref=ref,
        transaction_id=transaction_id,
        programme_version=programme_version,
        actor_label=actor,
    )
    session.add(entry)
    await session.flush()
    available_at, expires_at = lot_dates(now, terms)
    pending = available_at > now
    lot = LoyaltyLot(
        tenant_id=account.tenant_id,
        customer_id=account.customer_id,
        entry_id=entry.id,
        transaction_id=transaction_id,
        points=points,
        remaining=points - settled,
        pending=pending,
        available_at=available_at,
        expires_at=expires_at,
    )
    session.add(lot)
    account.debt -= settled
    if pending:
        account.pending += points - settled
    else:
        account.balance += points - settled
    if kind in ("earn", "opening"):
        account.earned_total += points
        account.last_accrual_at = now
    account.updated_at = now
    await session.flush()
    return entry


async def debit(
    session: AsyncSession,
    account: LoyaltyAccount,
    kind: str,
    points: int,
    *,
    actor: str,
    reason: str | None = None,
    ref: str | None = None,
    transaction_id: uuid.UUID | None = None,
    amount: object = None,
    programme_version: int | None = None,
    from_transaction: uuid.UUID | None = None,
    into_debt: bool = False,
) -> LoyaltyEntry:
    """Take points from the lots, soonest to expire first (FIFO). A redemption or a manual
    debit takes available points only (the caller checked there are enough); a claw-back
    takes the refunded purchase's own lots first, then any lot, and what is still missing
    becomes debt (`into_debt`)."""
    assert points > 0
    now = await now_of(session)
    lots = list(
        await session.scalars(
            select(LoyaltyLot)
            .where(
                LoyaltyLot.tenant_id == account.tenant_id,
                LoyaltyLot.customer_id == account.customer_id,
                LoyaltyLot.remaining > 0,
                *([] if into_debt else [LoyaltyLot.pending.is_(False)]),
            )
            .order_by(
                (LoyaltyLot.transaction_id == from_transaction).is_not(True)
                if from_transaction
                else LoyaltyLot.pending,
                LoyaltyLot.pending,
                LoyaltyLot.expires_at.asc().nulls_last(),
                LoyaltyLot.created_at,
                LoyaltyLot.id,
            )
            .with_for_update()
        )
    )
    left = points
    for lot in lots:
        if left == 0:
            break
        take = min(lot.remaining, left)
        lot.remaining -= take
        left -= take
        if lot.pending:
            account.pending -= take
        else:
            account.balance -= take
    if left and not into_debt:
        raise AssertionError("debit beyond the available points; the caller checks first")
    account.debt += left
    entry = LoyaltyEntry(
        tenant_id=account.tenant_id,
        customer_id=account.customer_id,
        kind=kind,
        points=-points,
        debt_change=left,
        reason=reason,
        ref=ref,
        transaction_id=transaction_id,
        amount=amount,
        programme_version=programme_version,
        actor_label=actor,
    )
    session.add(entry)
    if kind == "redeem":
        account.redeemed_total += points
        account.last_redemption_at = now
    account.updated_at = now
    await session.flush()
    return entry


async def by_ref(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID, ref: str
) -> LoyaltyEntry | None:
    return await session.scalar(
        select(LoyaltyEntry).where(
            LoyaltyEntry.tenant_id == tenant_id,
            LoyaltyEntry.customer_id == customer_id,
            LoyaltyEntry.ref == ref,
        )
    )


async def now_of(session: AsyncSession) -> datetime:
    """The transaction's clock (now()), the one every row of this event is stamped with."""
    found = await session.scalar(select(func.now()))
    assert found is not None
    return found
