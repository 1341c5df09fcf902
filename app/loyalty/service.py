"""Points at the till and at the desk: earning on a purchase, claw-back on a refund,
redemption, manual adjustment, and the customer's figures."""

import uuid
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core import plain_sql
from app.core.context import Context
from app.customers.service import get_customer
from app.loyalty import earning, levels, programme
from app.loyalty.errors import (
    InsufficientPoints,
    OriginalTransactionNotFound,
    ProgrammeDisabled,
    RedeemLimitExceeded,
    RedeemTooSmall,
    RefReused,
)
from app.loyalty.ledger import LotTerms, by_ref, credit, debit, lock_account, lot_terms, now_of
from app.loyalty.models import LoyaltyAccount, LoyaltyEntry
from app.loyalty.rules import Facts, Rules, earn
from app.loyalty.schemas import AdjustIn, LoyaltyResult, PointsRedeemIn


async def _facts(
    session: AsyncSession, ctx: Context, rules: Rules, customer_id: uuid.UUID,
    transaction_id: uuid.UUID, amount: Decimal, at: datetime, location: str | None,
    level: str | None,
) -> Facts:  # fmt: skip
    """What earning depends on, read from the customer's rows."""
    local = at.astimezone(ZoneInfo(ctx.tenant.timezone))
    row = (
        await session.execute(
            text("""
            SELECT
              ARRAY(SELECT t.name FROM customer_tags ct JOIN tags t
                      ON t.tenant_id = ct.tenant_id AND t.id = ct.tag_id
                    WHERE ct.tenant_id = :tenant_id AND ct.customer_id = :customer_id) AS tags,
              NOT EXISTS (SELECT 1 FROM transactions x
                          WHERE x.tenant_id = :tenant_id AND x.customer_id = :customer_id
                            AND x.kind = 'purchase' AND x.id <> :id) AS first_purchase,
              NOT EXISTS (SELECT 1 FROM transactions x
                          WHERE x.tenant_id = :tenant_id AND x.customer_id = :customer_id
                            AND x.kind = 'purchase' AND x.id <> :id
                            AND x.local_date = :day) AS first_today
            """),
            {
                "tenant_id": ctx.tenant_id,
                "customer_id": customer_id,
                "id": transaction_id,
                "day": local.date(),
            },
        )
    ).one()
    return Facts(
        amount=amount, at=local, location=location, tags=frozenset(row.tags),
        segment_ids=await earning.segment_ids(session, ctx, rules, customer_id), level=level,
        first_purchase=row.first_purchase, first_visit_of_day=row.first_today,
    )  # fmt: skip


class Earned:
    """What a transaction did to the customer's points (for the till's answer)."""

    def __init__(self, earned: int, redeemed: int, clawed_back: int, balance: int) -> None:
        self.earned, self.redeemed, self.clawed_back, self.balance = (
            earned, redeemed, clawed_back, balance,
        )  # fmt: skip


async def on_transaction(
    session: AsyncSession,
    ctx: Context,
    *,
    customer_id: uuid.UUID,
    transaction_id: uuid.UUID,
    kind: str,
    amount: Decimal,
    occurred_at: datetime,
    location: str | None,
    redeem_points: int | None = None,
    refund_of: uuid.UUID | None = None,
    current: programme.Programme | None = None,
) -> Earned | None:
    """In the transaction's own database transaction: redeem what the till asked, earn on a
    purchase (after the redemption: points pay part, the rest earns), claw back on a refund
    of a known purchase, and move the level. Each part is keyed by the transaction's id, so
    a replay changes nothing. None when the tenant has no programme switched on. `current`:
    the programme, when the caller has read it already."""
    current = current or await programme.current(session, ctx.tenant_id)
    if current is None or not current.enabled:
        if redeem_points:
            raise ProgrammeDisabled("The tenant's loyalty programme is not switched on.")
        return None
    if kind == "purchase" and not redeem_points:
        # The till's common case, in few statements (app/loyalty/earning.py).
        done = await earning.on_purchase_in_session(
            session, ctx, current, customer_id=customer_id, transaction_id=transaction_id,
            amount=amount, occurred_at=occurred_at, location=location,
        )  # fmt: skip
        return Earned(done.points, 0, 0, done.balance)
    rules = current.rules
    account = await lock_account(session, ctx.tenant_id, customer_id)
    actor = ctx.principal.label
    redeemed = earned = clawed = 0
    paid = Decimal(0)
    if redeem_points:
        entry = await _redeem_locked(
            session, account, rules, current.version, actor, redeem_points,
            purchase_amount=amount if kind == "purchase" else None,
            ref=f"txn:{transaction_id}:redeem", transaction_id=transaction_id,
        )  # fmt: skip
        redeemed = -entry.points
        paid = entry.amount or Decimal(0)
    if kind == "purchase":
        facts = await _facts(
            session, ctx, rules, customer_id, transaction_id, amount - paid, occurred_at,
            location, account.level,
        )  # fmt: skip
        worth = earn(rules, facts)
        ref = f"txn:{transaction_id}:earn"
        if worth.total > 0 and await by_ref(session, ctx.tenant_id, customer_id, ref) is None:
            await credit(
                session, account, "earn", worth.total, actor=actor, terms=lot_terms(rules),
                ref=ref, transaction_id=transaction_id, programme_version=current.version,
            )  # fmt: skip
            earned = worth.total
    elif refund_of is not None:
        clawed = await _claw_back(
            session, ctx, account, rules, current.version, transaction_id, amount, refund_of
        )
    await levels.recompute(session, rules, account, await now_of(session))
    return Earned(earned, redeemed, clawed, account.balance)


async def _claw_back(
    session: AsyncSession, ctx: Context, account: LoyaltyAccount, rules: Rules, version: int,
    transaction_id: uuid.UUID, amount: Decimal, refund_of: uuid.UUID,
) -> int:  # fmt: skip
    """Take back what the refunded part of the purchase earned: earned × refund / purchase,
    never more than it earned less earlier claw-backs; what the lots cannot give is debt."""
    original = (
        await session.execute(
            text("""
            SELECT t.amount,
              coalesce((SELECT sum(points) FROM loyalty_entries e
                        WHERE e.tenant_id = t.tenant_id AND e.transaction_id = t.id
                          AND e.kind = 'earn'), 0) AS earned,
              coalesce((SELECT -sum(e.points) FROM loyalty_entries e
                        WHERE e.tenant_id = t.tenant_id AND e.customer_id = t.customer_id
                          AND e.kind = 'clawback'
                          AND e.reason = 'refund_of:' || t.id::text), 0) AS clawed
            FROM transactions t
            WHERE t.tenant_id = :tenant_id AND t.id = :id AND t.customer_id = :customer_id
              AND t.kind = 'purchase'
            """),
            {"tenant_id": ctx.tenant_id, "id": refund_of, "customer_id": account.customer_id},
        )
    ).one_or_none()
    if original is None:
        raise OriginalTransactionNotFound.field(
            ["body", "refund_of"], OriginalTransactionNotFound.code,
            f"No purchase {refund_of} of this customer.",
        )  # fmt: skip
    share = min(abs(amount) / original.amount, Decimal(1))
    points = min(
        int((Decimal(original.earned) * share).quantize(Decimal(1), rounding=ROUND_FLOOR)),
        int(original.earned) - int(original.clawed),
    )
    ref = f"txn:{transaction_id}:clawback"
    if points <= 0 or await by_ref(session, ctx.tenant_id, account.customer_id, ref):
        return 0
    await debit(
        session, account, "clawback", points, actor=ctx.principal.label,
        reason=f"refund_of:{refund_of}", ref=ref, transaction_id=transaction_id,
        programme_version=version, from_transaction=refund_of, into_debt=True,
    )  # fmt: skip
    return points


def max_points_for(rules: Rules, purchase_amount: Decimal | None) -> int | None:
    """The most points one purchase can take by the programme's limits (None: no limit)."""
    limits: list[int] = []
    if rules.redeem_max_points is not None:
        limits.append(rules.redeem_max_points)
    if purchase_amount is not None:
        money = purchase_amount * rules.redeem_max_percent / 100
        limits.append(int((money / rules.point_value).quantize(Decimal(1), rounding=ROUND_FLOOR)))
    return min(limits) if limits else None


async def _redeem_locked(
    session: AsyncSession, account: LoyaltyAccount, rules: Rules, version: int, actor: str,
    points: int, *, purchase_amount: Decimal | None, ref: str | None,
    transaction_id: uuid.UUID | None = None,
) -> LoyaltyEntry:  # fmt: skip
    if points < rules.redeem_min_points:
        raise RedeemTooSmall.field(
            ["body", "points"], RedeemTooSmall.code,
            f"The programme redeems at least {rules.redeem_min_points} points.",
        )  # fmt: skip
    limit = max_points_for(rules, purchase_amount)
    if limit is not None and points > limit:
        raise RedeemLimitExceeded(
            f"This purchase can take at most {limit} points.",
            extensions={"max_points": limit},
            errors=None,
        )
    if points > account.balance:
        raise InsufficientPoints(
            f"{account.balance} points are available; asked for {points}.",
            extensions={"available": account.balance},
        )
    amount = (points * rules.point_value).quantize(Decimal("0.01"))
    return await debit(
        session, account, "redeem", points, actor=actor, ref=ref,
        transaction_id=transaction_id, amount=amount, programme_version=version,
    )  # fmt: skip


async def redeem(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, body: PointsRedeemIn,
    idempotency_key: str | None,
) -> tuple[LoyaltyEntry, LoyaltyAccount, bool]:  # fmt: skip
    """Points pay part of a purchase. The account's row lock queues concurrent calls of one
    customer, so each sees the balance the one before left; a known ref (or Idempotency-Key)
    answers with its first entry and takes nothing."""
    await get_customer(session, ctx.tenant_id, customer_id)
    current = await programme.required(session, ctx.tenant_id)
    if not current.enabled:
        raise ProgrammeDisabled("The tenant's loyalty programme is not switched on.")
    account = await lock_account(session, ctx.tenant_id, customer_id)
    ref = body.ref or (f"idem:{idempotency_key}" if idempotency_key else None)
    if ref is not None:
        first = await by_ref(session, ctx.tenant_id, customer_id, ref)
        if first is not None:
            if first.kind != "redeem" or -first.points != body.points:
                raise RefReused.field(
                    ["body", "ref"], RefReused.code,
                    f"{ref!r} already {first.kind} {abs(first.points)} points.",
                )  # fmt: skip
            return first, account, True
    entry = await _redeem_locked(
        session, account, current.rules, current.version, ctx.principal.label, body.points,
        purchase_amount=body.purchase_amount, ref=ref,
    )  # fmt: skip
    await audit.record(
        session, ctx, "loyalty.points_redeemed", "customer", customer_id,
        meta={"points": body.points, "entry_id": str(entry.id)},
    )  # fmt: skip
    return entry, account, False


async def adjust(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, body: AdjustIn
) -> tuple[LoyaltyEntry, LoyaltyAccount]:
    """A manual adjustment with its reason, audited; a debit takes available points only."""
    await get_customer(session, ctx.tenant_id, customer_id)
    current = await programme.current(session, ctx.tenant_id)
    rules = current.rules if current else Rules()
    version = current.version if current else None
    account = await lock_account(session, ctx.tenant_id, customer_id)
    before = account.balance
    actor = ctx.principal.label
    if body.points > 0:
        entry = await credit(
            session, account, "adjust", body.points, actor=actor,
            terms=LotTerms(expiry_months=rules.expiry_months), reason=body.reason,
            programme_version=version,
        )  # fmt: skip
    else:
        if -body.points > account.balance:
            raise InsufficientPoints(
                f"{account.balance} points are available; asked to take {-body.points}.",
                extensions={"available": account.balance},
            )
        entry = await debit(
            session, account, "adjust", -body.points, actor=actor, reason=body.reason,
            programme_version=version,
        )  # fmt: skip
    await audit.record(
        session, ctx, "loyalty.points_adjusted", "customer", customer_id,
        changes={"points_balance": [before, account.balance]},
        meta={"points": body.points, "reason": body.reason, "entry_id": str(entry.id)},
    )  # fmt: skip
    return entry, account


async def open_balance(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, points: int, source: str
) -> LoyaltyEntry | None:
    """An opening balance from an old system (an import): once per customer and source."""
    if points <= 0:
        return None
    current = await programme.current(session, ctx.tenant_id)
    rules = current.rules if current else Rules()
    account = await lock_account(session, ctx.tenant_id, customer_id)
    ref = f"opening:{source}"
    if await by_ref(session, ctx.tenant_id, customer_id, ref) is not None:
        return None
    return await credit(
        session, account, "opening", points, actor=ctx.principal.label,
        terms=LotTerms(expiry_months=rules.expiry_months), reason="opening balance",
        ref=ref, programme_version=current.version if current else None,
    )  # fmt: skip


TRANSACTION_ERRORS = (
    ProgrammeDisabled,
    InsufficientPoints,
    RedeemLimitExceeded,
    RedeemTooSmall,
    OriginalTransactionNotFound,
)


# What a transaction did to the customer's points (also for a replay), and the balance.
_RESULT = """
SELECT
  coalesce(sum(points) FILTER (WHERE kind = 'earn'), 0) AS earned,
  coalesce(-sum(points) FILTER (WHERE kind = 'redeem'), 0) AS redeemed,
  coalesce(-sum(points) FILTER (WHERE kind = 'clawback'), 0) AS clawed,
  (SELECT balance FROM loyalty_accounts a
   WHERE a.tenant_id = :tenant_id AND a.customer_id = :customer_id) AS balance
FROM loyalty_entries
WHERE tenant_id = :tenant_id AND transaction_id = :id
"""


async def transaction_result(
    connection: asyncpg.Connection, tenant_id: uuid.UUID, customer_id: uuid.UUID,
    transaction_id: uuid.UUID,
) -> LoyaltyResult:  # fmt: skip
    """What the transaction did to the customer's points (also for a replay), and the balance;
    on the plain connection of the caller's database transaction (`plain_sql.of_session`)."""
    params = {"tenant_id": tenant_id, "customer_id": customer_id, "id": transaction_id}
    row = await plain_sql.fetchrow(connection, _RESULT, params)
    assert row is not None  # an aggregate without GROUP BY has its one row
    return LoyaltyResult(
        points_earned=row["earned"],
        points_redeemed=row["redeemed"],
        points_clawed_back=row["clawed"],
        points_balance=row["balance"] or 0,
    )
