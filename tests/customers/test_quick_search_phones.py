"""Quick search and the lookup API agree on a phone in any spelling (#21)."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.tenants import service as tenants_service
from tests.factories import create_customer, owner_context


async def _found(client: httpx.AsyncClient, q: str) -> list[str]:
    r = await client.get("/customers", params={"q": q})
    assert r.status_code == 200, r.text
    return [c["last_name"] for c in r.json()["items"]]


async def _lookup(client: httpx.AsyncClient, phone: str) -> list[str]:
    r = await client.get("/customers/lookup", params={"phone": phone})
    assert r.status_code == 200, r.text
    return [c["last_name"] for c in r.json()["items"]]


class TestPolishNumber:
    @pytest.mark.parametrize(
        "q",
        ["0048 600 123 456", "+48 600 123 456", "48 600 123 456", "48600123456", "+48600123456"],
    )
    async def test_every_prefix_finds_what_the_lookup_finds(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Any, q: str
    ) -> None:
        await create_customer(session, ctx, last_name="Nowak", phone="600 123 456")
        await create_customer(session, ctx, last_name="Inna", phone="601 000 000")
        assert await _lookup(client, q) == ["Nowak"]
        assert await _found(client, q) == ["Nowak"]


class TestNationalTrunkPrefix:
    async def test_a_ukrainian_number_typed_with_its_leading_zero(
        self, session: AsyncSession, make_client: Any
    ) -> None:
        tenant = tenants_service.info(
            await tenants_service.create_tenant(
                session, f"ua-{uuid.uuid4().hex[:8]}", country="UA", locale="uk"
            )
        )
        await create_customer(
            session, owner_context(tenant), last_name="Шевченко", phone="+380 67 123 4567"
        )
        client = await make_client(tenant=tenant)
        for q in ("067 123 45 67", "0671234567", "+380671234567", "00380 67 123 45 67"):
            assert await _lookup(client, q) == ["Шевченко"], q
            assert await _found(client, q) == ["Шевченко"], q
