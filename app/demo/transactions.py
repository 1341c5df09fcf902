"""Demo vouchers, redemptions and transactions for freshly seeded customers, set-based.

About 3 vouchers and 5 transactions per customer (1–5 and 3–7, from a hash of the id). Each
table is written by one INSERT … SELECT whose RETURNING rows give the per-customer figures,
and every customer row is then written once, with its aggregates and RFM scores together:
the bench seeds a million customers this way. `aggregates.reconcile` finds no drift after.
"""

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import statistics
from app.stats import rfm
from app.stats_days import service as stats_days
from app.tenants.models import Tenant

LOCATIONS = (
    ("SHOP-1", "Sklep Centrum"),
    ("SHOP-2", "Sklep Galeria"),
    ("ONLINE", "Sklep internetowy"),
)

# Customers that have neither transactions nor vouchers yet: the batch just seeded. Kept in a
# temporary table so each generator below reads it once, in id order (index locality).
_FRESH = text("""
CREATE TEMP TABLE seed_fresh ON COMMIT DROP AS
SELECT c.tenant_id, c.id AS customer_id, c.created_at, abs(hashtext(c.id::text))::bigint AS h
FROM customers c
WHERE c.tenant_id = :tenant_id AND c.transactions_count = 0 AND c.vouchers_assigned = 0
ORDER BY c.id
""")

# Transactions, and their per-customer figures from the rows just inserted (RETURNING):
# no second read of the table and no index lookups.
_TRANSACTIONS = text("""
CREATE TEMP TABLE seed_tx ON COMMIT DROP AS
WITH ins AS (
  INSERT INTO transactions (id, tenant_id, customer_id, kind, amount, currency, occurred_at, local_date,
                            location_id, external_ref, items_count, created_at)
  SELECT gen_random_uuid(), s.tenant_id, s.customer_id, k.kind,
         CASE WHEN k.kind = 'refund' THEN -round(5 + ((s.h + g) % 3000) / 100.0, 2)
              ELSE round(10 + ((s.h * 13 + g * 101) % 49000) / 100.0, 2) END,
         :currency, k.at, (k.at AT TIME ZONE :tz)::date,
         (CAST(:location_ids AS uuid[]))[1 + (s.h + g) % 3], NULL, 1 + ((s.h + g) % 7)::int, k.at
  FROM seed_fresh s
  CROSS JOIN LATERAL generate_series(1, 3 + (s.h % 5)::int) AS g
  CROSS JOIN LATERAL (SELECT
      s.created_at + (now() - s.created_at) * (((s.h * 31 + g * 7919) % 1000 + 0.5) / 1000.0) AS at,
      CASE WHEN (s.h + g) % 25 = 0 THEN 'refund' ELSE 'purchase' END AS kind
  ) k
  RETURNING customer_id, kind, amount, occurred_at, local_date
)
SELECT customer_id, count(*) AS n,
       sum(amount) AS total_spent,
       count(*) FILTER (WHERE kind = 'purchase') AS transactions_count,
       count(DISTINCT local_date) FILTER (WHERE kind = 'purchase') AS visits,
       min(occurred_at) FILTER (WHERE kind = 'purchase') AS first_visit_at,
       max(occurred_at) FILTER (WHERE kind = 'purchase') AS last_visit_at,
       (array_agg(amount ORDER BY occurred_at DESC, amount DESC)
          FILTER (WHERE kind = 'purchase'))[1] AS last_purchase_amount
FROM ins GROUP BY customer_id
""")

# Vouchers and their redemptions in one statement: the redemptions come from the rows just
# inserted (fully used ones, and a third of the active amount vouchers half used); the
# per-customer voucher figures come from both RETURNING sets.
_VOUCHERS = text("""
CREATE TEMP TABLE seed_v ON COMMIT DROP AS
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
  FROM seed_fresh s
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
  INSERT INTO voucher_redemptions (id, tenant_id, voucher_id, customer_id, amount, purchase_amount,
                                   transaction_ref, location_id, redeemed_at)
  SELECT gen_random_uuid(), i.tenant_id, i.id, i.customer_id,
         CASE WHEN i.kind = 'percent' THEN 20.00 ELSE i.initial_value - i.balance END,
         -- the purchase a 20.00 discount was computed from (10, 15 or 20 %: it rounds back)
         CASE WHEN i.kind = 'percent' THEN round(2000 / i.initial_value, 2) END,
         NULL, (CAST(:location_ids AS uuid[]))[1 + abs(hashtext(i.code)) % 3],
         i.created_at + (now() - i.created_at) / 2
  FROM issued i
  WHERE i.status = 'redeemed' OR i.balance < i.initial_value
  RETURNING customer_id, amount
), per_voucher AS (
  SELECT customer_id, count(*) AS assigned,
         count(*) FILTER (WHERE status = 'active') AS active,
         count(*) FILTER (WHERE status = 'redeemed') AS redeemed
  FROM issued GROUP BY customer_id
), per_redemption AS (
  SELECT customer_id, sum(amount) AS amount, count(*) AS n FROM redeemed GROUP BY customer_id
)
SELECT p.customer_id, p.assigned, p.active, p.redeemed, coalesce(r.amount, 0) AS amount,
       coalesce(r.n, 0) AS redemptions
FROM per_voucher p LEFT JOIN per_redemption r USING (customer_id)
""")

# Every aggregate and the RFM scores in one UPDATE per customer: on a customers table with a
# dozen indexes (three of them trigram GIN) each row version costs, so write each row once.
# The scores rank the whole tenant: the fresh customers' new figures and the others' stored ones.
_FIGURES = """
  SELECT f.customer_id AS id,
         coalesce(v.assigned, 0)::int AS vouchers_assigned,
         coalesce(v.active, 0)::int AS vouchers_active,
         coalesce(v.redeemed, 0)::int AS vouchers_redeemed,
         coalesce(v.amount, 0)::numeric(14, 2) AS voucher_redeemed_amount,
         coalesce(t.total_spent, 0)::numeric(14, 2) AS total_spent,
         coalesce(t.transactions_count, 0)::int AS transactions_count,
         coalesce(t.visits, 0)::int AS visits,
         CASE WHEN t.transactions_count > 0
              THEN round(t.total_spent / t.transactions_count, 2) END::numeric(14, 2) AS avg_check,
         t.first_visit_at, t.last_visit_at, t.last_purchase_amount,
         t.last_visit_at AS last_purchase_at
  FROM seed_fresh f LEFT JOIN seed_tx t USING (customer_id) LEFT JOIN seed_v v USING (customer_id)
"""
_FIGURES_TABLE = text(f"""
CREATE TEMP TABLE seed_fig ON COMMIT DROP AS
WITH fig AS MATERIALIZED ({_FIGURES}),
everyone AS (
  SELECT c.id,
         CASE WHEN fig.id IS NULL THEN c.last_purchase_at ELSE fig.last_purchase_at END AS last_purchase_at,
         coalesce(fig.transactions_count, c.transactions_count) AS transactions_count,
         coalesce(fig.total_spent, c.total_spent) AS total_spent
  FROM customers c LEFT JOIN fig ON fig.id = c.id
  WHERE c.tenant_id = :tenant_id
)
SELECT fig.*, s.r, s.f, s.m, s.segment
FROM fig LEFT JOIN ({rfm.scored_sql("everyone")}) s ON s.id = fig.id
""")
_APPLY = text("""
UPDATE customers c SET
  vouchers_assigned = f.vouchers_assigned, vouchers_active = f.vouchers_active,
  vouchers_redeemed = f.vouchers_redeemed, voucher_redeemed_amount = f.voucher_redeemed_amount,
  total_spent = f.total_spent, transactions_count = f.transactions_count, visits = f.visits,
  avg_check = f.avg_check, first_visit_at = f.first_visit_at, last_visit_at = f.last_visit_at,
  last_purchase_amount = f.last_purchase_amount, last_purchase_at = f.last_purchase_at,
  rfm_recency = f.r, rfm_frequency = f.f, rfm_monetary = f.m, rfm_segment = f.segment
FROM seed_fig f
WHERE c.tenant_id = :tenant_id AND c.id = f.id
""")


async def _bulk_settings(session: AsyncSession) -> None:
    """Settings for one big generating transaction: memory for the sorts, no commit wait, and,
    for a superuser, no per-row foreign-key triggers (every reference is to a row just read)."""
    await session.execute(text("SET LOCAL synchronous_commit = off"))
    await session.execute(text("SET LOCAL work_mem = '256MB'"))
    if await session.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")):
        await session.execute(text("SET LOCAL session_replication_role = replica"))


async def seed_vouchers_and_transactions(
    session: AsyncSession, tenant_id: uuid.UUID, count: int
) -> dict[str, int]:
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    await _bulk_settings(session)
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
    for table in (
        "seed_fresh",
        "seed_tx",
        "seed_v",
        "seed_fig",
    ):  # a second run in one transaction (tests)
        await session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{table}"))
    await session.execute(_FRESH, {"tenant_id": tenant_id})
    await session.execute(_TRANSACTIONS, params)
    await session.execute(_VOUCHERS, params)
    for table in ("seed_fresh", "seed_tx", "seed_v"):
        await session.execute(text(f"ANALYZE pg_temp.{table}"))
    counts = (
        await session.execute(
            text("""SELECT (SELECT coalesce(sum(n), 0) FROM seed_tx),
                           (SELECT coalesce(sum(assigned), 0) FROM seed_v),
                           (SELECT coalesce(sum(redemptions), 0) FROM seed_v)""")
        )
    ).one()
    await session.execute(_FIGURES_TABLE, {"tenant_id": tenant_id})
    await session.execute(text("ANALYZE pg_temp.seed_fig"))
    await session.execute(_APPLY, {"tenant_id": tenant_id})
    # Months of history written at once: the dashboard's cached days are all stale.
    await stats_days.forget_tenant(session, tenant_id)
    # Fresh statistics, or the planner takes the new tables for empty.
    await statistics.analyze_own_writes(
        session, ("transactions", "vouchers", "voucher_redemptions", "customers")
    )
    # The new customers moved everyone's quintiles: rescore the others (writes only changes).
    await rfm.score_tenant(session, tenant_id)
    return {
        "transactions": int(counts[0]),
        "vouchers": int(counts[1]),
        "redemptions": int(counts[2]),
    }
