"""A till's transaction_ref redeems a voucher once: a retry gets the first redemption."""

import asyncio
import os
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.scopes import ROLE_SCOPES, SCOPES
from app.core import db as core_db
from app.core.context import Context, Principal, TenantInfo
from app.customers.models import Customer
from app.main import create_app
from app.stats import aggregates
from app.vouchers import service
from app.vouchers.models import VoucherRedemption
from app.vouchers.schemas import VoucherCreate
from tests.factories import create_customer


@pytest.fixture(autouse=True)
def _forget_keys() -> None:
    from app.auth.deps import forget_cached_keys

    forget_cached_keys()


async def _voucher(client: httpx.AsyncClient, **body: Any) -> str:
    r = await client.post("/vouchers", json={"value": "100", **body})
    assert r.status_code == 201, r.text
    return str(r.json()["code"])


async def _redeem(client: httpx.AsyncClient, code: str, **body: Any) -> httpx.Response:
    return await client.post(f"/vouchers/{code}/redeem", json=body)


class TestReplay:
    async def test_same_ref_and_amount_returns_the_first_redemption(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        code = await _voucher(client, customer_id=str(c.id))
        first = await _redeem(client, code, amount="30", transaction_ref="POS1-0001")
        again = await _redeem(client, code, amount="30.00", transaction_ref="POS1-0001")
        assert (first.status_code, again.status_code) == (200, 200)
        assert (first.json()["replayed"], again.json()["replayed"]) == (False, True)
        assert again.json()["redemption"] == first.json()["redemption"]
        assert again.json()["voucher"]["balance"] == "70.00"
        voucher = (await client.get(f"/vouchers/{code}")).json()
        assert [r["id"] for r in voucher["redemptions"]] == [first.json()["redemption"]["id"]]
        await session.refresh(c)
        assert c.voucher_redeemed_amount == Decimal(30)
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0

    async def test_same_ref_with_another_amount_is_refused(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client)
        await _redeem(client, code, amount="30", transaction_ref="POS1-0002")
        r = await _redeem(client, code, amount="31", transaction_ref="POS1-0002")
        assert r.status_code == 422
        assert r.json()["code"] == "transaction_ref_reused"
        assert r.json()["errors"][0]["loc"] == ["body", "transaction_ref"]
        assert (await client.get(f"/vouchers/{code}")).json()["balance"] == "70.00"

    async def test_replay_after_the_voucher_is_used_up_still_answers(
        self, client: httpx.AsyncClient
    ) -> None:
        code = await _voucher(client)
        first = await _redeem(client, code, amount="100", transaction_ref="POS1-0003")
        again = await _redeem(client, code, amount="100", transaction_ref="POS1-0003")
        assert again.status_code == 200
        assert again.json()["redemption"]["id"] == first.json()["redemption"]["id"]

    async def test_same_ref_on_another_voucher_is_another_redemption(
        self, client: httpx.AsyncClient
    ) -> None:
        """One receipt may be paid with two vouchers."""
        a, b = await _voucher(client), await _voucher(client)
        ra = await _redeem(client, a, amount="10", transaction_ref="POS1-0004")
        rb = await _redeem(client, b, amount="10", transaction_ref="POS1-0004")
        assert (ra.json()["replayed"], rb.json()["replayed"]) == (False, False)
        assert ra.json()["redemption"]["id"] != rb.json()["redemption"]["id"]

    async def test_without_a_ref_each_call_redeems(self, client: httpx.AsyncClient) -> None:
        code = await _voucher(client)
        await _redeem(client, code, amount="10")
        await _redeem(client, code, amount="10")
        assert (await client.get(f"/vouchers/{code}")).json()["balance"] == "80.00"

    async def test_database_refuses_a_second_row_with_the_ref(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        v = await service.create_voucher(session, ctx, VoucherCreate(value=Decimal(50)))
        rows = [
            VoucherRedemption(
                tenant_id=ctx.tenant_id,
                voucher_id=v.id,
                amount=Decimal(1),
                transaction_ref="POS1-0005",
                redeemed_at=func.now(),
            )
            for _ in range(2)
        ]
        session.add(rows[0])
        await session.flush()
        session.add(rows[1])
        with pytest.raises(IntegrityError, match="uq_voucher_redemptions_tenant_id_voucher_id"):
            await session.flush()


class TestConcurrentReplay:
    async def test_two_tills_sending_one_ref_at_once_deduct_once(
        self, committed_tenant: TenantInfo
    ) -> None:
        """A retry that overtakes the first call: two requests, two connections, one redemption."""
        from redis.asyncio import Redis

        owner = Context(
            tenant=committed_tenant,
            principal=Principal(
                kind="user", id=uuid.uuid4(), label="o", role="owner", scopes=ROLE_SCOPES["owner"]
            ),
        )
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            _, token = await auth_service.create_api_key(
                s, committed_tenant.id, name="pos", scopes=sorted(SCOPES), created_by="tests"
            )
            c = await create_customer(s, owner)
            v = await service.create_voucher(
                s, owner, VoucherCreate(value=Decimal(100), customer_id=c.id)
            )
        app = create_app()
        app.state.redis = Redis.from_url(os.environ["REDIS_URL"])
        body = {"amount": "30", "transaction_ref": "POS7-0001"}
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        ) as api:
            results = await asyncio.gather(
                *(api.post(f"/vouchers/{v.code}/redeem", json=body) for _ in range(4))
            )
        await app.state.redis.aclose()
        assert [r.status_code for r in results] == [200] * 4, [r.text for r in results]
        assert len({r.json()["redemption"]["id"] for r in results}) == 1
        assert sorted(r.json()["replayed"] for r in results) == [False, True, True, True]
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            assert (await service.get_voucher(s, committed_tenant.id, v.code)).balance == 70
            count = await s.scalar(
                select(func.count()).where(
                    VoucherRedemption.tenant_id == committed_tenant.id,
                    VoucherRedemption.voucher_id == v.id,
                )
            )
            assert count == 1
            customer = await s.get(Customer, (committed_tenant.id, c.id))
            assert customer is not None and customer.voucher_redeemed_amount == Decimal(30)
            assert (await aggregates.reconcile(s, committed_tenant.id, fix=False)).customers == 0
