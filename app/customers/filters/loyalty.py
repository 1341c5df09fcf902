"""Loyalty figures as filter fields: each a correlated lookup of the customer's account by
its primary key (tenant_id, customer_id), so a filter costs one index probe per row.

Listed by the registry (`registry.py`). Not sortable, like the period figures: ordering a
million customers by a subquery is too slow for a list. The loyalty domain builds on
customers, so its table is read through a lightweight `table()` (no upward import);
tests/loyalty/test_fields.py runs every field against the real table.
"""

from typing import Any

from sqlalchemy import BigInteger, DateTime, Numeric, String, Uuid, column, func, select, table
from sqlalchemy.sql.elements import ColumnElement

from app.customers.filters.types import FieldDef, FieldType, FilterEnv, SqlExpr
from app.customers.models import Customer

_accounts = table(
    "loyalty_accounts",
    column("tenant_id", Uuid),
    column("customer_id", Uuid),
    column("balance", BigInteger),
    column("pending", BigInteger),
    column("earned_total", BigInteger),
    column("redeemed_total", BigInteger),
    column("last_accrual_at", DateTime(timezone=True)),
    column("last_redemption_at", DateTime(timezone=True)),
    column("level", String),
    column("level_since", DateTime(timezone=True)),
    column("discount_percent", Numeric),
    column("promo_credit_balance", Numeric),
)

# A customer without an account has zero points (not "empty"); dates and level stay empty.
_ZERO_WHEN_NONE = {"balance", "pending", "earned_total", "redeemed_total", "promo_credit_balance",
                   "discount_percent"}  # fmt: skip


def _account(name: str) -> SqlExpr:
    def sql(env: FilterEnv) -> ColumnElement[Any]:
        value = (
            select(_accounts.c[name])
            .where(
                _accounts.c.tenant_id == env.tenant_id,
                _accounts.c.customer_id == Customer.id,
            )
            .scalar_subquery()
        )
        return func.coalesce(value, 0) if name in _ZERO_WHEN_NONE else value

    return sql


_FIELDS: tuple[tuple[str, str, FieldType, tuple[str, str, str]], ...] = (
    ("points_balance", "balance", "number", ("Points balance", "Saldo punktów", "Баланс балів")),
    ("points_pending", "pending", "number", ("Pending points", "Punkty oczekujące", "Бали в очікуванні")),
    ("points_earned_total", "earned_total", "number", ("Points earned", "Punkty zdobyte", "Нараховані бали")),
    ("points_redeemed_total", "redeemed_total", "number", ("Points redeemed", "Punkty wykorzystane", "Використані бали")),
    ("last_accrual_at", "last_accrual_at", "datetime", ("Last accrual", "Ostatnie naliczenie", "Останнє нарахування")),
    ("last_redemption_at", "last_redemption_at", "datetime", ("Last write-off", "Ostatnie odpisanie", "Останнє списання")),
    ("level", "level", "text", ("Loyalty level", "Poziom lojalności", "Рівень лояльності")),
    ("level_since", "level_since", "datetime", ("Level since", "Poziom od", "Рівень з")),
    ("discount_percent", "discount_percent", "number", ("Discount %", "Rabat %", "Знижка %")),
    ("promo_credit_balance", "promo_credit_balance", "money", ("Promotional credit", "Kredyt promocyjny", "Промо-кредит")),
)  # fmt: skip

FIELDS: tuple[FieldDef, ...] = tuple(
    FieldDef(name, kind, {"en": en, "pl": pl, "uk": uk}, _account(col), sortable=False)
    for name, col, kind, (en, pl, uk) in _FIELDS
)
