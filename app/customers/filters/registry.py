"""The one registry of filterable and sortable customer fields.

It serves `GET /customers/fields`, the filter compiler, the reference evaluator and sorting.
It lists every field itself (`FIELDS`): the customer's columns, consents, tags, the import,
and the period figures over transactions (`period.py`); custom fields are added per tenant
by `fields_for`.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Boolean, Date, Numeric, String, and_, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.custom_fields import service as custom_fields
from app.customers.fields import CUSTOMER_FIELDS
from app.customers.filters import loyalty, period
from app.customers.filters.types import (
    DATE_PRESETS,
    DURATION_OPS,
    NO_VALUE_OPS,
    OPERATORS,
    FieldDef,
    FieldType,
    FilterEnv,
    SqlExpr,
)
from app.customers.models import Consent, Customer
from app.customers.schemas import CHANNELS


def _column(name: str) -> SqlExpr:
    column = getattr(Customer, name)
    return lambda env: column


# Figures kept on the customer's row but computed from other tables: name, type, en, pl, uk,
# sortable. The customer's own fields come from app/customers/fields.py.
_BASE: tuple[tuple[str, FieldType, str, str, str, bool], ...] = (
    ("rfm_segment", "text", "RFM segment", "Segment RFM", "Сегмент RFM", True),
    ("created_at", "datetime", "Created", "Utworzono", "Створено", True),
    ("updated_at", "datetime", "Updated", "Zmieniono", "Змінено", True),
    ("last_activity_at", "datetime", "Last activity", "Ostatnia aktywność", "Остання активність", True),
    ("vouchers_assigned", "number", "Vouchers assigned", "Przypisane vouchery", "Призначені ваучери", True),
    ("vouchers_active", "number", "Active vouchers", "Aktywne vouchery", "Активні ваучери", True),
    ("vouchers_redeemed", "number", "Vouchers fully redeemed", "Vouchery wykorzystane", "Використані ваучери", True),
    ("voucher_redeemed_amount", "money", "Redeemed amount", "Kwota realizacji", "Сума погашення", True),
    ("total_spent", "money", "Total spent", "Suma zakupów", "Загальна сума покупок", True),
    ("transactions_count", "number", "Transactions", "Transakcje", "Транзакції", True),
    ("visits", "number", "Visits", "Wizyty", "Візити", True),
    ("avg_check", "money", "Average check", "Średni paragon", "Середній чек", True),
    ("first_visit_at", "datetime", "First visit", "Pierwsza wizyta", "Перший візит", True),
    ("last_visit_at", "datetime", "Last visit", "Ostatnia wizyta", "Останній візит", True),
    ("last_purchase_amount", "money", "Last purchase amount", "Kwota ostatniego zakupu", "Сума останньої покупки", True),
    ("last_purchase_at", "datetime", "Last purchase", "Ostatni zakup", "Остання покупка", True),
    ("rfm_recency", "number", "RFM recency", "RFM: świeżość", "RFM: давність", True),
    ("rfm_frequency", "number", "RFM frequency", "RFM: częstotliwość", "RFM: частота", True),
    ("rfm_monetary", "number", "RFM monetary", "RFM: wartość", "RFM: вартість", True),
)  # fmt: skip

_ENUMS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("source", "Source", "Źródło", "Джерело", ("manual", "import", "api", "pos")),
)

_CONSENT_LABELS = {
    "email_marketing": ("Email marketing consent", "Zgoda na e-mail marketing", "Згода на email-маркетинг"),
    "sms_marketing": ("SMS marketing consent", "Zgoda na SMS marketing", "Згода на SMS-маркетинг"),
    "push_marketing": ("Push marketing consent", "Zgoda na powiadomienia push", "Згода на push-маркетинг"),
    "data_processing": ("Data processing consent", "Zgoda na przetwarzanie danych", "Згода на обробку даних"),
}  # fmt: skip


def _consent_sql(channel: str) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        return (
            select(Consent.granted)
            .where(
                Consent.tenant_id == env.tenant_id,
                Consent.customer_id == Customer.id,
                Consent.channel == channel,
            )
            .scalar_subquery()
        )

    return sql


def _base_fields() -> list[FieldDef]:
    out = [
        FieldDef(
            f.name, f.kind, f.labels, _column(f.name), enum_values=f.values, sortable=f.sortable
        )
        for f in CUSTOMER_FIELDS
    ]
    out += [
        FieldDef(name, kind, {"en": en, "pl": pl, "uk": uk}, _column(name), sortable=sortable)
        for name, kind, en, pl, uk, sortable in _BASE
    ]
    out += [
        FieldDef(name, "enum", {"en": en, "pl": pl, "uk": uk}, _column(name), enum_values=values)
        for name, en, pl, uk, values in _ENUMS
    ]
    out.append(
        FieldDef("tags", "tags", {"en": "Tags", "pl": "Tagi", "uk": "Теги"}, None, sortable=False)
    )
    # The customers an import created ("show me what I just imported"); the value is its id.
    out.append(
        FieldDef(
            "import_id",
            "enum",
            {"en": "Import", "pl": "Import", "uk": "Імпорт"},
            _column("import_id"),
            sortable=False,
            extra={"uuid": True},
        )
    )
    for channel in CHANNELS:
        en, pl, uk = _CONSENT_LABELS[channel]
        out.append(
            FieldDef(
                f"consent.{channel}",
                "boolean",
                {"en": en, "pl": pl, "uk": uk},
                _consent_sql(channel),
                sortable=False,
            )
        )
    return out


# Every field, in the order `GET /customers/fields` lists them.
__all__ = [
    "DATE_PRESETS",
    "DURATION_OPS",
    "FIELDS",
    "NO_VALUE_OPS",
    "OPERATORS",
    "FieldDef",
    "FieldType",
    "FilterEnv",
    "SqlExpr",
    "fields_for",
    "registered_fields",
    "sortable_columns",
]

FIELDS: Mapping[str, FieldDef] = {
    f.name: f for f in (*_base_fields(), *period.FIELDS, *loyalty.FIELDS)
}


def registered_fields() -> dict[str, FieldDef]:
    return dict(FIELDS)


_CF_TYPES: dict[str, FieldType] = {
    "text": "text",
    "number": "number",
    "date": "date",
    "boolean": "boolean",
    "choice": "enum",
}
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _custom_sql(key: str, kind: FieldType) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        raw = Customer.custom_fields[key]
        text_value = Customer.custom_fields[key].astext
        if kind == "number":
            return case((func.jsonb_typeof(raw) == "number", cast(text_value, Numeric)), else_=None)
        if kind == "date":
            return case((text_value.regexp_match(_ISO_DATE), cast(text_value, Date)), else_=None)
        if kind == "boolean":
            return case(
                (func.jsonb_typeof(raw) == "boolean", cast(text_value, Boolean)), else_=None
            )
        return cast(text_value, String)

    return sql


async def fields_for(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, FieldDef]:
    """Every field a tenant can filter and sort by: the registry plus its custom fields."""
    out = registered_fields()
    for definition in await custom_fields.list_definitions(session, tenant_id):
        kind = _CF_TYPES.get(definition.type, "text")
        name = f"cf.{definition.key}"
        key = definition.key
        out[name] = FieldDef(
            name,
            kind,
            {"en": definition.label},
            _custom_sql(key, kind),
            enum_values=tuple(str(c) for c in definition.choices or ()),
            value=lambda row, key=key: (row.get("custom_fields") or {}).get(key),  # type: ignore[misc]
        )
    return out


def sortable_columns(fields: Mapping[str, FieldDef], env: FilterEnv) -> dict[str, Any]:
    return {name: f.sql(env) for name, f in fields.items() if f.sortable and f.sql is not None}


def and_all(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return and_(*conditions)
