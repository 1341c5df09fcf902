"""Purchases and refunds: who bought (by any key the till knows), dedupe, live aggregates."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.core.errors import AppError, Conflict, NotFound, ValidationFailed
from app.core.pagination import PageParams
from app.customers.models import Card, Customer
from app.customers.normalize import InvalidContact, normalize_email, normalize_phone
from app.customers.service import CustomerNotFound
from app.stats_days import service as stats_days
from app.transactions.models import Location, Transaction
from app.transactions.schemas import (
    BatchItemResult,
    CustomerRef,
    LocationIn,
    TransactionBatchIn,
    TransactionIn,
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


async def resolve_customer(
    session: AsyncSession, ctx: Context, ref: CustomerRef, *, lock: bool = False
) -> uuid.UUID:
    """The customer the till means; with `lock`, their row is locked until commit.

    The lock serialises events of one customer, so "is this the first purchase today?"
    is answered against committed rows and visits stay exact under concurrency.
    """
    query = select(Customer.id).where(Customer.tenant_id == ctx.tenant_id)
    try:
        if ref.id is not None:
            query = query.where(Customer.id == ref.id)
        elif ref.external_id:
            query = query.where(Customer.external_id == ref.external_id)
        elif ref.phone:
            query = query.where(Customer.phone == normalize_phone(ref.phone, ctx.tenant.country))
        elif ref.email:
            query = query.where(Customer.email == normalize_email(ref.email))
        else:
            owner = select(Card.customer_id).where(
                Card.tenant_id == ctx.tenant_id, Card.number == (ref.card or "").strip()
            )
            query = query.where(Customer.id.in_(owner))
    except InvalidContact as exc:
        raise ValidationFailed.field(
            ["body", "customer", exc.code.removeprefix("invalid_")], exc.code, exc.message
        ) from None
    if lock:
        query = query.with_for_update(key_share=True)
    ids = list(await session.scalars(query.limit(2)))
    if not ids:
        raise CustomerNotFound("No customer matches the given key.")
    if len(ids) > 1:
        raise CustomerAmbiguous("Several customers match: identify the customer by id or card.")
    return ids[0]


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


# The event and the customer's aggregates in one statement. The UPDATE's right-hand sides read
# the customer row as it was before; it runs only when the INSERT did (a replay changes
# nothing); the statement's snapshot does not see the new row, so "first purchase that day?"
# looks at the earlier ones only. The location is looked up inside (NULL when unknown), as
# INSERT … SELECT: Citus plans no subquery inside VALUES.
_RECORD = text("""
WITH ins AS (
  INSERT INTO transactions (id, tenant_id, customer_id, kind, amount, currency, occurred_at,
                            local_date, location_id, external_ref, items_count)
  SELECT CAST(:id AS uuid), CAST(:tenant_id AS uuid), CAST(:customer_id AS uuid),
         CAST(:kind AS varchar), CAST(:amount AS numeric), CAST(:currency AS varchar),
         CAST(:occurred_at AS timestamptz), CAST(:local_date AS date),
         (SELECT l.id FROM locations l WHERE l.tenant_id = :tenant_id AND l.code = :location),
         CAST(:external_ref AS varchar), CAST(:items_count AS integer)
  ON CONFLICT (tenant_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
  RETURNING *
), upd AS (
  UPDATE customers SET
    total_spent = total_spent + :amount,
    transactions_count = transactions_count + :purchase,
    avg_check = CASE WHEN transactions_count + :purchase > 0
                     THEN round((total_spent + :amount) / (transactions_count + :purchase), 2) END,
    visits = visits + CASE WHEN :purchase = 1 AND NOT EXISTS (
               SELECT 1 FROM transactions t
               WHERE t.tenant_id = :tenant_id AND t.customer_id = :customer_id AND t.kind = 'purchase'
                 AND t.local_date = :local_date AND t.id <> :id) THEN 1 ELSE 0 END,
    first_visit_at = CASE WHEN :purchase = 1 THEN LEAST(first_visit_at, :occurred_at) ELSE first_visit_at END,
    last_visit_at = CASE WHEN :purchase = 1 THEN GREATEST(last_visit_at, :occurred_at) ELSE last_visit_at END,
    last_purchase_amount = CASE WHEN :purchase = 1 AND (last_purchase_at IS NULL OR :occurred_at > last_purchase_at
                                OR (:occurred_at = last_purchase_at AND :amount > last_purchase_amount))
                           THEN :amount ELSE last_purchase_amount END,
    last_purchase_at = CASE WHEN :purchase = 1 THEN GREATEST(last_purchase_at, :occurred_at) ELSE last_purchase_at END,
    last_activity_at = GREATEST(last_activity_at, :occurred_at)
  WHERE tenant_id = :tenant_id AND id = :customer_id AND EXISTS (SELECT 1 FROM ins)
)
SELECT * FROM ins
""")


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


async def record_transaction(
    session: AsyncSession, ctx: Context, body: TransactionIn, *, forget_past_day: bool = True
) -> tuple[Transaction, bool]:
    """Store a purchase or refund and update the customer's aggregates; True when replayed.

    Three statements on the way in: lock the customer; insert with the aggregates updated in
    the same statement (a known external_ref a no-op); commit.
    """
    kind, amount = _signed(body)
    currency = check_currency(ctx, body.currency)
    try:
        customer_id = await resolve_customer(session, ctx, body.customer, lock=True)
    except CustomerNotFound:
        # A replay still gets its first answer if the customer was merged away since.
        seen = await _by_external_ref(session, ctx.tenant_id, body.external_ref or "")
        if seen is None:
            raise
        return seen, True
    occurred_at = body.occurred_at or datetime.now(UTC)
    local_date = occurred_at.astimezone(ZoneInfo(ctx.tenant.timezone)).date()
    params = {
        "id": uuid.uuid4(),
        "tenant_id": ctx.tenant_id,
        "customer_id": customer_id,
        "kind": kind,
        "amount": amount,
        "purchase": 1 if kind == "purchase" else 0,
        "currency": currency,
        "occurred_at": occurred_at,
        "local_date": local_date,
        "location": body.location,
        "external_ref": body.external_ref,
        "items_count": body.items_count,
    }
    row = await session.scalar(select(Transaction).from_statement(_RECORD), params)
    if row is None:
        # Known reference: this call, or a concurrent one that committed first, was a replay.
        seen = await _by_external_ref(session, ctx.tenant_id, body.external_ref or "")
        assert seen is not None
        return seen, True
    if body.location and row.location_id is None:
        raise UnknownLocation(  # the insert and the aggregates roll back with the request
            f"No location has the code {body.location!r}: create it with POST /locations first.",
            errors=None,
        )
    # A back-dated sale changes a closed day the dashboard has cached: drop that day (one
    # DELETE, only then; today's sales are read live). The batch drops its days once.
    if forget_past_day and _is_past(ctx, local_date):
        await stats_days.forget_days(session, ctx.tenant_id, ctx.tenant.timezone, [local_date])
    return row, False


def _is_past(ctx: Context, local_date: date) -> bool:
    return local_date < datetime.now(ZoneInfo(ctx.tenant.timezone)).date()


async def _by_external_ref(
    session: AsyncSession, tenant_id: uuid.UUID, ref: str
) -> Transaction | None:
    return await session.scalar(
        select(Transaction).where(
            Transaction.tenant_id == tenant_id, Transaction.external_ref == ref
        )
    )


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
        if not replayed and _is_past(ctx, row.local_date):
            past_days.add(row.local_date)
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
