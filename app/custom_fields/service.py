"""Tenant-defined typed fields, and validation of customers' values against them."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from app.core.numbers import NumberOutOfRange, parse_decimal
from app.custom_fields.models import CustomFieldDefinition

MAX_TEXT = 2000
TRUE_WORDS = {"true", "1", "yes", "y", "tak", "так", "да", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "nie", "ні", "нет", "f"}


class CustomFieldNotFound(NotFound):
    code = "custom_field_not_found"
    title = "Custom field not found"


class CustomFieldExists(Conflict):
    code = "custom_field_exists"
    title = "A custom field with this key already exists"


async def list_definitions(
    session: AsyncSession, tenant_id: uuid.UUID
) -> list[CustomFieldDefinition]:
    rows = await session.scalars(
        select(CustomFieldDefinition)
        .where(CustomFieldDefinition.tenant_id == tenant_id)
        .order_by(CustomFieldDefinition.key)
    )
    return list(rows)


async def get_definition(
    session: AsyncSession, tenant_id: uuid.UUID, field_id: uuid.UUID
) -> CustomFieldDefinition:
    row = await session.scalar(
        select(CustomFieldDefinition).where(
            CustomFieldDefinition.tenant_id == tenant_id, CustomFieldDefinition.id == field_id
        )
    )
    if row is None:
        raise CustomFieldNotFound()
    return row


def _check_choices(kind: str, choices: list[str] | None) -> None:
    if kind == "choice" and not choices:
        raise ValidationFailed.field(
            ["body", "choices"], "choices_required", "A choice field needs its choices."
        )
    if kind != "choice" and choices:
        raise ValidationFailed.field(
            ["body", "choices"], "choices_not_allowed", "Only choice fields have choices."
        )


async def create_definition(
    session: AsyncSession,
    ctx: Context,
    *,
    key: str,
    label: str,
    kind: str,
    choices: list[str] | None,
    required: bool,
) -> CustomFieldDefinition:
    _check_choices(kind, choices)
    exists = await session.scalar(
        select(CustomFieldDefinition.id).where(
            CustomFieldDefinition.tenant_id == ctx.tenant_id, CustomFieldDefinition.key == key
        )
    )
    if exists:
        raise CustomFieldExists(f"There is already a custom field {key!r}.")
    row = CustomFieldDefinition(
        tenant_id=ctx.tenant_id, key=key, label=label, type=kind, choices=choices, required=required
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session,
        ctx,
        "custom_field.created",
        "custom_field",
        row.id,
        meta={"key": key, "type": kind},
    )
    return row


async def update_definition(
    session: AsyncSession, ctx: Context, field_id: uuid.UUID, changes: dict[str, Any]
) -> CustomFieldDefinition:
    row = await get_definition(session, ctx.tenant_id, field_id)
    before = {k: getattr(row, k) for k in changes}
    if "choices" in changes:
        _check_choices(row.type, changes["choices"])
    for k, v in changes.items():
        setattr(row, k, v)
    await session.flush()
    diff = audit.diff(before, changes)
    if diff:
        await audit.record(
            session, ctx, "custom_field.updated", "custom_field", row.id, changes=diff
        )
    return row


async def delete_definition(session: AsyncSession, ctx: Context, field_id: uuid.UUID) -> None:
    row = await get_definition(session, ctx.tenant_id, field_id)
    await session.execute(
        delete(CustomFieldDefinition).where(
            CustomFieldDefinition.tenant_id == row.tenant_id, CustomFieldDefinition.id == row.id
        )
    )
    await audit.record(
        session, ctx, "custom_field.deleted", "custom_field", row.id, meta={"key": row.key}
    )


def coerce_value(kind: str, value: Any, choices: list[str] | None) -> Any:
    """The stored JSON form of a value of this type, or ValueError with a reason."""
    if value is None:
        return None
    if kind == "text":
        text = str(value)
        if len(text) > MAX_TEXT:
            raise ValueError(f"at most {MAX_TEXT} characters")
        return text
    if kind == "number":
        # Bounded before int()/float(): see app.core.numbers.
        number = parse_decimal(value, decimal_comma=True)
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "date":
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValueError("expected a date as YYYY-MM-DD") from None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError("expected true or false")
    if kind == "choice":
        text = str(value)
        if choices and text not in choices:
            raise ValueError(f"must be one of: {', '.join(choices)}")
        return text
    raise ValueError(f"unknown field type {kind}")


def validate_values(
    definitions: list[CustomFieldDefinition],
    values: dict[str, Any],
    *,
    loc_prefix: list[str | int],
    partial: bool,
) -> tuple[dict[str, Any], list[FieldError]]:
    """Coerced values and the errors, one per bad key (unknown keys included)."""
    by_key = {d.key: d for d in definitions}
    out: dict[str, Any] = {}
    errors: list[FieldError] = []
    for key, value in values.items():
        definition = by_key.get(key)
        if definition is None:
            errors.append(
                FieldError(
                    loc=[*loc_prefix, key],
                    code="unknown_custom_field",
                    message=f"No custom field {key!r}.",
                )
            )
            continue
        try:
            out[key] = coerce_value(definition.type, value, definition.choices)
        except ValueError as exc:
            errors.append(
                FieldError(
                    loc=[*loc_prefix, key],
                    code=(
                        NumberOutOfRange.code
                        if isinstance(exc, NumberOutOfRange)
                        else "invalid_custom_field"
                    ),
                    message=f"{definition.label}: {exc}.",
                )
            )
    if not partial:
        for d in definitions:
            if d.required and out.get(d.key) is None:
                errors.append(
                    FieldError(
                        loc=[*loc_prefix, d.key], code="missing", message=f"{d.label} is required."
                    )
                )
    return out, errors
