"""The tenant's outstanding points liability: every account's points summed in one statement,
and what they would pay at the programme's point value."""

import uuid
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.loyalty import programme
from app.loyalty.schemas import LiabilityOut

# One pass over the tenant's accounts (set-based: a million accounts is one aggregate scan).
_SUMS = text("""
SELECT coalesce(sum(balance), 0) AS available,
       coalesce(sum(pending), 0) AS pending,
       coalesce(sum(debt), 0) AS debt,
       count(*) FILTER (WHERE balance > 0 OR pending > 0) AS holders,
       coalesce(sum(promo_credit_balance), 0) AS promo_credit
FROM loyalty_accounts WHERE tenant_id = :tenant_id
""")


async def outstanding(session: AsyncSession, tenant_id: uuid.UUID) -> LiabilityOut:
    """Points the customers hold (available and pending; the reconciliation keeps each account
    equal to its lots), their value at the point value in force, and promotional credit."""
    row = (await session.execute(_SUMS, {"tenant_id": tenant_id})).one()
    current = await programme.current(session, tenant_id)
    points = int(row.available) + int(row.pending)
    value = (points * current.rules.point_value).quantize(Decimal("0.01")) if current else None
    return LiabilityOut(
        points_outstanding=points,
        points_available=int(row.available),
        points_pending=int(row.pending),
        points_debt=int(row.debt),
        customers_holding=int(row.holders),
        point_value=current.rules.point_value if current else None,
        value=value,
        promo_credit_outstanding=Decimal(row.promo_credit),
    )
