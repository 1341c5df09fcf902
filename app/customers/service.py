"""The customer record: validation, normalisation, writes with audit and outbound events
(app/customers/changes.py), reads without N+1. The consent upsert is app/customers/consents.py."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.core.errors import (
    Conflict,
    FieldError,
    ValidationFailed,
)
from app.custom_fields import service as custom_fields
from app.customers import changes as changes_log
from app.customers import consents as consents_sql
from app.customers import contacts, erased, fields, reads

# UNIQUE_CONFLICTS and etag are re-exported (`X as X`): the app and the routers read them here.
from app.customers.consents import set_consents as set_consents
from app.customers.errors import UNIQUE_CONFLICTS as UNIQUE_CONFLICTS
from app.customers.errors import (
    CardTaken,
    CustomerErased,
    CustomerNotFound,
    EmailTaken,
    ExternalIdTaken,
    StaleVersion,
)
from app.customers.models import Card, Customer
from app.customers.normalize import InvalidContact, normalize_email, normalize_phone
from app.customers.schemas import CustomerFields, CustomerOut
from app.customers.versions import etag as etag
from app.customers.versions import matches_version
from app.tags import service as tags

SCALAR_FIELDS = fields.WRITABLE
NOT_NULL_DEFAULTS = {"type": "customer", "status": "active"}


def _source_for(ctx: Context) -> str:
    return "api" if ctx.principal.kind == "api_key" else "manual"


def _normalise_contacts(values: dict[str, Any], country: str, errors: list[FieldError]) -> None:
    for field, normalise in (
        ("email", normalize_email),
        ("phone", lambda v: normalize_phone(v, country)),
    ):
        raw = values.get(field)
        if raw in (None, ""):
            if field in values:
                values[field] = None
            continue
        try:
            values[field] = normalise(raw)
        except InvalidContact as exc:
            errors.append(FieldError(loc=["body", field], code=exc.code, message=exc.message))
    for field in SCALAR_FIELDS:
        if values.get(field) == "":
            values[field] = None


async def _check_unique(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    values: dict[str, Any],
    cards: list[str],
    keep: uuid.UUID | None,
) -> None:
    """Friendly conflicts before the unique indexes would raise."""
    checks: list[tuple[Any, type[Conflict], str]] = []
    if values.get("email"):
        checks.append(
            (
                Customer.email == values["email"],
                EmailTaken,
                f"{values['email']} is already used by another customer.",
            )
        )
    if values.get("external_id"):
        checks.append(
            (
                Customer.external_id == values["external_id"],
                ExternalIdTaken,
                f"External id {values['external_id']!r} is taken.",
            )
        )
    for condition, error, message in checks:
        other = await session.scalar(
            select(Customer.id).where(Customer.tenant_id == tenant_id, condition)
        )
        if other is not None and other != keep:
            raise error(message)
    if cards:
        owner = await session.scalar(
            select(Card.number).where(
                Card.tenant_id == tenant_id, Card.number.in_(cards), Card.customer_id != keep
            )
            if keep
            else select(Card.number).where(Card.tenant_id == tenant_id, Card.number.in_(cards))
        )
        if owner is not None:
            raise CardTaken(f"Card {owner} belongs to another customer.")


async def _prepare(
    session: AsyncSession,
    ctx: Context,
    body: CustomerFields,
    existing: Customer | None,
    *,
    subject_returned: bool = False,
    allow_duplicate: bool = False,
) -> dict[str, Any]:
    """Validated, normalised field values of a create or patch; raises with every bad field.

    An erased customer stays a tombstone; identity values of an erased person are refused
    unless the caller says the person came back (`subject_returned`)."""
    if existing is not None and existing.erased_at is not None:
        raise CustomerErased(
            "This customer was erased at their request; the record only keeps the amounts. "
            "Create a new customer if the person came back."
        )
    values = body.model_dump(exclude_unset=True)
    errors: list[FieldError] = []
    _normalise_contacts(values, ctx.tenant.country, errors)
    for field, default in NOT_NULL_DEFAULTS.items():
        if field in values and values[field] is None:
            values[field] = default
    if "custom_fields" in values:
        definitions = await custom_fields.list_definitions(session, ctx.tenant_id)
        merged = {**(existing.custom_fields if existing else {}), **(values["custom_fields"] or {})}
        coerced, cf_errors = custom_fields.validate_values(
            definitions,
            values["custom_fields"] or {},
            loc_prefix=["body", "custom_fields"],
            partial=existing is not None,
        )
        errors.extend(cf_errors)
        values["custom_fields"] = {k: v for k, v in {**merged, **coerced}.items() if v is not None}
    email = values.get("email", existing.email if existing else None)
    phone = values.get("phone", existing.phone if existing else None)
    if not email and not phone and not any(e.loc[-1] in ("email", "phone") for e in errors):
        errors.append(
            FieldError(
                loc=["body", "email"],
                code="missing_contact",
                message="Give an email or a phone number: a name alone reaches no one.",
            )
        )
    if errors:
        raise ValidationFailed(f"{len(errors)} field(s) are not valid.", errors=errors)
    card_numbers = [c["number"].strip() for c in values.get("cards") or []]
    if len(set(card_numbers)) != len(card_numbers):
        raise ValidationFailed.field(
            ["body", "cards"], "duplicate_card", "The same card number is given twice."
        )
    if not allow_duplicate:
        await contacts.refuse_duplicates(
            session, ctx.tenant_id, values, existing.id if existing else None
        )
    await _check_unique(
        session, ctx.tenant_id, values, card_numbers, existing.id if existing else None
    )
    if not subject_returned:
        pairs = erased.identities(
            values.get("email"), values.get("phone"), card_numbers, values.get("external_id")
        )
        await erased.refuse_erased(session, ctx.tenant_id, pairs)
    return values


async def _write_children(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, values: dict[str, Any]
) -> None:
    if "tags" in values:
        await tags.set_customer_tags(session, ctx.tenant_id, customer_id, values["tags"] or [])
    if "cards" in values:
        await session.execute(
            delete(Card).where(Card.tenant_id == ctx.tenant_id, Card.customer_id == customer_id)
        )
        for card in values["cards"] or []:
            session.add(
                Card(
                    tenant_id=ctx.tenant_id,
                    customer_id=customer_id,
                    **{**card, "number": card["number"].strip()},
                )
            )
    if values.get("consents"):
        await set_consents(
            session, ctx.tenant_id, customer_id, values["consents"], consents_sql.actor_of(ctx)
        )
    await session.flush()


async def snapshot(
    session: AsyncSession, tenant_id: uuid.UUID, customer: Customer
) -> dict[str, Any]:
    """The audited view of a customer: its fields, tags, cards and consent states."""
    out = (await to_out(session, tenant_id, [customer]))[0]
    data: dict[str, Any] = {f: getattr(customer, f) for f in SCALAR_FIELDS}
    data["custom_fields"] = dict(customer.custom_fields or {})
    data["tags"] = out.tags
    data["cards"] = sorted(c.number for c in out.cards)
    data["consents"] = {ch: c.granted for ch, c in out.consents.items()}
    return data


async def create_customer(
    session: AsyncSession,
    ctx: Context,
    body: CustomerFields,
    *,
    source: str | None = None,
    subject_returned: bool = False,
    allow_duplicate: bool = False,
) -> Customer:
    values = await _prepare(
        session, ctx, body, None, subject_returned=subject_returned, allow_duplicate=allow_duplicate
    )
    scalars = {k: v for k, v in values.items() if k in SCALAR_FIELDS and v is not None}
    customer = Customer(
        tenant_id=ctx.tenant_id,
        **scalars,
        custom_fields=values.get("custom_fields") or {},
        source=source or _source_for(ctx),
    )
    session.add(customer)
    await session.flush()
    await _write_children(session, ctx, customer.id, values)
    after = await snapshot(session, ctx.tenant_id, customer)
    await changes_log.created(session, ctx, customer.id, after, customer.source)
    return customer


async def get_customer(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID, *, lock: bool = False
) -> Customer:
    query = select(Customer).where(Customer.tenant_id == tenant_id, Customer.id == customer_id)
    if lock:
        query = query.with_for_update()
    customer = await session.scalar(query)
    if customer is None:
        raise CustomerNotFound(f"No customer {customer_id}.")
    return customer


async def update_customer(
    session: AsyncSession,
    ctx: Context,
    customer_id: uuid.UUID,
    body: CustomerFields,
    *,
    if_match: str | None = None,
    subject_returned: bool = False,
    allow_duplicate: bool = False,
) -> Customer:
    customer = await get_customer(session, ctx.tenant_id, customer_id, lock=True)
    if if_match is not None and not matches_version(if_match, customer):
        raise StaleVersion(
            f"You sent {if_match}, the customer is now at version {customer.version}: reload"
            " and retry."
        )
    return await _apply_update(
        session,
        ctx,
        customer,
        body,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )


async def _apply_update(
    session: AsyncSession,
    ctx: Context,
    customer: Customer,
    body: CustomerFields,
    *,
    subject_returned: bool = False,
    allow_duplicate: bool = False,
) -> Customer:
    values = await _prepare(
        session,
        ctx,
        body,
        customer,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )
    before = await snapshot(session, ctx.tenant_id, customer)
    for key, value in values.items():
        if key in SCALAR_FIELDS or key == "custom_fields":
            setattr(customer, key, value)
    await _write_children(session, ctx, customer.id, values)
    after = await snapshot(session, ctx.tenant_id, customer)
    if audit.diff(before, after):
        customer.version += 1
        customer.updated_at = datetime.now(UTC)
        await session.flush()
        await changes_log.updated(session, ctx, customer.id, before, after)
    return customer


async def upsert_by_external_id(
    session: AsyncSession,
    ctx: Context,
    external_id: str,
    body: CustomerFields,
    *,
    subject_returned: bool = False,
    allow_duplicate: bool = False,
) -> tuple[Customer, bool]:
    """Create or update the customer with this external id; True when created."""
    body = body.model_copy(update={"external_id": external_id})
    body.model_fields_set.add("external_id")
    # Serialise concurrent syncs of one external id without a unique-violation race.
    await session.execute(
        select(
            func.pg_advisory_xact_lock(
                func.hashtextextended(f"{ctx.tenant_id}:ext:{external_id}", 0)
            )
        )
    )
    existing = await session.scalar(
        select(Customer)
        .where(Customer.tenant_id == ctx.tenant_id, Customer.external_id == external_id)
        .with_for_update()
    )
    if existing is None:
        created = await create_customer(
            session, ctx, body, subject_returned=subject_returned, allow_duplicate=allow_duplicate
        )
        return created, True
    updated = await _apply_update(
        session,
        ctx,
        existing,
        body,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )
    return updated, False


async def delete_customer(session: AsyncSession, ctx: Context, customer_id: uuid.UUID) -> None:
    customer = await get_customer(session, ctx.tenant_id, customer_id, lock=True)
    facts = audit.deleted_facts(await snapshot(session, ctx.tenant_id, customer))
    facts.update(transactions=customer.transactions_count, vouchers=customer.vouchers_assigned)
    await session.execute(
        delete(Customer).where(Customer.tenant_id == ctx.tenant_id, Customer.id == customer.id)
    )
    await changes_log.deleted(session, ctx, customer_id, facts)


def lookup_key(
    ctx: Context, *, phone: str | None, email: str | None, card: str | None
) -> tuple[str, str]:
    """The one key a till looks a customer up by, normalised as the base stores it."""
    given = [(k, v) for k, v in (("phone", phone), ("email", email), ("card", card)) if v]
    if len(given) != 1:
        raise ValidationFailed.field(
            ["query"], "one_key_required", "Give exactly one of phone, email or card."
        )
    key, raw = given[0]
    try:
        if key == "phone":
            return key, normalize_phone(raw, ctx.tenant.country)
        if key == "email":
            return key, normalize_email(raw)
    except InvalidContact as exc:
        raise ValidationFailed.field(["query", key], exc.code, exc.message) from None
    return key, raw.strip()


async def to_out(
    session: AsyncSession, tenant_id: uuid.UUID, customers: Sequence[Customer]
) -> list[CustomerOut]:
    """API shapes for customers already loaded: one extra query for their tags, cards and
    consents (to read customers by id, `reads` does it all in one statement)."""
    children = await reads.children(session, tenant_id, [c.id for c in customers])
    return [
        CustomerOut.model_validate(c).model_copy(update=children.get(c.id, {})) for c in customers
    ]
