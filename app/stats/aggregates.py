"""Per-customer aggregates recomputed from the source rows: the oracle for the live counters.

The services move the counters event by event; this module computes the same figures from
transactions, vouchers and redemptions, reports the customers whose stored figures differ
(drift) and fixes them. Used by the reconciliation job, after a merge, and by the seeder.

Money sums (total_spent, avg_check, voucher_redeemed_amount) add amounts as they are: every
transaction and voucher is in the tenant's currency, the only one the API accepts
(`transactions.service.check_currency`, 422 `currency_mismatch`).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

AGGREGATE_COLUMNS = (
    "vouchers_assigned", "vouchers_active", "vouchers_redeemed", "voucher_redeemed_amount",
    "total_spent", "transactions_count", "visits", "avg_check", "first_visit_at", "last_visit_at",
    "last_purchase_amount", "last_purchase_at",
)  # fmt: skip

# `{only}` is one of two fixed fragments below, never user input.
_FRESH = """
WITH target AS (
  SELECT id FROM customers WHERE tenant_id = :tenant_id {only_c}
), tx AS (
  SELECT customer_id,
         sum(amount) AS total_spent,
         count(*) FILTER (WHERE kind = 'purchase') AS transactions_count,
         count(DISTINCT local_date) FILTER (WHERE kind = 'purchase') AS visits,
         min(occurred_at) FILTER (WHERE kind = 'purchase') AS first_visit_at,
         max(occurred_at) FILTER (WHERE kind = 'purchase') AS last_visit_at
  FROM transactions WHERE tenant_id = :tenant_id AND customer_id IS NOT NULL {only_x}
  GROUP BY customer_id
), lastp AS (
  SELECT DISTINCT ON (customer_id) customer_id, amount, occurred_at
  FROM transactions
  WHERE tenant_id = :tenant_id AND customer_id IS NOT NULL AND kind = 'purchase' {only_x}
  ORDER BY customer_id, occurred_at DESC, amount DESC
), v AS (
  SELECT customer_id, count(*) AS assigned,
         count(*) FILTER (WHERE status = 'active') AS active,
         count(*) FILTER (WHERE status = 'redeemed') AS redeemed
  FROM vouchers WHERE tenant_id = :tenant_id AND customer_id IS NOT NULL {only_x}
  GROUP BY customer_id
), r AS (
  SELECT customer_id, sum(amount) AS amount
  FROM voucher_redemptions
  WHERE tenant_id = :tenant_id AND customer_id IS NOT NULL AND undone_at IS NULL {only_x}
  GROUP BY customer_id
), fresh AS (
  SELECT t.id,
         coalesce(v.assigned, 0)::int AS vouchers_assigned,
         coalesce(v.active, 0)::int AS vouchers_active,
         coalesce(v.redeemed, 0)::int AS vouchers_redeemed,
         coalesce(r.amount, 0)::numeric(14, 2) AS voucher_redeemed_amount,
         coalesce(tx.total_spent, 0)::numeric(14, 2) AS total_spent,
         coalesce(tx.transactions_count, 0)::int AS transactions_count,
         coalesce(tx.visits, 0)::int AS visits,
         CASE WHEN tx.transactions_count > 0
              THEN round(tx.total_spent / tx.transactions_count, 2) END::numeric(14, 2) AS avg_check,
         tx.first_visit_at, tx.last_visit_at,
         lastp.amount AS last_purchase_amount, lastp.occurred_at AS last_purchase_at
  FROM target t
  LEFT JOIN tx ON tx.customer_id = t.id
  LEFT JOIN lastp ON lastp.customer_id = t.id
  LEFT JOIN v ON v.customer_id = t.id
  LEFT JOIN r ON r.customer_id = t.id
)
"""
_COLS = ", ".join(AGGREGATE_COLUMNS)
_DIFFERS = (
    f"(c.{', c.'.join(AGGREGATE_COLUMNS)}) IS DISTINCT FROM (f.{', f.'.join(AGGREGATE_COLUMNS)})"
)
_SET = ", ".join(f"{col} = f.{col}" for col in AGGREGATE_COLUMNS)


def _sql(tail: str, only: bool) -> str:
    only_c = "AND id = ANY(CAST(:ids AS uuid[]))" if only else ""
    only_x = "AND customer_id = ANY(CAST(:ids AS uuid[]))" if only else ""
    return _FRESH.format(only_c=only_c, only_x=only_x) + tail


@dataclass(frozen=True)
class Drift:
    customers: int
    fixed: bool


async def reconcile(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    customer_ids: Sequence[uuid.UUID] | None = None,
    *,
    fix: bool = True,
) -> Drift:
    """Count (and with `fix`, correct) customers whose stored aggregates differ from the rows."""
    only = customer_ids is not None
    params: dict[str, object] = {"tenant_id": tenant_id}
    if only:
        params["ids"] = list(customer_ids or [])
    if fix:
        tail = f"""
        UPDATE customers c SET {_SET} FROM fresh f
        WHERE c.tenant_id = :tenant_id AND c.id = f.id AND {_DIFFERS}
        RETURNING c.id
        """
        rows = (await session.execute(text(_sql(tail, only)), params)).all()
        return Drift(customers=len(rows), fixed=True)
    tail = f"""
    SELECT count(*) FROM customers c JOIN fresh f ON c.id = f.id
    WHERE c.tenant_id = :tenant_id AND {_DIFFERS}
    """
    count = (await session.execute(text(_sql(tail, only)), params)).scalar_one()
    return Drift(customers=int(count), fixed=False)


async def expected_aggregates(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> dict[str, object]:
    """The aggregates one customer should have, computed from the source rows."""
    row = (
        await session.execute(
            text(_sql(f"SELECT {_COLS} FROM fresh", True)),
            {"tenant_id": tenant_id, "ids": [customer_id]},
        )
    ).one()
    return dict(row._mapping)


async def move_customer_rows(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    source_ids: Sequence[uuid.UUID],
    target_id: uuid.UUID,
) -> None:
    """For a merge: give the sources' transactions, vouchers and redemptions to the target,
    then recompute the target's aggregates from the rows (visits are distinct days, so
    summing the sources' counters would be wrong)."""
    for table in ("transactions", "vouchers", "voucher_redemptions"):
        await session.execute(
            text(
                f"UPDATE {table} SET customer_id = :target "  # table names are the fixed tuple above
                "WHERE tenant_id = :tenant_id AND customer_id = ANY(CAST(:sources AS uuid[]))"
            ),
            {"tenant_id": tenant_id, "target": target_id, "sources": list(source_ids)},
        )
    await reconcile(session, tenant_id, [target_id, *source_ids], fix=True)
