from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.customers.models import Customer
from app.stats import rfm
from app.stats.service import Window, resolve_windows
from app.transactions import service as transactions
from app.transactions.schemas import CustomerRef, TransactionIn
from tests.factories import create_customer
from tests.problems import assert_problem


async def _buy(
    session: AsyncSession, ctx: Context, customer: Customer, amount: str, at: datetime
) -> None:
    body = TransactionIn(
        customer=CustomerRef(id=customer.id), amount=Decimal(amount), occurred_at=at
    )
    await transactions.record_transaction(session, ctx, body)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class TestPresets:
    @pytest.mark.parametrize(
        ("preset", "today", "current", "previous"),
        [
            (
                "last_7_days",
                date(2026, 3, 10),
                (date(2026, 3, 4), date(2026, 3, 11)),
                (date(2026, 2, 25), date(2026, 3, 4)),
            ),
            (
                "last_30_days",
                date(2026, 3, 10),
                (date(2026, 2, 9), date(2026, 3, 11)),
                (date(2026, 1, 10), date(2026, 2, 9)),
            ),
            (
                "previous_week",
                date(2026, 3, 11),
                (date(2026, 3, 2), date(2026, 3, 9)),
                (date(2026, 2, 23), date(2026, 3, 2)),
            ),
            (
                "last_month",
                date(2026, 1, 15),
                (date(2025, 12, 1), date(2026, 1, 1)),
                (date(2025, 11, 1), date(2025, 12, 1)),
            ),
            (
                "last_month",
                date(2026, 3, 31),
                (date(2026, 2, 1), date(2026, 3, 1)),
                (date(2026, 1, 1), date(2026, 2, 1)),
            ),
        ],
    )
    def test_preset_resolves_to_local_days(
        self, preset: Any, today: date, current: tuple[date, date], previous: tuple[date, date]
    ) -> None:
        assert resolve_windows(preset, today, None, None) == (Window(*current), Window(*previous))

    async def test_custom_without_range_is_invalid(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/stats/overview", params={"preset": "custom"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "range_required"

    async def test_custom_with_reversed_range_is_invalid(self, client: httpx.AsyncClient) -> None:
        r = await client.get(
            "/stats/overview", params={"preset": "custom", "from": "2026-03-10", "to": "2026-03-01"}
        )
        assert r.status_code == 422


class TestOverviewAcrossDst:
    """Europe/Warsaw leaves summer time on Sunday 25 October 2026: that day is 25 hours long."""

    async def _seed(self, session: AsyncSession, ctx: Context) -> None:
        c = await create_customer(session, ctx)
        for at in (
            "2026-10-24T21:30:00",
            "2026-10-24T22:30:00",
            "2026-10-25T22:30:00",
            "2026-10-25T23:30:00",
        ):
            await _buy(session, ctx, c, "10", _utc(at))

    async def test_day_buckets_start_at_local_midnight(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await self._seed(session, ctx)
        r = await client.get(
            "/stats/overview",
            params={
                "preset": "custom",
                "from": "2026-10-24",
                "to": "2026-10-26",
                "granularity": "day",
            },
        )
        assert r.status_code == 200, r.text
        series = r.json()["series"]
        assert [b["start"] for b in series] == ["2026-10-24", "2026-10-25", "2026-10-26"]
        assert [b["transactions"] for b in series] == [1, 2, 1]
        assert [b["starts_at"] for b in series] == [
            "2026-10-23T22:00:00Z",
            "2026-10-24T22:00:00Z",
            "2026-10-25T23:00:00Z",
        ]
        assert r.json()["totals"]["revenue"] == "40.00"

    async def test_week_buckets_start_on_monday(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await self._seed(session, ctx)
        r = await client.get(
            "/stats/overview",
            params={
                "preset": "custom",
                "from": "2026-10-24",
                "to": "2026-10-26",
                "granularity": "week",
            },
        )
        series = r.json()["series"]
        assert [(b["start"], b["transactions"]) for b in series] == [
            ("2026-10-19", 3),
            ("2026-10-26", 1),
        ]

    async def test_month_bucket_holds_the_whole_range(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await self._seed(session, ctx)
        r = await client.get(
            "/stats/overview",
            params={
                "preset": "custom",
                "from": "2026-10-24",
                "to": "2026-10-26",
                "granularity": "month",
            },
        )
        assert [(b["start"], b["transactions"]) for b in r.json()["series"]] == [("2026-10-01", 4)]

    async def test_previous_period_is_compared(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await self._seed(session, ctx)
        r = await client.get(
            "/stats/overview", params={"preset": "custom", "from": "2026-10-25", "to": "2026-10-25"}
        )
        body = r.json()
        assert body["previous_period"] == {"start": "2026-10-24", "end": "2026-10-24"}
        assert (body["totals"]["transactions"], body["previous"]["transactions"]) == (2, 1)
        assert body["change_percent"]["transactions"] == 100.0


class TestOverviewFigures:
    async def test_vouchers_and_location_filter(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        await client.post("/locations", json={"code": "A", "name": "A"})
        await client.post("/locations", json={"code": "B", "name": "B"})
        for loc, amount in (("A", "10"), ("B", "25")):
            body = {"customer": {"id": str(c.id)}, "amount": amount, "location": loc}
            assert (await client.post("/transactions", json=body)).status_code == 201
        await client.post("/vouchers", json={"code": "STAT-1", "value": "50"})
        await client.post("/vouchers/STAT-1/redeem", json={"amount": "20", "location": "B"})
        everywhere = (await client.get("/stats/overview", params={"preset": "last_7_days"})).json()[
            "totals"
        ]
        assert everywhere | {"new_customers": 0} == {
            "new_customers": 0,
            "revenue": "35.00",
            "transactions": 2,
            "vouchers_issued": 1,
            "vouchers_redeemed": 1,
            "redeemed_amount": "20.00",
        }
        assert everywhere["new_customers"] == 1
        at_a = (
            await client.get("/stats/overview", params={"preset": "last_7_days", "location": "A"})
        ).json()
        assert (at_a["totals"]["revenue"], at_a["totals"]["vouchers_redeemed"]) == ("10.00", 0)

    async def test_other_tenants_rows_are_not_counted(
        self, session: AsyncSession, ctx: Context, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await _buy(session, ctx, c, "10", datetime.now(UTC))
        other = await make_client(tenant=other_tenant)
        totals = (await other.get("/stats/overview", params={"preset": "last_7_days"})).json()[
            "totals"
        ]
        assert (totals["transactions"], totals["new_customers"]) == (0, 0)


class TestConsentStats:
    async def test_counts_granted_per_channel(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await create_customer(
            session,
            ctx,
            consents={"email_marketing": {"granted": True}, "sms_marketing": {"granted": False}},
        )
        await create_customer(
            session,
            ctx,
            consents={"email_marketing": {"granted": True}, "sms_marketing": {"granted": True}},
        )
        await create_customer(session, ctx)
        body = (await client.get("/stats/consents", params={"preset": "last_7_days"})).json()
        channels = {c["channel"]: c for c in body["channels"]}
        assert (body["total_customers"], body["any_granted"]) == (3, 2)
        assert channels["email_marketing"] | {"share": 0} == {
            "channel": "email_marketing",
            "granted": 2,
            "share": 0,
            "granted_in_period": 2,
            "withdrawn_in_period": 0,
            "net_change": 2,
        }
        assert channels["email_marketing"]["share"] == pytest.approx(0.6667)
        assert (
            channels["sms_marketing"]["granted"],
            channels["sms_marketing"]["withdrawn_in_period"],
        ) == (1, 1)
        assert channels["push_marketing"]["granted"] == 0


class TestRfm:
    """A hand-checked table: five customers with distinct recency, frequency and spend."""

    async def test_scores_and_segments(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        # name: (last day of January, purchases, amount each)
        table = {
            "A": (10, 1, "500"),
            "B": (9, 5, "20"),
            "C": (8, 2, "25"),
            "D": (7, 4, "100"),
            "E": (6, 3, "100"),
        }
        people = {}
        for name, (last_day, count, amount) in table.items():
            c = await create_customer(session, ctx, first_name=name)
            for i in range(count):
                await _buy(session, ctx, c, amount, datetime(2026, 1, last_day - i, 12, tzinfo=UTC))
            people[name] = c
        nobody = await create_customer(session, ctx)
        assert await rfm.score_tenant(session, tenant.id) == 5
        got = {}
        for name, c in people.items():
            await session.refresh(c)
            got[name] = (c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.rfm_segment)
        assert got == {
            "A": (5, 1, 5, "new_customers"),
            "B": (4, 5, 2, "loyal"),
            "C": (3, 2, 1, "about_to_sleep"),
            "D": (2, 4, 4, "at_risk"),
            "E": (1, 3, 3, "at_risk"),
        }
        await session.refresh(nobody)
        assert nobody.rfm_segment is None

    async def test_ties_share_a_score(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        twins = [await create_customer(session, ctx) for _ in range(2)]
        for c in twins:
            await _buy(session, ctx, c, "10", datetime(2026, 1, 1, tzinfo=UTC))
        await rfm.score_tenant(session, tenant.id)
        for c in twins:
            await session.refresh(c)
        assert {(c.rfm_recency, c.rfm_frequency, c.rfm_monetary) for c in twins} == {(1, 1, 1)}

    def test_segment_grid_covers_every_score(self) -> None:
        assert {rfm.segment_for(r, f) for r in range(1, 6) for f in range(1, 6)} == set(
            rfm.SEGMENTS
        )

    async def test_second_run_changes_nothing(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await _buy(session, ctx, c, "10", datetime(2026, 1, 1, tzinfo=UTC))
        await rfm.score_tenant(session, tenant.id)
        assert await rfm.score_tenant(session, tenant.id) == 0


class TestSummary:
    async def test_summary_has_aggregates_vouchers_transactions_and_history(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx, consents={"email_marketing": {"granted": True}})
        await client.post(
            "/vouchers", json={"code": "SUM-1", "value": "30", "customer_id": str(c.id)}
        )
        await client.post("/transactions", json={"customer": {"id": str(c.id)}, "amount": "12.50"})
        r = await client.get(f"/customers/{c.id}/summary")
        assert r.status_code == 200
        body = r.json()
        assert body["customer"]["total_spent"] == "12.50"
        assert body["customer"]["vouchers_active"] == 1
        assert body["customer"]["consents"]["email_marketing"]["granted"] is True
        assert [v["code"] for v in body["active_vouchers"]] == ["SUM-1"]
        assert [t["amount"] for t in body["last_transactions"]] == ["12.50"]
        assert "customer.created" in [h["action"] for h in body["recent_history"]]

    async def test_other_tenants_customer_is_not_found(
        self, session: AsyncSession, ctx: Context, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        other = await make_client(tenant=other_tenant)
        assert_problem(await other.get(f"/customers/{c.id}/summary"), 404, "customer_not_found")
