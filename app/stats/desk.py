"""The front desk's day (`GET /desk/today`): four short lists, each one indexed query
(EXPLAIN on the seeded base in the commit that added them; indexes in 0027_desk_and_notes)."""

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.birthdays import BORN_ON
from app.stats.desk_schemas import (
    BirthdayCustomer,
    DeskToday,
    ExpiringVoucher,
    LapsedCustomer,
    ServedCustomer,
)

BIRTHDAYS_MAX = 50
EXPIRING_MAX = 50
EXPIRING_DAYS = 30
LAPSED_MAX = 20
SERVED_MAX = 10

# As app.customers.names.display_name, in SQL over the alias `c`.
_NAME = (
    "coalesce(nullif(concat_ws(' ', c.first_name, c.last_name), ''), c.company_name, "
    "c.email, c.phone, '')"
)
_WHO = f"c.id AS customer_id, {_NAME} AS display_name, c.phone, c.email"

# The dates themselves, which the (tenant_id, birth_date) index serves (customers.birthdays).
_BIRTHDAYS = text(f"""
SELECT {_WHO}, c.birth_date FROM customers c
WHERE c.tenant_id = :t AND c.erased_at IS NULL AND {BORN_ON}
ORDER BY c.last_name, c.first_name, c.id LIMIT {BIRTHDAYS_MAX}
""")

_EXPIRING = text(f"""
SELECT v.id AS voucher_id, v.code, v.kind, v.balance, v.valid_until, v.customer_id,
       CASE WHEN c.id IS NOT NULL THEN {_NAME} END AS display_name
FROM vouchers v LEFT JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.customer_id
WHERE v.tenant_id = :t AND v.status = 'active'
  AND v.valid_until > :now AND v.valid_until <= :until
ORDER BY v.valid_until, v.code LIMIT {EXPIRING_MAX}
""")

# Walks the total_spent index from the top and stops at the 20th lapsed customer.
_LAPSED = text(f"""
SELECT {_WHO}, greatest(c.last_visit_at, c.last_purchase_at) AS last_seen_at, c.total_spent
FROM customers c
WHERE c.tenant_id = :t AND c.erased_at IS NULL
  AND greatest(c.last_visit_at, c.last_purchase_at) < :before
ORDER BY c.total_spent DESC, c.id DESC LIMIT {LAPSED_MAX}
""")

# The newest rows of each source by its (tenant_id, time) index, then their customers.
_SERVED = text(f"""
WITH recent AS (
  (SELECT customer_id, occurred_at AS at FROM transactions
   WHERE tenant_id = :t AND customer_id IS NOT NULL ORDER BY occurred_at DESC LIMIT 200)
  UNION ALL
  (SELECT customer_id, redeemed_at FROM voucher_redemptions
   WHERE tenant_id = :t AND customer_id IS NOT NULL AND undone_at IS NULL
   ORDER BY redeemed_at DESC LIMIT 200)
), served AS (
  SELECT customer_id, max(at) AS served_at FROM recent GROUP BY customer_id
  ORDER BY served_at DESC LIMIT {SERVED_MAX}
)
SELECT {_WHO}, s.served_at FROM served s
JOIN customers c ON c.tenant_id = :t AND c.id = s.customer_id
WHERE c.erased_at IS NULL
ORDER BY s.served_at DESC
""")


async def today(session: AsyncSession, ctx: Context, *, lapsed_days: int) -> DeskToday:
    """Today's birthdays (in the tenant's time zone), vouchers expiring within 30 days,
    customers not seen for `lapsed_days` and the last customers served."""
    now = datetime.now(UTC)
    local = now.astimezone(ZoneInfo(ctx.tenant.timezone)).date()
    t = ctx.tenant_id

    async def rows(query: Any, **params: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in (await session.execute(query, {"t": t, **params})).mappings()]

    return DeskToday(
        date=local,
        birthdays=[
            BirthdayCustomer(**r)
            for r in await rows(_BIRTHDAYS, month=local.month, days=[local.day], year=local.year)
        ],
        expiring_vouchers=[
            ExpiringVoucher(**r)
            for r in await rows(_EXPIRING, now=now, until=now + timedelta(days=EXPIRING_DAYS))
        ],
        lapsed=[
            LapsedCustomer(**r)
            for r in await rows(_LAPSED, before=now - timedelta(days=lapsed_days))
        ],
        last_served=[ServedCustomer(**r) for r in await rows(_SERVED)],
    )
