"""What a redemption may take: a percent voucher's discount is computed from the purchase."""

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.stats import aggregates
from tests.factories import create_customer


async def _voucher(client: httpx.AsyncClient, **body: Any) -> str:
    r = await client.post("/vouchers", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["code"])


async def _redeem(client: httpx.AsyncClient, code: str, **body: Any) -> httpx.Response:
    return await client.post(f"/vouchers/{code}/redeem", json=body)


class TestPercentVoucher:
    async def test_discount_is_computed_from_the_purchase(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        code = await _voucher(client, kind="percent", value="15", customer_id=str(c.id))
        r = await _redeem(client, code, purchase_amount="80.00")
        assert r.status_code == 200, r.text
        assert (r.json()["redemption"]["amount"], r.json()["redemption"]["purchase_amount"]) == (
            "12.00",
            "80.00",
        )
        assert r.json()["voucher"]["status"] == "redeemed"
        await session.refresh(c)
        assert c.voucher_redeemed_amount == Decimal("12.00")
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0

    @pytest.mark.parametrize(
        ("percent", "purchase", "discount"),
        [("15", "33.33", "5.00"), ("12.5", "0.04", "0.01"), ("100", "19.99", "19.99")],
    )
    async def test_discount_is_rounded_half_up_to_the_cent(
        self, client: httpx.AsyncClient, percent: str, purchase: str, discount: str
    ) -> None:
        code = await _voucher(client, kind="percent", value=percent)
        r = await _redeem(client, code, purchase_amount=purchase)
        assert r.json()["redemption"]["amount"] == discount

    async def test_a_discount_larger_than_the_percent_is_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        code = await _voucher(client, kind="percent", value="15")
        r = await _redeem(client, code, amount="1000.00", purchase_amount="80.00")
        assert r.status_code == 422
        assert r.json()["code"] == "discount_mismatch"
        assert r.json()["errors"][0]["loc"] == ["body", "amount"]
        assert (await client.get(f"/vouchers/{code}")).json()["status"] == "active"

    async def test_the_discount_the_till_computed_too_is_accepted(
        self, client: httpx.AsyncClient
    ) -> None:
        code = await _voucher(client, kind="percent", value="15")
        r = await _redeem(client, code, amount="12", purchase_amount="80")
        assert r.status_code == 200, r.text
        assert r.json()["redemption"]["amount"] == "12.00"

    async def test_without_the_purchase_amount_is_refused(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client, kind="percent", value="15")
        r = await _redeem(client, code, amount="1000000")
        assert r.status_code == 422
        assert r.json()["code"] == "purchase_amount_required"
        assert r.json()["errors"][0]["loc"] == ["body", "purchase_amount"]

    async def test_a_purchase_too_small_for_a_cent_of_discount_is_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        code = await _voucher(client, kind="percent", value="10")
        r = await _redeem(client, code, purchase_amount="0.04")
        assert r.status_code == 422
        assert r.json()["code"] == "purchase_amount_too_small"
        assert (await client.get(f"/vouchers/{code}")).json()["status"] == "active"

    @pytest.mark.parametrize("purchase", ["0", "-5", "0.001", "1000000000000"])
    async def test_a_purchase_amount_out_of_range_is_refused(
        self, client: httpx.AsyncClient, purchase: str
    ) -> None:
        code = await _voucher(client, kind="percent", value="10")
        r = await _redeem(client, code, purchase_amount=purchase)
        assert r.status_code == 422
        assert r.json()["code"] == "validation_failed"
        assert r.json()["errors"][0]["loc"] == ["body", "purchase_amount"]


class TestAmountVoucher:
    async def test_more_than_the_purchase_is_refused(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client, value="100")
        r = await _redeem(client, code, amount="50", purchase_amount="40")
        assert r.status_code == 422
        assert r.json()["code"] == "amount_exceeds_purchase"
        assert (await client.get(f"/vouchers/{code}")).json()["balance"] == "100.00"

    async def test_up_to_the_purchase_is_taken(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client, value="100")
        r = await _redeem(client, code, amount="40", purchase_amount="40")
        assert r.status_code == 200, r.text
        assert r.json()["redemption"]["purchase_amount"] == "40.00"
        assert r.json()["voucher"]["balance"] == "60.00"

    async def test_an_amount_is_required(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client, value="100")
        r = await _redeem(client, code, purchase_amount="40")
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "amount_required"

    @pytest.mark.parametrize("amount", ["0", "-1", "0.001"])
    async def test_a_non_positive_or_fractional_cent_amount_is_refused(
        self, client: httpx.AsyncClient, amount: str
    ) -> None:
        code = await _voucher(client, value="100")
        r = await _redeem(client, code, amount=amount)
        assert r.status_code == 422
        assert r.json()["code"] == "validation_failed"
        assert r.json()["errors"][0]["loc"] == ["body", "amount"]
