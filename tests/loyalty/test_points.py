from decimal import Decimal

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import Context
from app.loyalty import reconcile
from tests.factories import create_customer
from tests.loyalty.conftest import buy, set_programme
from tests.problems import assert_problem


class TestEarning:
    async def test_purchase_earns_points_in_the_same_transaction(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, points_per_visit=5, first_purchase_bonus=50)
        c = await create_customer(session, ctx)
        first = await buy(client, c.id, "129.90")
        assert first["loyalty"] == {
            "points_earned": 129 + 5 + 50, "points_redeemed": 0,
            "points_clawed_back": 0, "points_balance": 184,
        }  # fmt: skip
        second = await buy(client, c.id, "10.00")  # same day: no visit points, no bonus
        assert second["loyalty"]["points_earned"] == 10
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert points["balance"] == 194
        assert points["earned_total"] == 194
        assert points["level"]["name"] == "Silver"
        assert points["discount_percent"] == "2.00" or Decimal(points["discount_percent"]) == 2

    async def test_replayed_receipt_earns_nothing_more(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "50", external_ref="R-1")
        again = await buy(client, c.id, "50", external_ref="R-1")
        assert again["replayed"] is True
        assert again["loyalty"]["points_earned"] == 50
        assert (await client.get(f"/customers/{c.id}/points")).json()["balance"] == 50

    async def test_multiplier_by_tag_and_level(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, multipliers=[{"factor": "3", "tag": "VIP"}])
        c = await create_customer(session, ctx, tags=["VIP"])
        assert (await buy(client, c.id, "10"))["loyalty"]["points_earned"] == 30

    async def test_multiplier_by_segment_counts_the_sale_itself_and_earns_once(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        # Segments are resolved through the ORM session: the till's plain path hands such a
        # sale over, rolled back, and the unit of work records it once. Membership is decided
        # in the sale's own transaction, so a segment of buyers takes in the first purchase.
        made = await client.post(
            "/segments", json={"name": "Buyers", "filter": "transactions_count >= 1"}
        )
        assert made.status_code == 201, made.text
        await set_programme(client, multipliers=[{"factor": "2", "segment_id": made.json()["id"]}])
        c = await create_customer(session, ctx)
        assert (await buy(client, c.id, "10"))["loyalty"]["points_earned"] == 20
        assert (await buy(client, c.id, "5", external_ref="S-1"))["loyalty"]["points_earned"] == 10
        again = await buy(client, c.id, "5", external_ref="S-1")
        assert (again["replayed"], again["loyalty"]["points_earned"]) == (True, 10)
        assert (await client.get(f"/customers/{c.id}/transactions")).json()["total"] == 2
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert (points["balance"], points["earned_total"]) == (30, 30)

    async def test_pending_points_are_not_available(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, pending_days=14)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "40")
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert (points["balance"], points["pending"]) == (0, 40)
        r = await client.post(f"/customers/{c.id}/points/redeem", json={"points": 10})
        assert_problem(r, 409, "insufficient_points")

    async def test_preview_of_gold_on_tuesday(self, client: httpx.AsyncClient) -> None:
        await set_programme(
            client, multipliers=[{"factor": "2", "weekdays": [2], "location": "KRK"}]
        )
        body = {"amount": "100", "level": "Gold", "at": "2026-12-08T12:00:00Z", "location": "KRK"}
        r = await client.post("/loyalty/preview", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["total"] == 400  # 100 × 2 (Tuesday in Kraków) × 2 (Gold)


class TestRedeem:
    async def test_redeem_within_limits_and_idempotent(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, redeem_max_percent="50")
        c = await create_customer(session, ctx)
        await buy(client, c.id, "300")
        too_much = await client.post(
            f"/customers/{c.id}/points/redeem", json={"points": 200, "purchase_amount": "20"}
        )
        assert_problem(too_much, 422, "redeem_limit_exceeded")
        assert too_much.json()["max_points"] == 100
        headers = {"Idempotency-Key": "till-7-0001"}
        url = f"/customers/{c.id}/points/redeem"
        first = await client.post(url, json={"points": 100}, headers=headers)
        assert first.status_code == 200, first.text
        assert first.json()["amount"] == "10.00"
        assert first.json()["balance"] == 200
        replay = await client.post(url, json={"points": 100, "ref": "till-x"})
        assert replay.json()["replayed"] is False  # another ref: a new redemption
        again = await client.post(url, json={"points": 100, "ref": "till-x"})
        assert again.json()["replayed"] is True
        assert (await client.get(f"/customers/{c.id}/points")).json()["balance"] == 100
        reused = await client.post(url, json={"points": 5, "ref": "till-x"})
        assert_problem(reused, 422, "loyalty_ref_reused")

    async def test_redeem_inside_a_transaction_earns_on_the_rest(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "100")
        done = await buy(client, c.id, "50", redeem_points=100)  # pays 10.00
        assert done["loyalty"]["points_redeemed"] == 100
        assert done["loyalty"]["points_earned"] == 40
        assert done["loyalty"]["points_balance"] == 40

    async def test_redeem_more_than_balance_writes_nothing(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "10")
        r = await client.post(
            "/transactions",
            json={"customer": {"id": str(c.id)}, "amount": "50", "redeem_points": 11},
        )
        assert_problem(r, 409, "insufficient_points")
        assert r.json()["available"] == 10


class TestAdjust:
    async def test_adjustment_with_reason_is_audited_and_in_the_ledger(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        url = f"/customers/{c.id}/points/adjust"
        r = await client.post(url, json={"points": 30, "reason": "Late order"})
        assert r.status_code == 200, r.text
        taken = await client.post(url, json={"points": -40, "reason": "Typo"})
        assert_problem(taken, 409, "insufficient_points")
        await client.post(url, json={"points": -20, "reason": "Typo"})
        ledger = (await client.get(f"/customers/{c.id}/points/ledger", params={"limit": 1})).json()
        assert [e["points"] for e in ledger["items"]] == [-20]
        older = await client.get(
            f"/customers/{c.id}/points/ledger", params={"cursor": ledger["next_cursor"]}
        )
        assert [e["points"] for e in older.json()["items"]] == [30]
        assert older.json()["next_cursor"] is None
        events = (
            await session.scalars(
                select(AuditEvent.action).where(
                    AuditEvent.tenant_id == ctx.tenant_id, AuditEvent.entity_id == c.id
                )
            )
        ).all()
        assert events.count("loyalty.points_adjusted") == 2
        assert (await reconcile.check(session, ctx.tenant_id)).drifted == []


class TestClawback:
    async def test_refund_claws_back_and_debt_is_settled_by_next_earnings(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        sale = await buy(client, c.id, "100")
        await client.post(f"/customers/{c.id}/points/redeem", json={"points": 80})
        refund = await buy(client, c.id, "-100", kind="refund", refund_of=sale["id"])
        assert refund["loyalty"]["points_clawed_back"] == 100
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert (points["balance"], points["debt"]) == (0, 80)
        await buy(client, c.id, "100")
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert (points["balance"], points["debt"]) == (20, 0)
        assert (await reconcile.check(session, ctx.tenant_id)).drifted == []

    async def test_partial_refund_claws_back_in_proportion_once(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        sale = await buy(client, c.id, "100")
        part = await buy(client, c.id, "-25", kind="refund", refund_of=sale["id"])
        assert part["loyalty"]["points_clawed_back"] == 25
        rest = await buy(client, c.id, "-100", kind="refund", refund_of=sale["id"])
        assert rest["loyalty"]["points_clawed_back"] == 75  # never more than it earned
        assert (await client.get(f"/customers/{c.id}/points")).json()["balance"] == 0


class TestTenantIsolation:
    async def test_every_route_refuses_another_tenants_customer(
        self, make_client: object, session: AsyncSession, ctx: Context, other_tenant: object
    ) -> None:
        mine = await make_client()  # type: ignore[operator]
        theirs = await make_client(tenant=other_tenant)  # type: ignore[operator]
        await set_programme(mine)
        await set_programme(theirs)
        c = await create_customer(session, ctx)
        await buy(mine, c.id, "100")
        for method, path, body in (
            ("GET", f"/customers/{c.id}/points", None),
            ("GET", f"/customers/{c.id}/points/ledger", None),
            ("GET", f"/customers/{c.id}/points/levels", None),
            ("POST", f"/customers/{c.id}/points/redeem", {"points": 10}),
            ("POST", f"/customers/{c.id}/points/adjust", {"points": 10, "reason": "x"}),
        ):
            r = await theirs.request(method, path, json=body)
            assert_problem(r, 404, "customer_not_found")
        r = await theirs.post("/transactions", json={"customer": {"id": str(c.id)}, "amount": "5"})
        assert_problem(r, 404, "customer_not_found")
        assert (await mine.get(f"/customers/{c.id}/points")).json()["balance"] == 100
        programme = (await theirs.get("/loyalty/programme")).json()
        assert programme["version"] == 1
