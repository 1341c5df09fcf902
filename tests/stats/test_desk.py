"""The front desk's home: `GET /desk/today`."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.customers.models import Customer
from tests.factories import create_customer, create_voucher


def _today(tenant: TenantInfo) -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(tenant.timezone)).date()


async def _desk(client: httpx.AsyncClient, **params: int) -> dict[str, list[dict[str, str]]]:
    r = await client.get("/desk/today", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, list[dict[str, str]]] = r.json()
    return body


class TestDeskToday:
    async def test_birthdays_are_today_in_the_tenant_time_zone(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        today = _today(tenant)
        born = (
            today.replace(year=1990) if (today.month, today.day) != (2, 29) else date(1992, 2, 29)
        )
        await create_customer(
            session, ctx, first_name="Ala", last_name="Urodzinowa", birth_date=born
        )
        await create_customer(
            session, ctx, first_name="Ola", last_name="Jutro", birth_date=born + timedelta(days=1)
        )
        body = await _desk(client)
        assert [b["display_name"] for b in body["birthdays"]] == ["Ala Urodzinowa"]
        assert body["date"] == today.isoformat()  # type: ignore[comparison-overlap]

    async def test_vouchers_expiring_within_30_days_with_the_customer_name(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx, first_name="Anna", last_name="Bon")
        now = datetime.now(UTC)
        soon = await create_voucher(
            session, ctx, customer_id=anna.id, valid_until=now + timedelta(days=5)
        )
        await create_voucher(session, ctx, valid_until=now + timedelta(days=40))
        await create_voucher(session, ctx)
        body = await _desk(client)
        assert [(v["code"], v["display_name"]) for v in body["expiring_vouchers"]] == [
            (soon.code, "Anna Bon")
        ]

    async def test_lapsed_are_the_most_valuable_not_seen_for_the_days_given(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        now = datetime.now(UTC)
        seen = {"small": (100, 200), "big": (900, 200), "recent": (5000, 10)}
        for name, (spent, days) in seen.items():
            c = await create_customer(session, ctx, first_name=name, last_name="L")
            await session.execute(
                update(Customer)
                .where(Customer.id == c.id)
                .values(total_spent=Decimal(spent), last_visit_at=now - timedelta(days=days))
            )
        body = await _desk(client, lapsed_days=90)
        assert [c["display_name"] for c in body["lapsed"]] == ["big L", "small L"]
        body = await _desk(client, lapsed_days=5)
        assert [c["display_name"] for c in body["lapsed"]] == ["recent L", "big L", "small L"]

    async def test_last_served_by_a_sale_or_a_redemption_newest_first(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        first = await create_customer(session, ctx, first_name="Pierwsza", last_name="K")
        second = await create_customer(session, ctx, first_name="Druga", last_name="K")
        await create_customer(session, ctx, first_name="Nikt", last_name="K")
        r = await client.post(
            "/transactions", json={"customer": {"id": str(first.id)}, "amount": "10.00"}
        )
        assert r.status_code in (200, 201), r.text
        voucher = await create_voucher(session, ctx, customer_id=second.id)
        r = await client.post(f"/vouchers/{voucher.code}/redeem", json={"amount": "5"})
        assert r.status_code == 200, r.text
        body = await _desk(client)
        assert [c["display_name"] for c in body["last_served"]] == ["Druga K", "Pierwsza K"]

    async def test_needs_customers_read(self, make_client: object) -> None:
        other = await make_client(scopes=["vouchers"])  # type: ignore[operator]
        assert (await other.get("/desk/today")).status_code == 403
