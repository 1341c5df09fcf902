"""The /webhooks routes: secret shown once, SSRF refusal at save, tenant isolation."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.core.context import TenantInfo
from app.events.models import Event
from tests.conftest import ClientFactory

BODY = {"url": "http://127.0.0.1:9/hooks", "events": ["customer.created"]}


class TestRoutes:
    async def test_secret_is_shown_once(self, make_client: ClientFactory) -> None:
        client = await make_client()
        created = await client.post("/webhooks", json=BODY)
        assert created.status_code == 201 and created.json()["secret"].startswith("whsec_")
        listed = (await client.get("/webhooks")).json()["items"]
        assert [w["id"] for w in listed] == [created.json()["id"]] and "secret" not in listed[0]

    async def test_unknown_event_type_is_refused(self, make_client: ClientFactory) -> None:
        client = await make_client()
        r = await client.post("/webhooks", json={**BODY, "events": ["customer.exploded"]})
        assert r.status_code == 422

    async def test_private_address_is_refused_at_save(
        self, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "webhooks_allow_private", False)
        client = await make_client()
        for url in ("http://127.0.0.1/x", "http://169.254.169.254/latest", "http://10.0.0.5/x",
                    "http://[::1]/x", "http://localhost/x"):  # fmt: skip
            r = await client.post("/webhooks", json={**BODY, "url": url})
            assert r.status_code == 422, url
            assert r.json()["errors"][0]["code"] == "webhook_url_refused"

    async def test_staff_may_not_manage_webhooks(self, make_client: ClientFactory) -> None:
        client = await make_client(scopes=["customers:read", "customers:write"])
        assert (await client.get("/webhooks")).status_code == 403

    async def test_another_tenant_sees_nothing(
        self, make_client: ClientFactory, other_tenant: TenantInfo
    ) -> None:
        mine = await make_client()
        theirs = await make_client(tenant=other_tenant)
        wid = (await mine.post("/webhooks", json=BODY)).json()["id"]
        delivery = (await mine.post(f"/webhooks/{wid}/ping")).json()
        assert (await theirs.get("/webhooks")).json()["items"] == []
        for method, path in [
            ("GET", f"/webhooks/{wid}"),
            ("PATCH", f"/webhooks/{wid}"),
            ("DELETE", f"/webhooks/{wid}"),
            ("POST", f"/webhooks/{wid}/rotate-secret"),
            ("POST", f"/webhooks/{wid}/ping"),
            ("GET", f"/webhooks/{wid}/deliveries"),
            ("POST", f"/webhooks/{wid}/deliveries/{delivery['id']}/replay"),
        ]:
            r = await theirs.request(method, path, json={} if method == "PATCH" else None)
            assert r.status_code == 404, (method, path)
            assert r.json()["code"] == "webhook_not_found"
        log = (await mine.get(f"/webhooks/{wid}/deliveries")).json()
        assert [d["event_type"] for d in log["items"]] == ["webhook.ping"]


class TestOutbox:
    async def test_rolled_back_change_emits_nothing(
        self, make_client: ClientFactory, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        client = await make_client()
        count = select(func.count()).where(Event.tenant_id == tenant.id)
        ok = await client.post("/customers", json={"first_name": "A", "email": "a@example.pl"})
        assert ok.status_code == 201 and await session.scalar(count) == 1
        # The same email again: the request fails, its unit of work rolls back, no event.
        again = await client.post("/customers", json={"first_name": "B", "email": "a@example.pl"})
        assert again.status_code == 409
        assert await session.scalar(count) == 1

    async def test_event_is_written_with_the_change(
        self, make_client: ClientFactory, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        client = await make_client()
        cid = (await client.post("/customers", json={"first_name": "A", "email": "b@example.pl",
               "consents": {"email_marketing": {"granted": True}}})).json()["id"]  # fmt: skip
        types = await session.scalars(
            select(Event.type).where(Event.tenant_id == tenant.id).order_by(Event.id)
        )
        assert list(types) == ["customer.created", "consent.granted"]
        event = await session.scalar(select(Event).where(Event.type == "customer.created",
                                                         Event.tenant_id == tenant.id))  # fmt: skip
        assert event is not None and event.data["id"] == cid
