"""The points ledger: every change of a customer's points is one entry, its lots and the
account's balances moved in the same transaction, under the account's row lock.

Invariants (checked by `reconcile.py`): balance = Σ remaining of available lots, pending =
Σ remaining of pending lots, Σ entries = balance + pending − debt, balance ≥ 0, debt ≥ 0.
"""

import calendar
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.loyalty.models import LoyaltyAccount, LoyaltyEntry, LoyaltyLot
from app.loyalty.rules import Rules

ENSURE_ACCOUNT = text("""
INSERT INTO loyalty_accounts (tenant_id, customer_id) VALUES (:tenant_id, :customer_id)
ON CONFLICT DO NOTHING
""")


async def lock_account(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> LoyaltyAccount:
    """The customer's account (made on first use), locked until the transaction ends, its due
    lots settled (`settle`): every writer of a customer's points queues here, so two
    redemptions cannot both see the same balance. The caller has checked the customer is this
    tenant's."""
    await session.execute(ENSURE_ACCOUNT, {"tenant_id": tenant_id, "customer_id": customer_id})
    account = await session.scalar(
        select(LoyaltyAccount)
        .where(LoyaltyAccount.tenant_id == tenant_id, LoyaltyAccount.customer_id == customer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert account is not None
    await _settled(session, account, None)
    return account


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


def lot_terms(rules: Rules) -> LotTerms:
    """A purchase's or birthday's lot: pending for the programme's days, then its months."""
    return LotTerms(pending_days=rules.pending_days, expiry_months=rules.expiry_months)


def lot_dates(now: datetime, terms: LotTerms) -> tuple[datetime, datetime | None]:
    available_at = now + timedelta(days=terms.pending_days)
    expires_at = add_months(available_at, terms.expiry_months) if terms.expiry_months else None
    return available_at, expires_at


@dataclass(frozen=True)
class Credit:
    """Points added (earn, opening, a positive adjustment) and the entry that says why."""

    kind: str
    points: int
    actor: str
    terms: LotTerms
    reason: str | None = None
    ref: str | None = None
    transaction_id: uuid.UUID | None = None
    programme_version: int | None = None


# Lots whose pending days ended become available, lots past their date expire whole (a lot
# that did both is expired from pending), a credit's entry and lot are written (a debt is
# settled first, the rest is the lot), and the account's balances move by all of it at once.
# Run under the account's row lock, taken by an earlier statement (so this one's snapshot
# sees every lot as the last writer left it). Expiry entries take their source from a CTE:
# on Citus through the coordinator (`core.citus`).
_SETTLE = """
WITH matured AS (
  UPDATE loyalty_lots SET pending = false
  WHERE tenant_id = :tenant_id AND customer_id = :customer_id AND pending
    AND available_at <= :now AND (expires_at IS NULL OR expires_at > :now)
  RETURNING remaining
), due AS (
  SELECT id, remaining, pending FROM loyalty_lots
  WHERE tenant_id = :tenant_id AND customer_id = :customer_id AND remaining > 0
    AND expires_at <= :now
), gone AS (
  UPDATE loyalty_lots l SET remaining = 0, pending = false FROM due
  WHERE l.tenant_id = :tenant_id AND l.customer_id = :customer_id AND l.id = due.id
), expired AS (
  INSERT INTO loyalty_entries (tenant_id, id, customer_id, kind, points, debt_change, reason,
                               actor_label)
  SELECT :tenant_id, gen_random_uuid(), :customer_id, 'expire', -remaining, 0,
         'lot ' || id::text, 'system'
  FROM due{pulled}
){credit}
UPDATE loyalty_accounts a SET
  balance = a.balance + m.n - x.available + :to_balance,
  pending = a.pending - m.n - x.pending + :to_pending,
  debt = a.debt - :settled,
  expired_total = a.expired_total + x.total,
  earned_total = a.earned_total + :earned,
  last_accrual_at = CASE WHEN :earned > 0 THEN :now ELSE a.last_accrual_at END,
  updated_at = CASE WHEN :points > 0 THEN :now ELSE a.updated_at END
FROM (SELECT coalesce(sum(remaining), 0) AS n FROM matured) m,
     (SELECT coalesce(sum(remaining) FILTER (WHERE NOT pending), 0) AS available,
             coalesce(sum(remaining) FILTER (WHERE pending), 0) AS pending,
             coalesce(sum(remaining), 0) AS total
      FROM due) x
WHERE a.tenant_id = :tenant_id AND a.customer_id = :customer_id
RETURNING {returning}
"""

_CREDIT = """, entry AS (
  INSERT INTO loyalty_entries (tenant_id, id, customer_id, kind, points, debt_change, reason,
                               ref, transaction_id, programme_version, actor_label)
  VALUES (:tenant_id, :entry_id, :customer_id, :kind, :points, -CAST(:settled AS bigint),
          :reason, :ref, :transaction_id, :version, :actor)
), lot AS (
  INSERT INTO loyalty_lots (tenant_id, id, customer_id, entry_id, transaction_id, points,
                            remaining, pending, available_at, expires_at)
  VALUES (:tenant_id, :lot_id, :customer_id, :entry_id, :transaction_id, :points,
          :remaining, :lot_pending, :available_at, :expires_at)
)"""


def settle_statement(
    tenant_id: uuid.UUID, customer_id: uuid.UUID, now: datetime, debt: int,
    credit: Credit | None, *, pulled: str, returning: str = "a.*",
) -> tuple[str, dict[str, Any], uuid.UUID | None]:  # fmt: skip
    """The statement that settles the locked account's due lots and adds `credit` (when
    given) at `now` (the transaction's clock), returning `returning` of the account; its
    parameters, and the new entry's id."""
    params: dict[str, Any] = {
        "tenant_id": tenant_id, "customer_id": customer_id, "now": now, "points": 0,
        "earned": 0, "settled": 0, "to_balance": 0, "to_pending": 0,
    }  # fmt: skip
    if credit is None:
        return _SETTLE.format(pulled=pulled, credit="", returning=returning), params, None
    assert credit.points > 0
    settled = min(debt, credit.points)
    available_at, expires_at = lot_dates(now, credit.terms)
    pending = available_at > now
    entry_id = uuid.uuid4()
    params |= {
        "points": credit.points,
        "earned": credit.points if credit.kind in ("earn", "opening") else 0,
        "settled": settled,
        "to_balance": 0 if pending else credit.points - settled,
        "to_pending": credit.points - settled if pending else 0,
        "remaining": credit.points - settled,
        "entry_id": entry_id,
        "lot_id": uuid.uuid4(),
        "kind": credit.kind,
        "reason": credit.reason,
        "ref": credit.ref,
        "transaction_id": credit.transaction_id,
        "version": credit.programme_version,
        "actor": credit.actor,
        "lot_pending": pending,
        "available_at": available_at,
        "expires_at": expires_at,
    }
    return _SETTLE.format(pulled=pulled, credit=_CREDIT, returning=returning), params, entry_id


async def _settled(
    session: AsyncSession, account: LoyaltyAccount, credit: Credit | None
) -> uuid.UUID | None:
    """`settle_statement` for the loaded, locked account, which it refreshes from the row; the
    credit's entry id."""
    sql, params, entry_id = settle_statement(
        account.tenant_id, account.customer_id, await now_of(session), account.debt, credit,
        pulled=await citus.pulled_insert(session),
    )  # fmt: skip
    refreshed = await session.scalar(
        select(LoyaltyAccount)
        .from_statement(text(sql))
        .params(params)
        .execution_options(populate_existing=True)
    )
    assert refreshed is account
    return entry_id


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
    """Add points to the locked account (`settle_statement`): a debt is settled first, the
    rest is a lot, pending for the programme's days, expiring after its months."""
    entry_id = await _settled(
        session, account,
        Credit(kind, points, actor, terms, reason, ref, transaction_id, programme_version),
    )  # fmt: skip
    entry = await session.get(LoyaltyEntry, (account.tenant_id, entry_id))
    assert entry is not None
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
