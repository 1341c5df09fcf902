"""The reconciliation: every account recomputed from its ledger entries and lots; a customer
listed here has balances that differ (there should be none)."""

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.loyalty.schemas import ReconcileOut

_CHECK = text("""
WITH lots AS (
  SELECT customer_id,
         sum(remaining) FILTER (WHERE NOT pending) AS available,
         sum(remaining) FILTER (WHERE pending) AS pending,
         bool_or(remaining < 0 OR remaining > points) AS broken
  FROM loyalty_lots WHERE tenant_id = :tenant_id GROUP BY customer_id
), credits AS (
  SELECT customer_id, sum(amount) AS balance
  FROM loyalty_credit_entries WHERE tenant_id = :tenant_id GROUP BY customer_id
), entries AS (
  SELECT customer_id, sum(points) AS net, sum(debt_change) AS debt,
         sum(points) FILTER (WHERE kind IN ('earn', 'opening')) AS earned,
         -sum(points) FILTER (WHERE kind = 'redeem') AS redeemed,
         -sum(points) FILTER (WHERE kind = 'expire') AS expired
  FROM loyalty_entries WHERE tenant_id = :tenant_id GROUP BY customer_id
)
SELECT a.customer_id,
       a.balance = coalesce(l.available, 0)
       AND a.pending = coalesce(l.pending, 0)
       AND a.debt = coalesce(e.debt, 0)
       AND a.balance >= 0 AND a.debt >= 0
       AND coalesce(e.net, 0) = a.balance + a.pending - a.debt
       AND a.earned_total = coalesce(e.earned, 0)
       AND a.redeemed_total = coalesce(e.redeemed, 0)
       AND a.expired_total = coalesce(e.expired, 0)
       AND NOT coalesce(l.broken, false)
       AND a.promo_credit_balance = coalesce(k.balance, 0) AS ok
FROM loyalty_accounts a
LEFT JOIN lots l ON l.customer_id = a.customer_id
LEFT JOIN entries e ON e.customer_id = a.customer_id
LEFT JOIN credits k ON k.customer_id = a.customer_id
WHERE a.tenant_id = :tenant_id
""")


async def check(session: AsyncSession, tenant_id: uuid.UUID) -> ReconcileOut:
    rows = (await session.execute(_CHECK, {"tenant_id": tenant_id})).all()
    return ReconcileOut(
        accounts_checked=len(rows), drifted=sorted(r.customer_id for r in rows if not r.ok)
    )
