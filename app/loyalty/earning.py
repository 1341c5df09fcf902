"""Earning on a purchase at the till in three statements after the sale's own: the account
locked with everything earning depends on read beside it, then the ledger's settle statement
(`ledger.settle_statement`: due lots, the entry, its lot, the balances), then the level.

The ledger's own statements (the desk paths run them on a loaded account), without loading
objects and on the plain asyncpg connection of the sale's own database transaction (the read
pool's on the till's path, the session's otherwise): the till posts many sales a second and
each round trip and ORM flush is time the customer waits. Every statement names the tenant
(`tenant_id = :tenant_id` on each table), so on Citus each is the tenant's shard's. Their
inserts from CTEs end with `citus.PULLED_INSERT` on either server (on plain PostgreSQL an
unread RETURNING), so that the plain connection need not ask which server it is on.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus, plain_sql
from app.core.context import Context
from app.customers.models import Customer
from app.customers.search import Selection, selection_where
from app.loyalty import levels
from app.loyalty.ledger import ENSURE_ACCOUNT, Credit, lot_terms, settle_statement
from app.loyalty.programme import Programme
from app.loyalty.rules import Facts, Rules, earn
from app.segments import service as segments

# The account locked (every writer of a customer's points queues on this row), the clock, and
# the facts of the purchase: the customer's tags, whether it is their first purchase (ever, and
# that local day), and whether this sale has earned already (a replay changes nothing).
_LOCK = """
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
"""


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


def needs_session(rules: Rules) -> bool:
    """Whether earning by these rules reads segments, which only the session can resolve."""
    return any(m.segment_id for m in rules.multipliers)


async def on_purchase(
    connection: asyncpg.Connection, ctx: Context, current: Programme, *,
    customer_id: uuid.UUID, transaction_id: uuid.UUID, amount: Decimal, occurred_at: datetime,
    location: str | None, segments_in: frozenset[uuid.UUID] = frozenset(),
) -> Accrual:  # fmt: skip
    """Earn on a purchase (no redemption in it), settle the account's due lots, move the level;
    in the sale's database transaction on its connection, keyed by its id (a replay earns
    nothing). `segments_in`: the customer's segments among the rules' (`segment_ids`)."""
    rules = current.rules
    tenant_id = ctx.tenant_id
    local = occurred_at.astimezone(ZoneInfo(ctx.tenant.timezone))
    ref = f"txn:{transaction_id}:earn"
    keys = {"tenant_id": tenant_id, "customer_id": customer_id}
    asked = keys | {"id": transaction_id, "day": local.date(), "ref": ref}
    found = await plain_sql.fetchrow(connection, _LOCK, asked)
    if found is None:  # the customer's first points: the account is made, then locked
        await plain_sql.fetchrow(connection, ENSURE_ACCOUNT.text, keys)
        found = await plain_sql.fetchrow(connection, _LOCK, asked)
        assert found is not None
    now: datetime = found["now"]
    facts = Facts(
        amount=amount, at=local, location=location, tags=frozenset(found["tags"]),
        segment_ids=segments_in, level=found["level"],
        first_purchase=found["first_purchase"], first_visit_of_day=found["first_today"],
    )  # fmt: skip
    points = 0 if found["earned_before"] else earn(rules, facts).total
    credit = None
    if points > 0:
        credit = Credit(
            "earn", points, ctx.principal.label, lot_terms(rules), ref=ref,
            transaction_id=transaction_id, programme_version=current.version,
        )  # fmt: skip
    settle, params, _ = settle_statement(
        tenant_id, customer_id, now, found["debt"], credit, pulled=citus.PULLED_INSERT,
        returning="a.balance",
    )  # fmt: skip
    settled = await plain_sql.fetchrow(connection, settle, params)
    level, level_params = levels.one_statement(
        rules, tenant_id, customer_id, now, pulled=citus.PULLED_INSERT
    )
    await plain_sql.fetchrow(connection, level, level_params)
    return Accrual(points=points, balance=int(settled["balance"] if settled else 0))


async def on_purchase_in_session(
    session: AsyncSession, ctx: Context, current: Programme, *, customer_id: uuid.UUID,
    transaction_id: uuid.UUID, amount: Decimal, occurred_at: datetime, location: str | None,
) -> Accrual:  # fmt: skip
    """`on_purchase` in the session's database transaction, its segments resolved by it."""
    segments_in = await segment_ids(session, ctx, current.rules, customer_id)
    return await on_purchase(
        await plain_sql.of_session(session), ctx, current, customer_id=customer_id,
        transaction_id=transaction_id, amount=amount, occurred_at=occurred_at,
        location=location, segments_in=segments_in,
    )  # fmt: skip
