from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.customers import service as customers
from app.customers.models import Customer
from app.stats import aggregates
from app.transactions.models import Transaction
from tests.factories import create_customer


def _at(text: str) -> str:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()


async def _fresh(session: AsyncSession, customer: Customer) -> Customer:
    await session.refresh(customer)
    return customer


async def _no_drift(session: AsyncSession, tenant: TenantInfo) -> None:
    assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0


async def _buy(
    client: httpx.AsyncClient, customer: Customer, amount: str, at: str, **extra: Any
) -> httpx.Response:
    body = {"customer": {"id": str(customer.id)}, "amount": amount, "occurred_at": _at(at), **extra}
    return await client.post("/transactions", json=body)


class TestAggregates:
    async def test_first_purchase_sets_every_aggregate(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        r = await _buy(client, c, "120.50", "2026-03-10T12:00:00")
        assert r.status_code == 201
        assert r.json()["replayed"] is False
        c = await _fresh(session, c)
        assert c.total_spent == Decimal("120.50")
        assert (c.transactions_count, c.visits, c.avg_check) == (1, 1, Decimal("120.50"))
        assert (
            c.first_visit_at
            == c.last_visit_at
            == c.last_purchase_at
            == datetime(2026, 3, 10, 12, tzinfo=UTC)
        )
        assert c.last_purchase_amount == Decimal("120.50")
        await _no_drift(session, tenant)

    async def test_second_purchase_same_local_day_is_one_visit(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await _buy(client, c, "10", "2026-03-10T08:00:00")
        await _buy(client, c, "20", "2026-03-10T18:00:00")
        c = await _fresh(session, c)
        assert (c.transactions_count, c.visits, c.avg_check) == (2, 1, Decimal("15.00"))
        await _no_drift(session, tenant)

    async def test_visits_are_days_in_the_tenant_time_zone(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        # 22:30 UTC is 23:30 in Warsaw (10 March); 23:30 UTC is already 11 March there.
        await _buy(client, c, "10", "2026-03-10T22:30:00")
        await _buy(client, c, "10", "2026-03-10T23:30:00")
        c = await _fresh(session, c)
        assert c.visits == 2
        await _no_drift(session, tenant)

    async def test_out_of_order_purchase_keeps_latest_as_last(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await _buy(client, c, "30", "2026-03-12T10:00:00")
        await _buy(client, c, "99", "2026-03-01T10:00:00")
        c = await _fresh(session, c)
        assert (c.last_purchase_amount, c.last_purchase_at) == (
            Decimal(30),
            datetime(2026, 3, 12, 10, tzinfo=UTC),
        )
        assert c.first_visit_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
        await _no_drift(session, tenant)

    async def test_negative_amount_is_a_refund(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await _buy(client, c, "100", "2026-03-10T10:00:00")
        r = await _buy(client, c, "-40", "2026-03-11T10:00:00")
        assert r.json()["kind"] == "refund"
        c = await _fresh(session, c)
        assert (c.total_spent, c.transactions_count, c.visits, c.avg_check) == (
            Decimal(60),
            1,
            1,
            Decimal(60),
        )
        assert c.last_purchase_amount == Decimal(100)
        await _no_drift(session, tenant)

    async def test_refund_kind_stores_a_negative_amount(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        r = await _buy(client, c, "25", "2026-03-10T10:00:00", kind="refund")
        assert r.json()["amount"] == "-25.00"

    async def test_purchase_with_negative_amount_is_invalid(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        r = await _buy(client, c, "-25", "2026-03-10T10:00:00", kind="purchase")
        assert r.status_code == 422

    async def test_deleting_the_customer_keeps_the_revenue(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await _buy(client, c, "40", "2026-03-10T10:00:00")
        await customers.delete_customer(session, ctx, c.id)
        rows = list(
            await session.scalars(select(Transaction).where(Transaction.tenant_id == tenant.id))
        )
        assert [(t.customer_id, t.amount) for t in rows] == [(None, Decimal(40))]
        await _no_drift(session, tenant)


class TestReplay:
    async def test_known_external_ref_returns_the_first_result(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        first = await _buy(client, c, "50", "2026-03-10T10:00:00", external_ref="POS-1")
        again = await _buy(client, c, "50", "2026-03-10T10:00:00", external_ref="POS-1")
        assert again.status_code == 200
        assert again.json()["replayed"] is True
        assert again.json()["id"] == first.json()["id"]
        c = await _fresh(session, c)
        assert (c.total_spent, c.transactions_count) == (Decimal(50), 1)
        await _no_drift(session, tenant)

    async def test_replay_after_the_customer_was_deleted(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        first = await _buy(client, c, "20", "2026-03-10T10:00:00", external_ref="POS-2")
        assert (await client.delete(f"/customers/{c.id}")).status_code == 204
        again = await _buy(client, c, "20", "2026-03-10T10:00:00", external_ref="POS-2")
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["replayed"] is True


class TestCustomerKeys:
    async def test_phone_in_any_spelling_finds_the_customer(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx, phone="+48 600 123 456")
        r = await client.post(
            "/transactions", json={"customer": {"phone": "600-123-456"}, "amount": "9"}
        )
        assert r.json()["customer_id"] == str(c.id)

    async def test_email_external_id_and_card_find_the_customer(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(
            session, ctx, email="Ola@Example.pl", external_id="CRM-7", cards=[{"number": "CARD-77"}]
        )
        for key in ({"email": "ola@example.PL"}, {"external_id": "CRM-7"}, {"card": "CARD-77"}):
            r = await client.post("/transactions", json={"customer": key, "amount": "1"})
            assert r.json()["customer_id"] == str(c.id), key

    async def test_unknown_customer_is_not_found(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/transactions", json={"customer": {"card": "NOPE"}, "amount": "1"})
        assert r.status_code == 404
        assert r.json()["code"] == "customer_not_found"

    async def test_two_keys_at_once_are_invalid(self, client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/transactions", json={"customer": {"card": "A", "email": "a@b.pl"}, "amount": "1"}
        )
        assert r.status_code == 422

    async def test_unknown_location_is_invalid(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        r = await _buy(client, c, "5", "2026-03-10T10:00:00", location="NOWHERE")
        assert r.status_code == 422
        assert r.json()["code"] == "unknown_location"

    async def test_other_tenants_customer_is_not_found(
        self, session: AsyncSession, ctx: Context, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        other = await make_client(tenant=other_tenant)
        r = await other.post("/transactions", json={"customer": {"id": str(c.id)}, "amount": "1"})
        assert r.status_code == 404


class TestBatch:
    async def test_batch_stores_good_lines_and_reports_bad_ones(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        items = [
            {"customer": {"id": str(c.id)}, "amount": "10", "external_ref": "B-1"},
            {"customer": {"card": "UNKNOWN"}, "amount": "10", "external_ref": "B-2"},
            {"customer": {"id": str(c.id)}, "amount": "5", "external_ref": "B-1"},
            {"customer": {"id": str(c.id)}, "amount": "7", "external_ref": "B-3"},
        ]
        r = await client.post("/transactions/batch", json={"items": items})
        assert r.status_code == 200
        body = r.json()
        assert (body["created"], body["replayed"], body["failed"]) == (2, 1, 1)
        assert body["results"][1]["code"] == "customer_not_found"
        c = await _fresh(session, c)
        assert (c.total_spent, c.transactions_count) == (Decimal(17), 2)
        await _no_drift(session, tenant)

    async def test_batch_over_the_limit_is_invalid(self, client: httpx.AsyncClient) -> None:
        items = [{"customer": {"card": "X"}, "amount": "1"}] * 1001
        assert (await client.post("/transactions/batch", json={"items": items})).status_code == 422


class TestCustomerTransactions:
    async def test_pages_newest_first(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        for day in (1, 3, 2):
            await _buy(client, c, str(day), f"2026-03-0{day}T10:00:00")
        r = await client.get(f"/customers/{c.id}/transactions", params={"page_size": 2})
        assert r.json()["total"] == 3
        assert [t["amount"] for t in r.json()["items"]] == ["3.00", "2.00"]


class TestLocations:
    async def test_duplicate_code_is_a_conflict(self, client: httpx.AsyncClient) -> None:
        assert (
            await client.post("/locations", json={"code": "K1", "name": "Kraków"})
        ).status_code == 201
        r = await client.post("/locations", json={"code": "K1", "name": "Kraków 2"})
        assert r.json()["code"] == "location_exists"

    async def test_list_is_per_tenant(
        self, client: httpx.AsyncClient, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        await client.post("/locations", json={"code": "K1", "name": "Kraków"})
        other = await make_client(tenant=other_tenant)
        assert (await other.get("/locations")).json() == []
