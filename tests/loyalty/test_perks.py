import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.loyalty import reconcile
from tests.factories import create_customer
from tests.problems import assert_problem


class TestDiscount:
    async def test_limit_per_period_and_staff_lift(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        base = f"/customers/{c.id}/discount"
        r = await client.put(base, json={"percent": "10", "limit": "15", "period": "month"})
        assert r.status_code == 200, r.text
        first = await client.post(f"{base}/use", json={"purchase_amount": "100"})
        assert first.json()["discount"] == "10.00"
        second = await client.post(f"{base}/use", json={"purchase_amount": "100"})
        assert second.json()["discount"] == "5.00"  # what the limit leaves
        assert_problem(
            await client.post(f"{base}/use", json={"purchase_amount": "100"}),
            409, "discount_limit_reached",
        )  # fmt: skip
        assert (await client.post(f"{base}/lift-limit")).json()["limit_lifted"] is True
        lifted = await client.post(f"{base}/use", json={"purchase_amount": "100"})
        assert lifted.json()["discount"] == "10.00"


class TestCredits:
    async def test_grant_and_use_with_history(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        url = f"/customers/{c.id}/credits"
        await client.post(url, json={"amount": "50", "reason": "Welcome"})
        used = await client.post(url, json={"amount": "-20"})
        assert used.json()["balance"] == "30.00"
        assert [e["amount"] for e in used.json()["items"]] == ["-20.00", "50.00"]
        assert_problem(await client.post(url, json={"amount": "-31"}), 409,
                       "insufficient_promo_credit")  # fmt: skip
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert points["promo_credit_balance"] == "30.00"
        assert (await reconcile.check(session, ctx.tenant_id)).drifted == []

    async def test_another_tenant_cannot_touch_them(
        self, make_client: object, session: AsyncSession, ctx: Context, other_tenant: object
    ) -> None:
        theirs = await make_client(tenant=other_tenant)  # type: ignore[operator]
        c = await create_customer(session, ctx)
        for method, path, body in (
            ("GET", f"/customers/{c.id}/credits", None),
            ("POST", f"/customers/{c.id}/credits", {"amount": "5"}),
            ("PUT", f"/customers/{c.id}/discount", {"percent": "5"}),
            ("POST", f"/customers/{c.id}/discount/lift-limit", None),
            ("POST", f"/customers/{c.id}/discount/use", {"purchase_amount": "5"}),
        ):
            assert_problem(await theirs.request(method, path, json=body), 404, "customer_not_found")
