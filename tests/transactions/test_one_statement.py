"""POST /transactions as one statement on the plain pool, committed for real under concurrency."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

import httpx
from fastapi import FastAPI
from sqlalchemy import event, select, text

from app.core.context import TenantInfo
from app.core.db import get_engine, unit_of_work
from app.customers.models import Customer
from app.loyalty import reconcile
from app.stats import aggregates
from tests.core.outage_helpers import api_client
from tests.core.test_outages import live_app  # noqa: F401 (a fixture)
from tests.loyalty.conftest import PROGRAMME

PURCHASES = 30


async def _customer(tenant: TenantInfo) -> uuid.UUID:
    async with unit_of_work(tenant_id=tenant.id) as s:
        c = Customer(tenant_id=tenant.id, last_name="Nowak")
        s.add(c)
        await s.flush()
        return c.id


async def _transactions_count(tenant: TenantInfo, customer_id: uuid.UUID) -> int:
    async with unit_of_work(tenant_id=tenant.id) as s:
        count = await s.scalar(
            text("SELECT transactions_count FROM customers WHERE id = :id"), {"id": customer_id}
        )
    return int(count)


class TestConcurrency:
    async def test_concurrent_purchases_of_one_day_are_one_visit(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        ids = [await _customer(committed_tenant), await _customer(committed_tenant)]
        at = datetime.now(UTC).isoformat()
        async with await api_client(live_app, committed_tenant) as client:
            answers = await asyncio.gather(
                *(
                    client.post(
                        "/transactions",
                        json={
                            "customer": {"id": str(ids[n % 2])},
                            "amount": "10",
                            "occurred_at": at,
                        },
                    )
                    for n in range(PURCHASES)
                )
            )
        assert [r.status_code for r in answers] == [201] * PURCHASES
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            rows = (
                await s.execute(
                    select(Customer.transactions_count, Customer.visits, Customer.total_spent)
                    .where(Customer.tenant_id == committed_tenant.id)
                    .order_by(Customer.id)
                )
            ).all()
            drift = await aggregates.reconcile(s, committed_tenant.id, fix=False)
        half = PURCHASES // 2
        assert [tuple(r) for r in rows] == [(half, 1, Decimal(10 * half))] * 2
        assert drift.customers == 0

    async def test_concurrent_replays_of_one_receipt_record_it_once(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        cid = await _customer(committed_tenant)
        body = {"customer": {"id": str(cid)}, "amount": "25", "external_ref": "TILL-1"}
        async with await api_client(live_app, committed_tenant) as client:
            answers = await asyncio.gather(
                *(client.post("/transactions", json=body) for _ in range(8))
            )
        assert sorted(r.status_code for r in answers) == [200] * 7 + [201]
        assert len({r.json()["id"] for r in answers}) == 1
        assert await _transactions_count(committed_tenant, cid) == 1

    async def test_a_back_dated_sale_goes_through_the_unit_of_work(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        cid = await _customer(committed_tenant)
        at = (datetime.now(UTC) - timedelta(days=3)).isoformat()
        async with await api_client(live_app, committed_tenant) as client:
            r = await client.post(
                "/transactions",
                json={"customer": {"id": str(cid)}, "amount": "5", "occurred_at": at},
            )
            unknown = await client.post(
                "/transactions",
                json={"customer": {"id": str(cid)}, "amount": "5", "location": "NOWHERE"},
            )
        assert r.status_code == 201
        assert unknown.json()["code"] == "unknown_location"
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            visits = await s.scalar(
                text("SELECT visits FROM customers WHERE id = :id"), {"id": cid}
            )
        assert visits == 1  # the refused sale wrote nothing


class TestThePlainPath:
    async def test_a_sale_never_opens_the_session_unless_points_move_through_it(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        """The till's sale runs on the plain pool, its points too: the ORM's pool lends
        nothing, with the programme off or on (the sale's statement reads it, so a change is
        obeyed by the very next sale). A refund while points are on goes through the session
        (its claw-back's rules live there)."""
        cid = await _customer(committed_tenant)
        checkouts: list[object] = []
        pool = get_engine().sync_engine.pool

        def count(*_: object) -> None:
            checkouts.append(None)

        async def sale(client: httpx.AsyncClient, amount: str = "120.00") -> dict[str, Any]:
            checkouts.clear()
            r = await client.post(
                "/transactions", json={"customer": {"id": str(cid)}, "amount": amount}
            )
            assert r.status_code == 201, r.text
            return cast(dict[str, Any], r.json())

        async with await api_client(live_app, committed_tenant) as client:
            await sale(client)  # the key is resolved (and cached) by this one
            event.listen(pool, "checkout", count)
            try:
                assert (await sale(client))["loyalty"] is None
                assert checkouts == []

                r = await client.put("/loyalty/programme", json=PROGRAMME)
                assert r.status_code == 200, r.text
                earned = (await sale(client))["loyalty"]
                assert earned is not None and Decimal(earned["points_earned"]) == 120
                assert checkouts == []
                again = (await sale(client, "10.00"))["loyalty"]
                assert (again["points_earned"], again["points_balance"]) == (10, 130)
                assert checkouts == []

                refund = (await sale(client, "-30.00"))["loyalty"]
                assert refund is not None and refund["points_balance"] == 130
                assert checkouts != []  # the session's path

                off = {**PROGRAMME, "enabled": False}
                assert (await client.put("/loyalty/programme", json=off)).status_code == 200
                assert (await sale(client))["loyalty"] is None
                assert checkouts == []
            finally:
                event.remove(pool, "checkout", count)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            spent, count_ = (
                await s.execute(
                    text("SELECT total_spent, transactions_count FROM customers WHERE id = :id"),
                    {"id": cid},
                )
            ).one()
        assert (spent, count_) == (Decimal("460.00"), 5)

    async def test_earning_that_reads_segments_is_handed_over_rolled_back_and_done_once(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        """The plain path cannot resolve segments: it rolls its sale back and the unit of work
        records it, once, earning by the segment's multiplier (membership decided in the
        sale's own transaction: a segment of buyers takes in the first purchase)."""
        cid = await _customer(committed_tenant)
        async with await api_client(live_app, committed_tenant) as client:
            made = await client.post(
                "/segments", json={"name": "Buyers", "filter": "transactions_count >= 1"}
            )
            assert made.status_code == 201, made.text
            multiplier = {"factor": "2", "segment_id": made.json()["id"]}
            rules = {**PROGRAMME["rules"], "multipliers": [multiplier]}
            r = await client.put("/loyalty/programme", json={**PROGRAMME, "rules": rules})
            assert r.status_code == 200, r.text
            for _ in range(2):  # handed over, then sent to the unit of work directly
                r = await client.post(
                    "/transactions", json={"customer": {"id": str(cid)}, "amount": "10"}
                )
                assert r.status_code == 201, r.text
                assert r.json()["loyalty"]["points_earned"] == 20
        assert await _transactions_count(committed_tenant, cid) == 2

    async def test_concurrent_sales_with_points_lose_none_and_leave_no_drift(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        """Sales of two customers at once, each earning on the plain path in its own database
        transaction: every point is on the account, in one lot each, and the reconciliation of
        the ledger finds nothing to fix."""
        ids = [await _customer(committed_tenant), await _customer(committed_tenant)]
        async with await api_client(live_app, committed_tenant) as client:
            r = await client.put("/loyalty/programme", json=PROGRAMME)
            assert r.status_code == 200, r.text
            answers = await asyncio.gather(
                *(
                    client.post(
                        "/transactions",
                        json={"customer": {"id": str(ids[n % 2])}, "amount": "10"},
                    )
                    for n in range(PURCHASES)
                )
            )
            assert [r.status_code for r in answers] == [201] * PURCHASES
            balances = [
                (await client.get(f"/customers/{cid}/points")).json()["balance"] for cid in ids
            ]
        assert balances == [10 * (PURCHASES // 2)] * 2
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            lots = await s.scalar(
                text("SELECT count(*) FROM loyalty_lots WHERE tenant_id = :t"),
                {"t": committed_tenant.id},
            )
            drift = await reconcile.check(s, committed_tenant.id)
        assert lots == PURCHASES
        assert (drift.accounts_checked, drift.drifted) == (2, [])
