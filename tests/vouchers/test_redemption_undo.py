"""Over-redemption says the maximum; the last redemption can be undone for a few minutes."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import Context, TenantInfo
from app.stats import aggregates
from app.vouchers.models import VoucherRedemption
from tests.factories import create_customer


async def _voucher(client: httpx.AsyncClient, **body: Any) -> str:
    r = await client.post("/vouchers", json={"kind": "amount", "value": "100", **body})
    assert r.status_code == 201, r.text
    return str(r.json()["code"])


async def _redeem(client: httpx.AsyncClient, code: str, amount: str) -> dict[str, Any]:
    r = await client.post(f"/vouchers/{code}/redeem", json={"amount": amount})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _undo(client: httpx.AsyncClient, code: str, rid: str) -> Any:
    return client.post(f"/vouchers/{code}/redemptions/{rid}/undo")


class TestOverspent:
    async def test_the_problem_carries_the_balance_as_max_amount(
        self, client: httpx.AsyncClient
    ) -> None:
        code = await _voucher(client)
        await _redeem(client, code, "30")
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "130"})
        assert (r.status_code, r.json()["code"], r.json()["max_amount"]) == (
            409,
            "voucher_overspent",
            "70.00",
        )


class TestUndo:
    async def test_gives_the_amount_back_and_marks_the_redemption(
        self, client: httpx.AsyncClient
    ) -> None:
        code = await _voucher(client)
        done = await _redeem(client, code, "30")
        r = await _undo(client, code, done["redemption"]["id"])
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["voucher"]["balance"] == "100.00"
        assert body["replayed"] is False
        assert body["redemption"]["undone_at"] is not None
        assert body["redemption"]["undone_by"].startswith("API key")

    async def test_a_used_up_voucher_is_active_again_and_the_aggregates_agree(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
    ) -> None:
        c = await create_customer(session, ctx)
        code = await _voucher(client, customer_id=str(c.id))
        done = await _redeem(client, code, "100")
        assert done["voucher"]["status"] == "redeemed"
        r = await _undo(client, code, done["redemption"]["id"])
        assert r.json()["voucher"]["status"] == "active"
        await session.refresh(c)
        assert (c.vouchers_active, c.vouchers_redeemed, c.voucher_redeemed_amount) == (
            1,
            0,
            Decimal("0.00"),
        )
        # The oracle recomputes every counter from the rows: undone ones count for nothing.
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0

    async def test_the_dashboard_no_longer_counts_it(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client)
        await _redeem(client, code, "10")
        done = await _redeem(client, code, "20")
        await _undo(client, code, done["redemption"]["id"])
        totals = (await client.get("/stats/overview")).json()["totals"]
        assert (totals["vouchers_redeemed"], totals["redeemed_amount"]) == (1, "10.00")

    async def test_is_audited(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        code = await _voucher(client)
        done = await _redeem(client, code, "30")
        await _undo(client, code, done["redemption"]["id"])
        event = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.tenant_id == tenant.id, AuditEvent.action == "voucher.redemption_undone"
            )
        )
        assert event is not None
        assert event.meta["redemption_id"] == done["redemption"]["id"]

    async def test_only_the_last_redemption(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client)
        first = await _redeem(client, code, "10")
        await _redeem(client, code, "20")
        r = await _undo(client, code, first["redemption"]["id"])
        assert (r.status_code, r.json()["code"]) == (409, "not_last_redemption")

    async def test_twice_is_a_conflict(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client)
        done = await _redeem(client, code, "10")
        await _undo(client, code, done["redemption"]["id"])
        r = await _undo(client, code, done["redemption"]["id"])
        assert (r.status_code, r.json()["code"]) == (409, "redemption_already_undone")

    async def test_after_the_window_is_refused(
        self, client: httpx.AsyncClient, session: AsyncSession
    ) -> None:
        code = await _voucher(client)
        done = await _redeem(client, code, "10")
        await session.execute(
            update(VoucherRedemption)
            .where(VoucherRedemption.id == done["redemption"]["id"])
            .values(redeemed_at=datetime.now(UTC) - timedelta(minutes=11))
        )
        r = await _undo(client, code, done["redemption"]["id"])
        assert (r.status_code, r.json()["code"]) == (409, "undo_window_passed")

    async def test_a_zero_window_disables_undo(self, client: httpx.AsyncClient) -> None:
        r = await client.patch("/tenant", json={"redemption_undo_minutes": 0})
        assert (r.status_code, r.json()["redemption_undo_minutes"]) == (200, 0)
        code = await _voucher(client)
        done = await _redeem(client, code, "10")
        r = await _undo(client, code, done["redemption"]["id"])
        assert (r.status_code, r.json()["code"]) == (409, "undo_window_passed")

    async def test_an_unknown_redemption_is_404(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client)
        r = await _undo(client, code, "00000000-0000-4000-8000-000000000000")
        assert (r.status_code, r.json()["code"]) == (404, "redemption_not_found")
