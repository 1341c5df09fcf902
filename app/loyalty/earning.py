"""Earning on a purchase at the till in three statements after the sale's own: the account
locked with everything earning depends on read beside it, then the ledger entry, its lot, the
lots that matured or expired and the account's balances in one statement, then the level.

The same rules as `ledger.lock_account` + `ledger.credit` + `levels.recompute` on the loaded
account (the redemption, refund and desk paths), without loading objects: the till posts many
sales a second and each round trip and ORM flush is time the customer waits. Every statement
names the tenant (`tenant_id = :tenant_id` on each table), so on Citus each is the tenant's
shard's.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.core.context import Context
from app.customers.models import Customer
from app.customers.search import Selection, selection_where
from app.loyalty import levels
from app.loyalty.ledger import LotTerms, lot_dates
from app.loyalty.programme import Programme
from app.loyalty.rules import Facts, Rules, earn
from app.segments import service as segments

_ENSURE = text("""
INSERT INTO loyalty_accounts (tenant_id, customer_id) VALUES (:tenant_id, :customer_id)
ON CONFLICT DO NOTHING
""")

# The account locked (every writer of a customer's points queues on this row), the clock, and
# the facts of the purchase: the customer's tags, whether it is their first purchase (ever, and
# that local day), and whether this sale has earned already (a replay changes nothing).
_LOCK = text("""
SELECT a.level, a.debt, now() AS now,
  ARRAY(SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.tenant_id = :tenant_id AND t.tenant_id = :tenant_id
          AND ct.customer_id = :customer_id) AS tags,
  NOT EXISTS (SELECT 1 FROM transactions x
              WHERE x.tenant_id = :tenant_id AND x.customer_id = :customer_id
                AND x.kind = 'purchase' AND x.id <> :id) AS first_purchase,
  NOT EXISTS (SELECT 1 FROM transactions x
              WHERE x.tenant_id = :tenant_id AND x.customer_id = :customer_id
                AND x.kind = 'purchase' AND x.id <> :id AND x.local_date = :day) AS first_today,
  EXISTS (SELECT 1 FROM loyalty_entries e
          WHERE e.tenant_id = :tenant_id AND e.customer_id = :customer_id
            AND e.ref = :ref) AS earned_before
FROM loyalty_accounts a
WHERE a.tenant_id = :tenant_id AND a.customer_id = :customer_id
FOR UPDATE OF a
""")

# Lots whose pending days ended become available, lots past their date expire whole (as
# `ledger.mature` then `ledger.expire_due`; a lot that did both is expired from pending), the
# new entry and its lot are written, and the account's balances move by all of it at once.
# Expiry entries take their source from a CTE: on Citus through the coordinator (`core.citus`).
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
  earned_total = a.earned_total + :points,
  last_accrual_at = CASE WHEN :points > 0 THEN :now ELSE a.last_accrual_at END,
  updated_at = CASE WHEN :points > 0 THEN :now ELSE a.updated_at END
FROM (SELECT coalesce(sum(remaining), 0) AS n FROM matured) m,
     (SELECT coalesce(sum(remaining) FILTER (WHERE NOT pending), 0) AS available,
             coalesce(sum(remaining) FILTER (WHERE pending), 0) AS pending,
             coalesce(sum(remaining), 0) AS total
      FROM due) x
WHERE a.tenant_id = :tenant_id AND a.customer_id = :customer_id
RETURNING a.balance
"""

_CREDIT = """, entry AS (
  INSERT INTO loyalty_entries (tenant_id, id, customer_id, kind, points, debt_change, ref,
                               transaction_id, programme_version, actor_label)
  VALUES (:tenant_id, :entry_id, :customer_id, 'earn', :points, -CAST(:settled AS bigint), :ref,
          :transaction_id, :version, :actor)
), lot AS (
  INSERT INTO loyalty_lots (tenant_id, id, customer_id, entry_id, transaction_id, points,
                            remaining, pending, available_at, expires_at)
  VALUES (:tenant_id, :lot_id, :customer_id, :entry_id, :transaction_id, :points,
          :remaining, :lot_pending, :available_at, :expires_at)
)"""


@dataclass(frozen=True)
class Accrual:
    """What the purchase earned, and the account's balance after it."""

    points: int
    balance: int


async def segment_ids(
    session: AsyncSession, ctx: Context, rules: Rules, customer_id: uuid.UUID
) -> frozenset[uuid.UUID]:
    """The segments of the rules' multipliers the customer is in (no query without any)."""
    members: set[uuid.UUID] = set()
    for segment_id in {m.segment_id for m in rules.multipliers if m.segment_id}:
        try:
            selection = await segments.resolve(
                session, ctx, Selection(segment_id=segment_id, ids=[customer_id])
            )
        except segments.SegmentNotFound:
            continue  # a deleted segment matches nobody
        where = await selection_where(session, ctx, selection)
        if await session.scalar(select(Customer.id).where(where)):
            members.add(segment_id)
    return frozenset(members)


async def on_purchase(
    session: AsyncSession, ctx: Context, current: Programme, *, customer_id: uuid.UUID,
    transaction_id: uuid.UUID, amount: Decimal, occurred_at: datetime, location: str | None,
) -> Accrual:  # fmt: skip
    """Earn on a purchase (no redemption in it), settle the account's due lots, move the level;
    in the sale's database transaction, keyed by its id (a replay earns nothing)."""
    rules = current.rules
    tenant_id = ctx.tenant_id
    local = occurred_at.astimezone(ZoneInfo(ctx.tenant.timezone))
    ref = f"txn:{transaction_id}:earn"
    keys = {"tenant_id": tenant_id, "customer_id": customer_id}
    asked = keys | {"id": transaction_id, "day": local.date(), "ref": ref}
    found = (await session.execute(_LOCK, asked)).first()
    if found is None:  # the customer's first points: the account is made, then locked
        await session.execute(_ENSURE, keys)
        found = (await session.execute(_LOCK, asked)).one()
    now: datetime = found.now
    facts = Facts(
        amount=amount, at=local, location=location, tags=frozenset(found.tags),
        segment_ids=await segment_ids(session, ctx, rules, customer_id), level=found.level,
        first_purchase=found.first_purchase, first_visit_of_day=found.first_today,
    )  # fmt: skip
    points = 0 if found.earned_before else earn(rules, facts).total
    params = keys | {"now": now, "points": points, "settled": 0, "to_balance": 0, "to_pending": 0}
    credit = ""
    if points > 0:
        # A debt (what a claw-back could not take) is settled first; the rest is a lot.
        settled = min(found.debt, points)
        terms = LotTerms(pending_days=rules.pending_days, expiry_months=rules.expiry_months)
        available_at, expires_at = lot_dates(now, terms)
        pending = available_at > now
        credit = _CREDIT
        params |= {
            "settled": settled,
            "to_balance": 0 if pending else points - settled,
            "to_pending": points - settled if pending else 0,
            "remaining": points - settled,
            "entry_id": uuid.uuid4(),
            "lot_id": uuid.uuid4(),
            "ref": ref,
            "transaction_id": transaction_id,
            "version": current.version,
            "actor": ctx.principal.label,
            "lot_pending": pending,
            "available_at": available_at,
            "expires_at": expires_at,
        }
    settle = _SETTLE.format(pulled=await citus.pulled_insert(session), credit=credit)
    balance = await session.scalar(text(settle), params)
    await levels.recompute_one(session, rules, tenant_id, customer_id, now)
    return Accrual(points=points, balance=int(balance or 0))
