"""Money is in the tenant's currency: a transaction or voucher in another one is refused."""

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.customers.models import Customer
from app.stats import aggregates
from app.transactions.models import Transaction
from app.vouchers.models import Voucher
from tests.factories import create_customer


def _sale(customer: Customer, amount: str, **extra: Any) -> dict[str, Any]:
    return {"customer": {"id": str(customer.id)}, "amount": amount, **extra}


def _assert_mismatch(r: httpx.Response, loc: list[str | int]) -> None:
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "currency_mismatch"
    [error] = r.json()["errors"]
    assert (error["loc"], error["code"]) == (loc, "currency_mismatch")


class TestTransactions:
    async def test_another_currency_is_refused_and_counts_nowhere(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        assert tenant.currency == "PLN"
        c = await create_customer(session, ctx)
        assert (await client.post("/transactions", json=_sale(c, "100"))).status_code == 201
        r = await client.post("/transactions", json=_sale(c, "100", currency="EUR"))
        _assert_mismatch(r, ["body", "currency"])
        await session.refresh(c)
        assert (c.total_spent, c.transactions_count, c.avg_check) == (
            Decimal(100),
            1,
            Decimal(100),
        )
        count = await session.scalar(select(func.count()).where(Transaction.tenant_id == tenant.id))
        assert count == 1
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0

    async def test_the_tenants_currency_named_or_not_is_accepted(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        named = await client.post("/transactions", json=_sale(c, "10", currency="PLN"))
        default = await client.post("/transactions", json=_sale(c, "10"))
        assert (named.status_code, default.status_code) == (201, 201)
        assert named.json()["currency"] == default.json()["currency"] == "PLN"

    async def test_a_refund_in_another_currency_is_refused(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        r = await client.post("/transactions", json=_sale(c, "-10", currency="USD"))
        _assert_mismatch(r, ["body", "currency"])

    async def test_batch_lines_in_another_currency_fail_alone(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        items = [_sale(c, "10"), _sale(c, "20", currency="EUR"), _sale(c, "30", currency="PLN")]
        r = await client.post("/transactions/batch", json={"items": items})
        assert r.status_code == 200, r.text
        assert [(x["status"], x["code"]) for x in r.json()["results"]] == [
            ("created", None),
            ("failed", "currency_mismatch"),
            ("created", None),
        ]
        await session.refresh(c)
        assert c.total_spent == Decimal(40)
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0


class TestVouchers:
    @pytest.mark.parametrize("kind", ["amount", "percent"])
    async def test_a_voucher_in_another_currency_is_refused(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo, kind: str
    ) -> None:
        r = await client.post("/vouchers", json={"value": "50", "kind": kind, "currency": "EUR"})
        _assert_mismatch(r, ["body", "currency"])
        count = await session.scalar(select(func.count()).where(Voucher.tenant_id == tenant.id))
        assert count == 0

    async def test_generate_in_another_currency_is_refused(self, client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/vouchers/generate", json={"count": 3, "value": "50", "currency": "EUR"}
        )
        _assert_mismatch(r, ["body", "currency"])

    async def test_issue_in_another_currency_is_refused(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        r = await client.post(
            "/vouchers/issue",
            json={"value": "50", "currency": "EUR", "customer_ids": [str(c.id)]},
        )
        _assert_mismatch(r, ["body", "currency"])
        await session.refresh(c)
        assert c.vouchers_assigned == 0

    async def test_the_tenants_currency_is_accepted(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/vouchers", json={"value": "50", "currency": "PLN"})
        assert r.status_code == 201, r.text
        assert r.json()["currency"] == "PLN"
