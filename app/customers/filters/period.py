"""Period figures as filter fields: computed from transactions within a window ending now.

Listed by the registry (`registry.py`). Not sortable: each is a correlated subquery over the
customer's transactions (index `tenant_id, customer_id, occurred_at`), fine in a filter, too
slow to order a million rows by.

The transactions domain builds on customers, so this reads its table through a lightweight
`table()` of the four columns it needs rather than importing the model (an upward import);
tests/transactions/test_fields.py runs every field against the real table.
"""

from datetime import timedelta
from typing import Any

from sqlalchemy import Date, DateTime, Numeric, String, Uuid, column, func, select, table
from sqlalchemy.sql.elements import ColumnElement

from app.customers.filters.types import FieldDef, FieldType, FilterEnv, SqlExpr
from app.customers.models import Customer

_transactions = table(
    "transactions",
    column("tenant_id", Uuid),
    column("customer_id", Uuid),
    column("kind", String),
    column("amount", Numeric),
    column("occurred_at", DateTime(timezone=True)),
    column("local_date", Date),
)


def _window(env: FilterEnv, days: int) -> list[ColumnElement[bool]]:
    return [
        _transactions.c.tenant_id == env.tenant_id,
        _transactions.c.customer_id == Customer.id,
        _transactions.c.occurred_at >= env.now - timedelta(days=days),
        _transactions.c.occurred_at <= env.now,
    ]


def _spent(days: int) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        total = select(func.coalesce(func.sum(_transactions.c.amount), 0)).where(
            *_window(env, days)
        )
        return total.scalar_subquery()

    return sql


def _visits(days: int) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        visits = select(func.count(func.distinct(_transactions.c.local_date))).where(
            *_window(env, days), _transactions.c.kind == "purchase"
        )
        return visits.scalar_subquery()

    return sql


def _purchases(days: int) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        count = select(func.count()).where(*_window(env, days), _transactions.c.kind == "purchase")
        return count.scalar_subquery()

    return sql


_PERIOD_FIELDS: tuple[tuple[str, FieldType, SqlExpr, tuple[str, str, str]], ...] = (
    *(
        (
            f"spent_last_{d}_days",
            "money",
            _spent(d),
            (
                f"Spent in the last {d} days",
                f"Wydano w ostatnich {d} dniach",
                f"Витрачено за останні {d} днів",
            ),
        )
        for d in (30, 90, 365)
    ),
    *(
        (
            f"visits_last_{d}_days",
            "number",
            _visits(d),
            (
                f"Visits in the last {d} days",
                f"Wizyty w ostatnich {d} dniach",
                f"Візити за останні {d} днів",
            ),
        )
        for d in (30, 90, 365)
    ),
    *(
        (
            f"purchases_last_{d}_days",
            "number",
            _purchases(d),
            (
                f"Purchases in the last {d} days",
                f"Zakupy w ostatnich {d} dniach",
                f"Покупки за останні {d} днів",
            ),
        )
        for d in (30, 90)
    ),
)


FIELDS: tuple[FieldDef, ...] = tuple(
    FieldDef(name, kind, {"en": en, "pl": pl, "uk": uk}, sql, sortable=False)
    for name, kind, sql, (en, pl, uk) in _PERIOD_FIELDS
)
