"""Purchases and refunds: who bought (by any key the till knows), dedupe, live aggregates."""

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import plain_sql
from app.core.context import Context
from app.core.errors import AppError, Conflict, NotFound, ValidationFailed
from app.core.pagination import PageParams
from app.customers.normalize import InvalidContact, normalize_email, normalize_phone
from app.customers.service import CustomerNotFound
from app.loyalty import earning, programme
from app.loyalty import service as loyalty
from app.loyalty.programme import Programme
from app.loyalty.schemas import LoyaltyResult
from app.stats_days import service as stats_days
from app.transactions import record
from app.transactions.models import Location, Transaction
from app.transactions.schemas import (
    BatchItemResult,
    CustomerRef,
    LocationIn,
    TransactionBatchIn,
    TransactionIn,
    TransactionOut,
)


class CustomerAmbiguous(Conflict):
    code = "customer_ambiguous"
    title = "More than one customer matches"


class UnknownLocation(ValidationFailed):
    code = "unknown_location"
    title = "No location has this code"


class LocationNotFound(NotFound):
    code = "location_not_found"
    title = "Location not found"


class LocationExists(Conflict):
    code = "location_exists"
    title = "A location with this code already exists"


class InvalidAmount(ValidationFailed):
    code = "invalid_amount"
    title = "The amount is not valid"


class CurrencyMismatch(ValidationFailed):
    code = "currency_mismatch"
    title = "Not the tenant's currency"


def check_currency(ctx: Context, currency: str | None) -> str:
    """The tenant's currency, which `currency` (of the request body) must be when given.

    A tenant keeps its money in one currency, so the customer's total_spent and avg_check, the
    voucher balances and the dashboard's revenue are exact sums; there is no conversion.
    """
    if currency is not None and currency != ctx.tenant.currency:
        raise CurrencyMismatch.field(
            ["body", "currency"],
            CurrencyMismatch.code,
            f"Amounts are in the tenant's currency {ctx.tenant.currency}, not {currency}.",
        )
    return ctx.tenant.currency


async def location_id_for(
    session: AsyncSession, tenant_id: uuid.UUID, code: str | None
) -> uuid.UUID | None:
    if not code:
        return None
    found = await session.scalar(
        select(Location.id).where(Location.tenant_id == tenant_id, Location.code == code)
    )
    if found is None:
        raise UnknownLocation(
            f"No location has the code {code!r}: create it with POST /locations first.",
            errors=None,
        )
    return found


def _signed(body: TransactionIn) -> tuple[str, Decimal]:
    if body.amount == 0:
        raise InvalidAmount.field(
            ["body", "amount"], "invalid_amount", "The amount cannot be zero."
        )
    kind = body.kind or ("refund" if body.amount < 0 else "purchase")
    if kind == "purchase" and body.amount < 0:
        raise InvalidAmount.field(
            ["body", "amount"], "invalid_amount", "A purchase has a positive amount; send a refund."
        )
    return kind, -abs(body.amount) if kind == "refund" else body.amount


def _key(ctx: Context, ref: CustomerRef) -> tuple[str, uuid.UUID | str]:
    """The till's key as the customers table stores it (phones and emails normalised)."""
    try:
        if ref.id is not None:
            return "id", ref.id
        if ref.external_id:
            return "external_id", ref.external_id
        if ref.phone:
            return "phone", normalize_phone(ref.phone, ctx.tenant.country)
        if ref.email:
            return "email", normalize_email(ref.email)
    except InvalidContact as exc:
        raise ValidationFailed.field(
            ["body", "customer", exc.code.removeprefix("invalid_")], exc.code, exc.message
        ) from None
    return "card", (ref.card or "").strip()


def _event(ctx: Context, body: TransactionIn) -> record.Event:
    kind, amount = _signed(body)
    currency = check_currency(ctx, body.currency)
    key, value = _key(ctx, body.customer)
    occurred_at = body.occurred_at or datetime.now(UTC)
    return record.Event(
        tenant_id=ctx.tenant_id,
        key=key,
        value=value,
        kind=kind,
        amount=amount,
        currency=currency,
        occurred_at=occurred_at,
        local_date=occurred_at.astimezone(ZoneInfo(ctx.tenant.timezone)).date(),
        location=body.location,
        external_ref=body.external_ref,
        items_count=body.items_count,
    )


async def _settle(
    connection: asyncpg.Connection, event: record.Event, outcome: record.Outcome
) -> tuple[TransactionOut, bool]:
    """The answer to the till from what the statement did; errors where it wrote nothing."""
    if outcome.matches > 1:
        raise CustomerAmbiguous("Several customers match: identify the customer by id or card.")
    if outcome.row is not None:
        # Created, or a replay (also when the customer was merged or deleted since).
        return outcome.row, outcome.replayed
    if outcome.matches == 0:
        raise CustomerNotFound("No customer matches the given key.")
    if not outcome.place_known:
        raise UnknownLocation(
            f"No location has the code {event.location!r}: create it with POST /locations first.",
            errors=None,
        )
    # The reference was inserted by a concurrent call that committed after this statement's
    # snapshot (ON CONFLICT waited for it): its row is visible to the next statement.
    seen = await record.by_external_ref(connection, event.tenant_id, event.external_ref or "")
    assert seen is not None
    return seen, True


class _HandOver(Exception):
    """The till's path gives the sale to the unit of work: raised in the plain connection's
    transaction, which it rolls back (nothing was written, but the customer's row was locked)."""


async def record_now(
    connection: asyncpg.Connection, ctx: Context, body: TransactionIn
) -> tuple[TransactionOut, bool, LoyaltyResult | None] | None:
    """Record a sale of today on the read pool's connection, and earn its points there when
    the tenant's programme is on; True when replayed. None, having written nothing, when it
    needs `record_with_points`'s unit of work: a back-dated sale (a closed day of the
    dashboard's cache is dropped with it), a refund while the programme is on (points are
    clawed back through the session); `_HandOver` for rules whose earning reads segments."""
    event = _event(ctx, body)
    if _is_past(ctx, event.local_date):
        return None
    leave_points = event.kind != "purchase"
    outcome = await record.record(connection, event, leave_points=leave_points)
    if outcome.points_on and leave_points:  # it wrote nothing and locked nothing
        return None
    if outcome.matches == 1 and not outcome.current and outcome.row is None:
        # An event of the same customer committed while this one waited for the customer's
        # lock, which it now holds: run again, its snapshot now sees that event.
        outcome = await record.record(connection, event, leave_points=leave_points)
    row, replayed = await _settle(connection, event, outcome)
    if not outcome.points_on or row.customer_id is None:
        return row, replayed, None
    if replayed:  # what the sale did then
        result = await loyalty.transaction_result(
            connection, ctx.tenant_id, row.customer_id, row.id
        )
        return row, replayed, result
    assert outcome.programme is not None  # on, so there is a version in force
    version, written_at = outcome.programme
    current = await programme.of_version(
        connection, ctx.tenant_id, version, written_at, enabled=True
    )
    if earning.needs_session(current.rules):
        programme.hint_session(ctx.tenant_id, needed=True)
        raise _HandOver
    done = await earning.on_purchase(
        connection, ctx, current, customer_id=row.customer_id, transaction_id=row.id,
        amount=abs(row.amount), occurred_at=row.occurred_at, location=body.location,
    )  # fmt: skip
    return row, replayed, LoyaltyResult(
        points_earned=done.points, points_redeemed=0, points_clawed_back=0,
        points_balance=done.balance,
    )  # fmt: skip


PlainConnection = Callable[[], AbstractAsyncContextManager[asyncpg.Connection]]


async def record_sale(
    session: AsyncSession, plain: PlainConnection, ctx: Context, body: TransactionIn
) -> tuple[TransactionOut, bool, LoyaltyResult | None]:
    """POST /transactions: the sale, True when replayed, and what it did to the points.

    On the plain pool (`plain` lends a connection) in one database transaction: the sale's
    statement, and when the programme is on the earning's three (app/loyalty/earning.py); the
    session unopened (it connects on first use). The session for a redemption, a refund of a
    known purchase, a back-dated sale, a refund while points are on, and a tenant whose
    earning reads segments (`programme.probably_needs_session` sends those directly)."""
    moves_points = bool(body.redeem_points or body.refund_of)
    if not moves_points and not programme.probably_needs_session(ctx.tenant_id):
        try:
            async with plain() as connection:
                done = await record_now(connection, ctx, body)
        except _HandOver:
            done = None
        if done is not None:
            return done
    current = await programme.current(session, ctx.tenant_id)
    points_on = current is not None and current.enabled
    needs_session = current is not None and points_on and earning.needs_session(current.rules)
    programme.hint_session(ctx.tenant_id, needed=needs_session)
    row, replayed, earned = await record_with_points(session, ctx, body, current=current)
    if earned is not None:
        return row, replayed, LoyaltyResult(
            points_earned=earned.earned, points_redeemed=earned.redeemed,
            points_clawed_back=earned.clawed_back, points_balance=earned.balance,
        )  # fmt: skip
    if (moves_points or points_on) and row.customer_id is not None:
        # A replay (or a refund when the programme is off): what the sale did then.
        result = await loyalty.transaction_result(
            await plain_sql.of_session(session), ctx.tenant_id, row.customer_id, row.id
        )
        return row, replayed, result
    return row, replayed, None


async def record_transaction(
    session: AsyncSession, ctx: Context, body: TransactionIn, *, forget_past_day: bool = True
) -> tuple[TransactionOut, bool]:
    """Store a purchase or refund and update the customer's aggregates; True when replayed.
    Points move with it when the tenant's programme is on (`record_with_points`)."""
    row, replayed, _ = await record_with_points(session, ctx, body, forget_past_day=forget_past_day)
    return row, replayed


async def record_with_points(
    session: AsyncSession,
    ctx: Context,
    body: TransactionIn,
    *,
    current: Programme | None = None,
    forget_past_day: bool = True,
) -> tuple[TransactionOut, bool, loyalty.Earned | None]:
    """`record_transaction`, and what it did to the customer's points (None: a replay, or no
    programme on). `current`: the tenant's programme, when the caller has read it already.

    In the session's transaction, the one statement of `record_now`. Should an event of the
    same customer have committed while it waited for the customer's lock, it wrote nothing but
    holds the lock now: run again, its snapshot is then newer than every event before.
    """
    event = _event(ctx, body)
    connection = await plain_sql.of_session(session)
    outcome = await record.record(connection, event)
    if outcome.matches == 1 and not outcome.current and outcome.row is None:
        outcome = await record.record(connection, event)
    assert outcome.current or outcome.matches != 1 or outcome.row is not None  # we hold the lock
    row, replayed = await _settle(connection, event, outcome)
    earned = None
    if not replayed and row.customer_id is not None:
        # Points move in this same database transaction as the sale (keyed by its id).
        earned = await loyalty.on_transaction(
            session, ctx, customer_id=row.customer_id, transaction_id=row.id, kind=row.kind,
            amount=abs(row.amount), occurred_at=row.occurred_at, location=body.location,
            redeem_points=body.redeem_points, refund_of=body.refund_of, current=current,
        )  # fmt: skip
    # A back-dated sale changes a closed day the dashboard has cached: drop that day (one
    # DELETE, only then; today's sales are read live). The batch drops its days once.
    if forget_past_day and not replayed and _is_past(ctx, event.local_date):
        await stats_days.forget_days(
            session, ctx.tenant_id, ctx.tenant.timezone, [event.local_date]
        )
    return row, replayed, earned


def _is_past(ctx: Context, local_date: date) -> bool:
    return local_date < datetime.now(ZoneInfo(ctx.tenant.timezone)).date()


async def record_batch(
    session: AsyncSession, ctx: Context, body: TransactionBatchIn
) -> list[BatchItemResult]:
    """Each item in its own savepoint: a bad line is reported, the rest are stored."""
    results: list[BatchItemResult] = []
    past_days: set[date] = set()
    for index, item in enumerate(body.items):
        try:
            async with session.begin_nested():
                row, replayed = await record_transaction(session, ctx, item, forget_past_day=False)
        except AppError as exc:
            results.append(
                BatchItemResult(index=index, status="failed", code=exc.code, detail=exc.detail)
            )
            continue
        local_date = row.occurred_at.astimezone(ZoneInfo(ctx.tenant.timezone)).date()
        if not replayed and _is_past(ctx, local_date):
            past_days.add(local_date)
        results.append(
            BatchItemResult(index=index, status="replayed" if replayed else "created", id=row.id)
        )
    # The nightly sync's back-dated sales change closed days of the dashboard's cache.
    await stats_days.forget_days(session, ctx.tenant_id, ctx.tenant.timezone, past_days)
    return results


async def list_customer_transactions(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID, paging: PageParams
) -> tuple[list[Transaction], int]:
    where = (Transaction.tenant_id == tenant_id, Transaction.customer_id == customer_id)
    rows = await session.scalars(
        select(Transaction)
        .where(*where)
        .order_by(Transaction.occurred_at.desc(), Transaction.id.desc())
        .offset(paging.offset)
        .limit(paging.page_size)
    )
    total = await session.scalar(select(func.count()).select_from(Transaction).where(*where))
    return list(rows), total or 0


async def create_location(session: AsyncSession, ctx: Context, body: LocationIn) -> Location:
    exists = await session.scalar(
        select(Location.id).where(Location.tenant_id == ctx.tenant_id, Location.code == body.code)
    )
    if exists is not None:
        raise LocationExists(f"The code {body.code!r} is taken.")
    location = Location(tenant_id=ctx.tenant_id, **body.model_dump())
    session.add(location)
    await session.flush()
    return location


async def list_locations(session: AsyncSession, tenant_id: uuid.UUID) -> list[Location]:
    rows = await session.scalars(
        select(Location).where(Location.tenant_id == tenant_id).order_by(Location.code)
    )
    return list(rows)


def batch_counts(results: list[BatchItemResult]) -> dict[str, Any]:
    return {s: sum(1 for r in results if r.status == s) for s in ("created", "replayed", "failed")}
