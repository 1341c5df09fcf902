"""The tenant's own settings: read by anyone of it, changed by admins, money's currency fixed."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import TenantInfo
from tests.conftest import ClientFactory


class TestRead:
    async def test_a_viewer_reads_the_settings(self, make_client: ClientFactory) -> None:
        viewer = await make_client(scopes=["customers:read"])
        r = await viewer.get("/tenant")
        assert r.status_code == 200
        assert r.json()["currency"] == "PLN"


class TestUpdate:
    async def test_an_admin_changes_name_and_time_zone(self, client: httpx.AsyncClient) -> None:
        r = await client.patch("/tenant", json={"name": "Salon Róża", "timezone": "Europe/Kyiv"})
        assert r.status_code == 200
        assert (r.json()["name"], r.json()["timezone"]) == ("Salon Róża", "Europe/Kyiv")

    async def test_a_change_is_audited(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        await client.patch("/tenant", json={"locale": "uk"})
        changes = await session.scalars(
            select(AuditEvent.changes).where(
                AuditEvent.tenant_id == tenant.id, AuditEvent.action == "tenant.updated"
            )
        )
        assert list(changes) == [{"locale": ["pl", "uk"]}]

    async def test_staff_may_not_change_settings(self, make_client: ClientFactory) -> None:
        staff = await make_client(scopes=["customers:read", "customers:write"])
        r = await staff.patch("/tenant", json={"name": "Mine now"})
        assert r.status_code == 403
        assert r.json()["code"] == "missing_scope"

    @pytest.mark.parametrize(
        ("body", "field", "code"),
        [
            # Declared in the spec (an enum, a pattern), so refused by the schema itself.
            ({"country": "XX"}, "country", "literal_error"),
            ({"currency": "zł"}, "currency", "string_pattern_mismatch"),
            ({"timezone": "Mars/Olympus"}, "timezone", "invalid_timezone"),
            ({"locale": "xx"}, "locale", "literal_error"),
        ],
    )
    async def test_unknown_settings_are_refused_by_field(
        self, client: httpx.AsyncClient, body: dict[str, str], field: str, code: str
    ) -> None:
        r = await client.patch("/tenant", json=body)
        assert r.status_code == 422
        problem: dict[str, Any] = r.json()
        assert [(e["loc"][-1], e["code"]) for e in problem["errors"]] == [(field, code)]


class TestCurrency:
    async def test_the_currency_changes_while_no_money_is_recorded(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.patch("/tenant", json={"currency": "EUR"})
        assert r.status_code == 200
        assert r.json()["currency"] == "EUR"

    async def test_the_currency_stays_once_a_voucher_exists(
        self, client: httpx.AsyncClient
    ) -> None:
        assert (await client.post("/vouchers", json={"value": 50})).status_code == 201
        r = await client.patch("/tenant", json={"currency": "EUR"})
        assert r.status_code == 409
        assert r.json()["code"] == "currency_locked"
        assert (await client.get("/tenant")).json()["currency"] == "PLN"

    async def test_naming_the_same_currency_is_no_change(self, client: httpx.AsyncClient) -> None:
        assert (await client.post("/vouchers", json={"value": 50})).status_code == 201
        r = await client.patch("/tenant", json={"currency": "PLN", "name": "Same money"})
        assert r.status_code == 200
