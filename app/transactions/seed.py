"""Demo vouchers, redemptions and transactions for freshly seeded customers, set-based.

About 3 vouchers and 5 transactions per customer (1–5 and 3–7, from a hash of the id),
then every aggregate and RFM score recomputed in one pass each: the bench seeds a million
customers this way.
"""

import uuid
from typing import Any, cast

from sqlalchemy import CursorResult, TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.demo.seed import SEEDERS
from app.stats import aggregates, rfm
from app.tenants.models import Tenant

LOCATIONS = (
    ("SHOP-1", "Sklep Centrum"),
    ("SHOP-2", "Sklep Galeria"),
    ("ONLINE", "Sklep internetowy"),
)

# Customers that have neither transactions nor vouchers yet: the batch just seeded.
_FRESH = """
  SELECT c.tenant_id, c.id AS customer_id, c.created_at, abs(hashtext(c.id::text))::bigint AS h
  FROM customers c
  WHERE c.tenant_id = :tenant_id AND c.transactions_count = 0 AND c.vouchers_assigned = 0
"""

# Vouchers and their redemptions in one statement: the redemptions come from the rows just
# inserted (fully used ones, and a third of the active amount vouchers half used).
_VOUCHERS = text(f"""
WITH issued AS (
  INSERT INTO vouchers (id, tenant_id, code, kind, currency, initial_value, balance, status,
                        valid_from, valid_until, customer_id, assigned_at, created_at)
  SELECT gen_random_uuid(), s.tenant_id,
         'S' || translate(upper(substr(md5(s.customer_id::text || g), 1, 12)), '01', 'GH'),
         v.kind, CASE WHEN v.kind = 'amount' THEN :currency END, v.value,
         CASE WHEN v.status = 'redeemed' THEN 0
              WHEN v.status = 'active' AND v.kind = 'amount' AND (s.h + g) % 3 = 0 THEN round(v.value / 2, 2)
              ELSE v.value END,
         v.status, v.created, CASE WHEN v.status = 'expired' THEN now() - interval '1 day'
                                   ELSE v.created + interval '365 days' END,
         s.customer_id, v.created, v.created
  FROM ({_FRESH}) s
  CROSS JOIN LATERAL generate_series(1, 1 + (s.h % 5)::int) AS g
  CROSS JOIN LATERAL (SELECT
      CASE WHEN (s.h + g) % 7 = 0 THEN 'percent' ELSE 'amount' END AS kind,
      CASE WHEN (s.h + g) % 7 = 0 THEN (ARRAY[10, 15, 20])[1 + (s.h + g) % 3]
           ELSE (ARRAY[50, 100, 200])[1 + (s.h + g) % 3] END::numeric(14, 2) AS value,
      CASE WHEN (s.h + g) % 10 < 6 THEN 'active' WHEN (s.h + g) % 10 < 8 THEN 'redeemed'
           WHEN (s.h + g) % 10 = 8 THEN 'expired' ELSE 'cancelled' END AS status,
      s.created_at + (now() - s.created_at) * (((s.h * 17 + g * 7919) % 1000) / 1000.0) AS created
  ) v
  ON CONFLICT DO NOTHING
  RETURNING id, tenant_id, customer_id, code, kind, initial_value, balance, status, created_at
), redeemed AS (
  INSERT INTO voucher_redemptions (id, tenant_id, voucher_id, customer_id, amount, transaction_ref,
                                   location_id, redeemed_at)
  SELECT gen_random_uuid(), i.tenant_id, i.id, i.customer_id,
         CASE WHEN i.kind = 'percent' THEN 20.00 ELSE i.initial_value - i.balance END,
         NULL, (CAST(:location_ids AS uuid[]))[1 + abs(hashtext(i.code)) % 3],
         i.created_at + (now() - i.created_at) / 2
  FROM issued i
  WHERE i.status = 'redeemed' OR i.balance < i.initial_value
  RETURNING 1
)
SELECT (SELECT count(*) FROM issued), (SELECT count(*) FROM redeemed)
""")

_TRANSACTIONS = text(f"""
INSERT INTO transactions (id, tenant_id, customer_id, kind, amount, currency, occurred_at, local_date,
                          location_id, external_ref, items_count, created_at)
SELECT gen_random_uuid(), s.tenant_id, s.customer_id, k.kind,
       CASE WHEN k.kind = 'refund' THEN -round(5 + ((s.h + g) % 3000) / 100.0, 2)
            ELSE round(10 + ((s.h * 13 + g * 101) % 49000) / 100.0, 2) END,
       :currency, k.at, (k.at AT TIME ZONE :tz)::date,
       (CAST(:location_ids AS uuid[]))[1 + (s.h + g) % 3], NULL, 1 + ((s.h + g) % 7)::int, k.at
FROM ({_FRESH}) s
CROSS JOIN LATERAL generate_series(1, 3 + (s.h % 5)::int) AS g
CROSS JOIN LATERAL (SELECT
    s.created_at + (now() - s.created_at) * (((s.h * 31 + g * 7919) % 1000 + 0.5) / 1000.0) AS at,
    CASE WHEN (s.h + g) % 25 = 0 THEN 'refund' ELSE 'purchase' END AS kind
) k
""")


async def _rows(session: AsyncSession, statement: TextClause, params: dict[str, Any]) -> int:
    return int(cast(CursorResult[Any], await session.execute(statement, params)).rowcount)


async def seed_vouchers_and_transactions(
    session: AsyncSession, tenant_id: uuid.UUID, count: int
) -> dict[str, int]:
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    for code, name in LOCATIONS:
        await session.execute(
            text("""INSERT INTO locations (id, tenant_id, code, name, created_at)
                    VALUES (gen_random_uuid(), :tenant_id, :code, :name, now())
                    ON CONFLICT DO NOTHING"""),
            {"tenant_id": tenant_id, "code": code, "name": name},
        )
    location_ids = list(
        await session.scalars(
            text(
                "SELECT id FROM locations WHERE tenant_id = :tenant_id AND code = ANY(:codes) ORDER BY code"
            ),
            {"tenant_id": tenant_id, "codes": [c for c, _ in LOCATIONS]},
        )
    )
    params = {
        "tenant_id": tenant_id,
        "currency": tenant.currency,
        "tz": tenant.timezone,
        "location_ids": location_ids,
    }
    # Transactions first: the voucher insert still sees the same fresh customers.
    transactions = await _rows(session, _TRANSACTIONS, params)
    vouchers, redemptions = (await session.execute(_VOUCHERS, params)).one()
    # Fresh statistics, or the planner takes the new tables for empty.
    for table in ("transactions", "vouchers", "voucher_redemptions", "customers"):
        await session.execute(text(f"ANALYZE {table}"))
    await aggregates.reconcile(session, tenant_id, fix=True)
    await rfm.score_tenant(session, tenant_id)
    return {"vouchers": vouchers, "redemptions": redemptions, "transactions": transactions}


SEEDERS.append(seed_vouchers_and_transactions)
