"""Consent proof and signed unsubscribe links (#14)."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.config import get_settings
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.customers.models import ConsentEvent
from app.privacy import unsubscribe
from tests.factories import create_customer, owner_context
from tests.owner import owner_unit_of_work


async def _customer(client: httpx.AsyncClient, **consent: Any) -> dict[str, Any]:
    r = await client.post(
        "/customers",
        json={
            "first_name": "Ewa",
            "email": f"ewa-{uuid.uuid4().hex[:8]}@example.pl",
            "consents": {"email_marketing": {"granted": True, "source": "web form", **consent}},
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def _events(session: AsyncSession, customer_id: str) -> list[ConsentEvent]:
    session.expire_all()
    return list(
        await session.scalars(
            select(ConsentEvent)
            .where(ConsentEvent.customer_id == uuid.UUID(customer_id))
            .order_by(ConsentEvent.id)
        )
    )


class TestConsentProof:
    async def test_a_change_keeps_source_wording_who_and_when(
        self, client: httpx.AsyncClient, session: AsyncSession
    ) -> None:
        customer = await _customer(client, wording_version="nl-2026-03")
        assert customer["consents"]["email_marketing"]["wording_version"] == "nl-2026-03"
        (event,) = await _events(session, customer["id"])
        assert (event.channel, event.granted, event.source, event.wording_version) == (
            "email_marketing", True, "web form", "nl-2026-03",
        )  # fmt: skip
        assert event.actor_type == "api_key" and event.actor_label
        assert event.occurred_at is not None

    async def test_the_same_state_again_is_no_event_but_a_new_wording_is(
        self, client: httpx.AsyncClient, session: AsyncSession
    ) -> None:
        customer = await _customer(client, wording_version="v1")
        url = f"/customers/{customer['id']}"
        same = {"consents": {"email_marketing": {"granted": True, "wording_version": "v1"}}}
        assert (await client.patch(url, json=same)).status_code == 200
        assert len(await _events(session, customer["id"])) == 1
        renewed = {"consents": {"email_marketing": {"granted": True, "wording_version": "v2"}}}
        assert (await client.patch(url, json=renewed)).status_code == 200
        withdrawn = {"consents": {"email_marketing": {"granted": False, "source": "phone"}}}
        assert (await client.patch(url, json=withdrawn)).status_code == 200
        events = await _events(session, customer["id"])
        assert [(e.granted, e.wording_version) for e in events] == [
            (True, "v1"), (True, "v2"), (False, None),
        ]  # fmt: skip

    async def test_writers_that_skip_triggers_are_recorded_too(
        self, committed_tenant: TenantInfo
    ) -> None:
        # The import's commit may run in `replica` mode, which skips ordinary triggers, where
        # its role may set it (a superuser, here the owner; the app's role may not).
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            customer = await create_customer(s, owner_context(committed_tenant))
        async with owner_unit_of_work() as s:
            await s.execute(text("SET LOCAL session_replication_role = replica"))
            await s.execute(
                text("""
                INSERT INTO customer_consents (tenant_id, customer_id, channel, granted,
                                               changed_at, source, actor_type)
                VALUES (:t, :c, 'sms_marketing', true, now(), 'import', 'import')
                """),
                {"t": committed_tenant.id, "c": customer.id},
            )
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            events = await _events(s, str(customer.id))
        assert [(e.channel, e.actor_type) for e in events][-1] == ("sms_marketing", "import")

    async def test_the_person_s_data_holds_the_proof(self, client: httpx.AsyncClient) -> None:
        customer = await _customer(client, wording_version="nl-7")
        data = (await client.get(f"/customers/{customer['id']}/personal-data")).json()
        assert [(p["channel"], p["wording_version"]) for p in data["consent_proof"]] == [
            ("email_marketing", "nl-7")
        ]


class TestUnsubscribeLinks:
    async def _link(self, client: httpx.AsyncClient, customer_id: str, channel: str) -> str:
        r = await client.get(f"/customers/{customer_id}/unsubscribe-links")
        assert r.status_code == 200, r.text
        url: str = r.json()[channel]
        return url.split("/api/v1", 1)[1]

    async def test_opening_shows_a_button_and_withdraws_nothing(
        self, client: httpx.AsyncClient, anonymous: httpx.AsyncClient
    ) -> None:
        customer = await _customer(client)
        path = await self._link(client, customer["id"], "email_marketing")
        page = await anonymous.get(path)
        assert page.status_code == 200 and '<form method="post">' in page.text
        assert page.headers["content-type"].startswith("text/html")
        got = (await client.get(f"/customers/{customer['id']}")).json()
        assert got["consents"]["email_marketing"]["granted"] is True

    async def test_the_post_withdraws_as_the_person_without_a_login(
        self,
        client: httpx.AsyncClient,
        anonymous: httpx.AsyncClient,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        customer = await _customer(client)
        path = await self._link(client, customer["id"], "email_marketing")
        done = await anonymous.post(path, data={"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200 and tenant.name in done.text
        again = await anonymous.post(path)  # a second click changes nothing
        assert again.status_code == 200
        got = (await client.get(f"/customers/{customer['id']}")).json()
        assert got["consents"]["email_marketing"]["granted"] is False
        assert got["consents"]["email_marketing"]["source"] == unsubscribe.SOURCE
        events = await _events(session, customer["id"])
        assert [(e.granted, e.actor_type) for e in events] == [
            (True, "api_key"),
            (False, "subject"),
        ]
        audit = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.entity_id == uuid.UUID(customer["id"]),
                AuditEvent.action == "consent.withdrawn",
            )
        )
        assert audit is not None and audit.actor_type == "subject"

    async def test_a_tampered_or_foreign_link_is_refused(
        self, client: httpx.AsyncClient, anonymous: httpx.AsyncClient
    ) -> None:
        customer = await _customer(client)
        path = await self._link(client, customer["id"], "email_marketing")
        body, mac = path.rsplit("/", 1)[1].split(".")
        other = unsubscribe.Link(uuid.uuid4(), uuid.UUID(customer["id"]), "email_marketing")
        forged = f"/unsubscribe/{unsubscribe.token(other).split('.')[0]}.{mac}"
        for bad in (
            f"/unsubscribe/{body}.AAAA{mac[4:]}",
            forged,
            "/unsubscribe/x",
            "/unsubscribe/a.b",
        ):
            r = await anonymous.post(bad)
            assert r.status_code == 404, bad
        got = (await client.get(f"/customers/{customer['id']}")).json()
        assert got["consents"]["email_marketing"]["granted"] is True

    async def test_the_link_of_a_deleted_customer_says_so(
        self, client: httpx.AsyncClient, anonymous: httpx.AsyncClient
    ) -> None:
        customer = await _customer(client)
        path = await self._link(client, customer["id"], "sms_marketing")
        assert (await client.delete(f"/customers/{customer['id']}")).status_code == 204
        r = await anonymous.post(path)
        assert r.status_code == 404 and "no longer in the base" in r.text


class TestPublicUrl:
    async def test_links_use_the_configured_public_address(
        self, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        r = await client.post("/customers", json={"email": "ola@example.pl"})
        assert r.status_code == 201, r.text
        monkeypatch.setenv("KARTOTEKA_PUBLIC_URL", "https://crm.example.com/")
        get_settings.cache_clear()
        try:
            got = await client.get(f"/customers/{r.json()['id']}/unsubscribe-links")
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()
        assert got.status_code == 200, got.text
        urls = got.json().values()
        assert urls and all(
            u.startswith("https://crm.example.com/api/v1/unsubscribe/") for u in urls
        )
