"""RFM: recency, frequency and monetary scores 1–5 by quintiles within the tenant, and segments.

A score is `1 + floor(5 * (rank - 1) / n)` over the customers with at least one purchase,
ranked ascending (latest purchase, number of purchases, total spent): ties share a score,
and with five distinct values the scores are exactly 1..5. Segments follow the common R×F
grid (Champions, Loyal, Potential loyalist, New customers, Promising, Need attention,
About to sleep, Can't lose them, At risk, Hibernating).
"""

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

SEGMENTS = (
    "champions", "loyal", "potential_loyalist", "new_customers", "promising", "need_attention",
    "about_to_sleep", "cant_lose_them", "at_risk", "hibernating",
)  # fmt: skip


def segment_for(recency: int, frequency: int) -> str:
    """The named segment of an R and F score (the SQL below mirrors this)."""
    if recency == 5 and frequency >= 4:
        return "champions"
    if recency >= 3 and frequency >= 4:
        return "loyal"
    if recency >= 4 and frequency >= 2:
        return "potential_loyalist"
    if recency == 5:
        return "new_customers"
    if recency == 4:
        return "promising"
    if recency == 3:
        return "need_attention" if frequency == 3 else "about_to_sleep"
    if frequency == 5:
        return "cant_lose_them"
    return "at_risk" if frequency >= 3 else "hibernating"


_SEGMENT_SQL = """
CASE WHEN s.r = 5 AND s.f >= 4 THEN 'champions'
     WHEN s.r >= 3 AND s.f >= 4 THEN 'loyal'
     WHEN s.r >= 4 AND s.f >= 2 THEN 'potential_loyalist'
     WHEN s.r = 5 THEN 'new_customers'
     WHEN s.r = 4 THEN 'promising'
     WHEN s.r = 3 AND s.f = 3 THEN 'need_attention'
     WHEN s.r = 3 THEN 'about_to_sleep'
     WHEN s.f = 5 THEN 'cant_lose_them'
     WHEN s.f >= 3 THEN 'at_risk'
     ELSE 'hibernating' END
"""


def scored_sql(source: str) -> str:
    """`SELECT id, r, f, m, segment` over `source`: a relation (or parenthesised query) with
    id, last_purchase_at, transactions_count and total_spent, already limited to one tenant."""
    return f"""
    SELECT s.id, s.r, s.f, s.m, {_SEGMENT_SQL} AS segment FROM (
      SELECT id,
             (1 + floor(5.0 * (rank() OVER (ORDER BY last_purchase_at) - 1) / count(*) OVER ()))::smallint AS r,
             (1 + floor(5.0 * (rank() OVER (ORDER BY transactions_count) - 1) / count(*) OVER ()))::smallint AS f,
             (1 + floor(5.0 * (rank() OVER (ORDER BY total_spent) - 1) / count(*) OVER ()))::smallint AS m
      FROM {source} src
      WHERE transactions_count > 0 AND last_purchase_at IS NOT NULL
    ) s"""


_SCORE = text(f"""
WITH scored AS ({scored_sql("(SELECT id, last_purchase_at, transactions_count, total_spent FROM customers WHERE tenant_id = :tenant_id)")}
), changed AS (
  UPDATE customers c
  SET rfm_recency = s.r, rfm_frequency = s.f, rfm_monetary = s.m, rfm_segment = s.segment
  FROM scored s
  WHERE c.tenant_id = :tenant_id AND c.id = s.id
    AND (c.rfm_recency, c.rfm_frequency, c.rfm_monetary) IS DISTINCT FROM (s.r, s.f, s.m)
  RETURNING 1
), cleared AS (
  UPDATE customers c
  SET rfm_recency = NULL, rfm_frequency = NULL, rfm_monetary = NULL, rfm_segment = NULL
  WHERE c.tenant_id = :tenant_id AND c.rfm_recency IS NOT NULL
    AND (c.transactions_count = 0 OR c.last_purchase_at IS NULL)
  RETURNING 1
)
SELECT (SELECT count(*) FROM changed) + (SELECT count(*) FROM cleared)
""")


async def score_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    """Recompute every customer's RFM scores and segment; returns how many changed."""
    return int((await session.execute(_SCORE, {"tenant_id": tenant_id})).scalar_one())
