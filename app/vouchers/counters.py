"""The customer's voucher counters, moved by each voucher event."""

import uuid
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Each event is one UPDATE of one customer row; `aggregates.reconcile` is the oracle.
_VOUCHER_DELTA = text("""
UPDATE customers SET
  vouchers_assigned = vouchers_assigned + :assigned,
  vouchers_active = vouchers_active + :active,
  vouchers_redeemed = vouchers_redeemed + :redeemed,
  voucher_redeemed_amount = voucher_redeemed_amount + :amount
WHERE tenant_id = :tenant_id AND id = :customer_id
""")


async def move_counters(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID | None,
    *,
    assigned: int = 0,
    active: int = 0,
    redeemed: int = 0,
    amount: Decimal = Decimal(0),
) -> None:
    if customer_id is None:
        return
    await session.execute(
        _VOUCHER_DELTA,
        {
            "tenant_id": tenant_id,
            "customer_id": customer_id,
            "assigned": assigned,
            "active": active,
            "redeemed": redeemed,
            "amount": amount,
        },
    )
