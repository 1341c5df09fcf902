import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from tests.factories import create_customer
from tests.loyalty.conftest import buy, set_programme


class TestLoyaltyFields:
    async def test_filter_by_points_level_and_last_write_off(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        rich, poor, none = [await create_customer(session, ctx) for _ in range(3)]
        await buy(client, rich.id, "600")
        await buy(client, poor.id, "20")
        await client.post(f"/customers/{rich.id}/points/redeem", json={"points": 50})

        async def ids(filter_: object) -> set[str]:
            r = await client.post("/customers/search", json={"filter": filter_})
            assert r.status_code == 200, r.text
            return {c["id"] for c in r.json()["items"]}

        assert await ids({"field": "points_balance", "op": "gte", "value": 100}) == {str(rich.id)}
        assert str(none.id) in await ids({"field": "points_balance", "op": "eq", "value": 0})
        assert await ids({"field": "level", "op": "eq", "value": "Gold"}) == {str(rich.id)}
        assert await ids({"field": "last_redemption_at", "op": "is_not_empty"}) == {str(rich.id)}
        assert await ids({"field": "last_accrual_at", "op": "in_last", "value": "1d"}) == {
            str(rich.id), str(poor.id),
        }  # fmt: skip

    async def test_fields_are_listed(self, client: httpx.AsyncClient) -> None:
        names = {f["name"] for f in (await client.get("/customers/fields")).json()["items"]}
        assert {"points_balance", "level", "last_accrual_at", "last_redemption_at"} <= names

    async def test_account_lookup_is_an_index_probe(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        await create_customer(session, ctx)
        plan = (
            await session.execute(
                text("""
                EXPLAIN SELECT c.id FROM customers c WHERE c.tenant_id = :t AND (
                  SELECT a.balance FROM loyalty_accounts a
                  WHERE a.tenant_id = c.tenant_id AND a.customer_id = c.id) > 10
                """),
                {"t": ctx.tenant_id},
            )
        ).scalars()
        scans = [line for line in plan if "on loyalty_accounts" in line]
        assert scans and all("Index" in line for line in scans), scans
