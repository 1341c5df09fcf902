from decimal import Decimal

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from tests.factories import create_customer
from tests.loyalty.conftest import buy, set_programme


class TestLiability:
    async def test_outstanding_equals_the_sum_of_balances(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, pending_days=7)
        a, b, c = [await create_customer(session, ctx) for _ in range(3)]
        await buy(client, a.id, "120")  # pending
        await client.post(f"/customers/{b.id}/points/adjust", json={"points": 300, "reason": "x"})
        await client.post(f"/customers/{b.id}/points/redeem", json={"points": 45})
        sale = await buy(client, c.id, "80")
        await buy(client, c.id, "-80", kind="refund", refund_of=sale["id"])
        await client.post(f"/customers/{c.id}/credits", json={"amount": "15", "reason": "Sorry"})
        r = await client.get("/loyalty/liability")
        assert r.status_code == 200, r.text
        body = r.json()
        sums = (
            await session.execute(
                text("""SELECT sum(balance) AS available, sum(pending) AS pending
                        FROM loyalty_accounts WHERE tenant_id = :t"""),
                {"t": ctx.tenant_id},
            )
        ).one()
        lots = await session.scalar(
            text("SELECT sum(remaining) FROM loyalty_lots WHERE tenant_id = :t"),
            {"t": ctx.tenant_id},
        )
        assert (body["points_available"], body["points_pending"]) == (255, 120)
        assert body["points_outstanding"] == sums.available + sums.pending == lots == 375
        assert body["customers_holding"] == 2
        assert Decimal(body["value"]) == Decimal("37.50")  # 375 × 0.10
        assert Decimal(body["promo_credit_outstanding"]) == Decimal(15)

    async def test_without_a_programme_there_is_no_value(self, client: httpx.AsyncClient) -> None:
        body = (await client.get("/loyalty/liability")).json()
        assert (body["points_outstanding"], body["value"], body["point_value"]) == (0, None, None)
