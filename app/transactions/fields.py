"""Period figures as filter fields: computed from transactions within a window ending now.

Registered in the customer filter registry at import time (by this domain's router and
the stats jobs). Not sortable: each is a correlated subquery over the customer's
transactions (index `tenant_id, customer_id, occurred_at`), fine in a filter, too slow
to order a million rows by.
"""

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.sql.elements import ColumnElement

from app.customers.filters.registry import FieldDef, FieldType, FilterEnv, SqlExpr, register_field
from app.customers.models import Customer
from app.transactions.models import Transaction


def _window(env: FilterEnv, days: int) -> list[ColumnElement[bool]]:
    return [
        Transaction.tenant_id == env.tenant_id,
        Transaction.customer_id == Customer.id,
        Transaction.occurred_at >= env.now - timedelta(days=days),
        Transaction.occurred_at <= env.now,
    ]


def _spent(days: int) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        total = select(func.coalesce(func.sum(Transaction.amount), 0)).where(*_window(env, days))
        return total.scalar_subquery()

    return sql


def _visits(days: int) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        visits = select(func.count(func.distinct(Transaction.local_date))).where(
            *_window(env, days), Transaction.kind == "purchase"
        )
        return visits.scalar_subquery()

    return sql


def _purchases(days: int) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        count = select(func.count()).where(*_window(env, days), Transaction.kind == "purchase")
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


def register() -> None:
    for name, kind, sql, (en, pl, uk) in _PERIOD_FIELDS:
        register_field(FieldDef(name, kind, {"en": en, "pl": pl, "uk": uk}, sql, sortable=False))


register()
