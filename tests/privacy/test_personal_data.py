"""GET /customers/{id}/personal-data: everything held about one person, logged (#14)."""

import csv
import io
import json
import uuid
import zipfile
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import TenantInfo
from app.exports.models import ExportLog
from tests.conftest import ClientFactory


async def _person(client: httpx.AsyncClient) -> dict[str, Any]:
    r = await client.post(
        "/customers",
        json={
            "first_name": "Zofia",
            "last_name": "Dąbrowska-Łęcka",
            "email": "zofia@example.pl",
            "phone": "600 123 456",
            "notes": '=HYPERLINK("http://evil","x")',
            "tags": ["VIP"],
            "consents": {"email_marketing": {"granted": True, "source": "till"}},
        },
    )
    assert r.status_code == 201, r.text
    customer = r.json()
    patch = await client.patch(
        f"/customers/{customer['id']}",
        json={"consents": {"email_marketing": {"granted": False, "source": "phone"}}},
        headers={"If-Match": r.headers["etag"]},
    )
    assert patch.status_code == 200, patch.text
    voucher = await client.post(
        "/vouchers", json={"value": 100, "customer_id": customer["id"], "code": "ZOFIA-100"}
    )
    assert voucher.status_code == 201, voucher.text
    redeem = await client.post(
        "/vouchers/ZOFIA-100/redeem", json={"amount": 30, "transaction_ref": "R-1"}
    )
    assert redeem.status_code == 200, redeem.text
    sale = await client.post(
        "/transactions", json={"customer": {"id": customer["id"]}, "amount": "129.90"}
    )
    assert sale.status_code in (200, 201), sale.text
    return customer


class TestAccess:
    async def test_json_holds_every_section_about_the_person(
        self, client: httpx.AsyncClient
    ) -> None:
        customer = await _person(client)

        r = await client.get(f"/customers/{customer['id']}/personal-data")

        assert r.status_code == 200, r.text
        data = r.json()
        assert data["customer"]["email"] == "zofia@example.pl"
        assert data["customer"]["tags"] == ["VIP"]
        assert data["customer"]["consents"]["email_marketing"]["granted"] is False
        assert [v["code"] for v in data["vouchers"]] == ["ZOFIA-100"]
        assert [r["amount"] for r in data["redemptions"]] == ["30.00"]
        assert [t["amount"] for t in data["transactions"]] == ["129.90"]
        assert {e["action"] for e in data["audit_events"]} >= {"customer.created"}
        assert len(data["consent_history"]) >= 1
        assert all("tenant_id" not in row for row in data["transactions"])

    async def test_zip_has_the_json_and_neutralised_csvs(self, client: httpx.AsyncClient) -> None:
        customer = await _person(client)

        r = await client.get(f"/customers/{customer['id']}/personal-data", params={"format": "zip"})

        assert r.status_code == 200
        assert r.headers["content-type"] == "application/zip"
        assert "filename*=UTF-8''personal-data-" in r.headers["content-disposition"]
        with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
            names = set(zf.namelist())
            assert {
                "personal-data.json",
                "profile.csv",
                "transactions.csv",
                "vouchers.csv",
            } <= names
            assert json.loads(zf.read("personal-data.json"))["customer"]["id"] == customer["id"]
            profile = next(csv.DictReader(io.StringIO(zf.read("profile.csv").decode("utf-8-sig"))))
        assert profile["last_name"] == "Dąbrowska-Łęcka"
        assert profile["notes"].startswith("'=")  # no formula reaches a spreadsheet

    async def test_each_handover_is_logged_like_an_export(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        customer = await _person(client)

        await client.get(f"/customers/{customer['id']}/personal-data", params={"format": "zip"})

        logged = (
            await session.scalars(select(ExportLog).where(ExportLog.tenant_id == tenant.id))
        ).all()
        assert [(e.format, e.selection["ids"], e.row_count) for e in logged] == [
            ("zip", [customer["id"]], 1)
        ]
        audited = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.tenant_id == tenant.id,
                AuditEvent.action == "customer.personal_data_exported",
            )
        )
        assert audited is not None and audited.entity_id == uuid.UUID(customer["id"])

    async def test_it_needs_the_exports_right(
        self, client: httpx.AsyncClient, make_client: ClientFactory
    ) -> None:
        customer = await _person(client)
        reader = await make_client(scopes=["customers:read", "customers:write", "vouchers"])

        r = await reader.get(f"/customers/{customer['id']}/personal-data")

        assert r.status_code == 403
        assert r.json()["code"] == "missing_scope"

    async def test_another_tenants_customer_is_not_found(
        self, client: httpx.AsyncClient, make_client: ClientFactory, other_tenant: TenantInfo
    ) -> None:
        customer = await _person(client)
        stranger = await make_client(tenant=other_tenant)

        r = await stranger.get(f"/customers/{customer['id']}/personal-data")

        assert r.status_code == 404
        assert r.json()["code"] == "customer_not_found"
