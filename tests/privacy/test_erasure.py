"""POST /customers/{id}/erase: the identity goes, the amounts stay, the person stays gone (#14)."""

import json
import uuid
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import TenantInfo
from app.core.jobs import InMemoryQueue
from app.customers.erased import ErasedSubject
from app.privacy.erasure import SCRUB_JOB
from app.privacy.jobs import scrub_erased_subject
from tests.conftest import ClientFactory

PERSON = {
    "first_name": "Zofia",
    "last_name": "Dąbrowska-Łęcka",
    "email": "zofia@example.pl",
    "phone": "600 123 456",
    "birth_date": "1990-04-03",
    "city": "Kraków",
    "street": "ul. Źródlana",
    "notes": "Allergic to lavender",
    "external_id": "SHOP-77",
    "tags": ["VIP"],
    "cards": [{"number": "CARD-0001"}],
    "consents": {"email_marketing": {"granted": True, "source": "till"}},
}


async def _person(client: httpx.AsyncClient) -> dict[str, Any]:
    r = await client.post("/customers", json=PERSON)
    assert r.status_code == 201, r.text
    customer: dict[str, Any] = r.json()
    patch = await client.patch(f"/customers/{customer['id']}", json={"city": "Wrocław"})
    assert patch.status_code == 200, patch.text
    sale = await client.post(
        "/transactions", json={"customer": {"id": customer["id"]}, "amount": "129.90"}
    )
    assert sale.status_code in (200, 201), sale.text
    return customer


async def _erase(client: httpx.AsyncClient, customer_id: str) -> dict[str, Any]:
    r = await client.post(f"/customers/{customer_id}/erase")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


class TestErasure:
    async def test_identity_goes_and_amounts_stay(
        self, client: httpx.AsyncClient, jobs: InMemoryQueue
    ) -> None:
        customer = await _person(client)
        out = await _erase(client, customer["id"])
        assert out["already"] is False
        got = (await client.get(f"/customers/{customer['id']}")).json()
        for field in ("first_name", "last_name", "email", "phone", "birth_date", "city",
                      "street", "notes", "external_id"):  # fmt: skip
            assert got[field] is None, field
        assert got["cards"] == [] and got["tags"] == [] and got["consents"] == {}
        assert got["custom_fields"] == {}
        assert got["erased_at"] is not None
        assert got["total_spent"] == "129.90" and got["transactions_count"] == 1
        assert got["version"] > customer["version"]
        assert [j.function for j in jobs.jobs].count(SCRUB_JOB) == 1

    async def test_search_no_longer_finds_the_person(self, client: httpx.AsyncClient) -> None:
        customer = await _person(client)
        await _erase(client, customer["id"])
        for query in ({"q": "Dąbrowska"}, {"q": "zofia@example.pl"}):
            page = (await client.get("/customers", params=query)).json()
            assert customer["id"] not in [c["id"] for c in page["items"]]
        lookup = await client.get("/customers/lookup", params={"phone": "600123456"})
        assert lookup.json()["items"] == []

    async def test_the_audit_log_keeps_that_and_who_not_what(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        customer = await _person(client)
        # An access request first: its event carries no changes (a JSON null, not an object).
        taken = await client.get(f"/customers/{customer['id']}/personal-data")
        assert taken.status_code == 200
        await _erase(client, customer["id"])
        events = list(
            await session.scalars(
                select(AuditEvent).where(
                    AuditEvent.tenant_id == tenant.id,
                    AuditEvent.entity_id == uuid.UUID(customer["id"]),
                )
            )
        )
        text = json.dumps([[e.changes, e.meta] for e in events], ensure_ascii=False)
        for value in ("Zofia", "Dąbrowska", "zofia@example.pl", "600123456", "Kraków",
                      "Wrocław", "lavender", "SHOP-77", "CARD-0001"):  # fmt: skip
            assert value not in text, value
        updated = next(e for e in events if e.action == "customer.updated")
        assert updated.changes == {"city": None}  # which field changed, not from what to what
        erased = next(e for e in events if e.action == "customer.erased")
        assert erased.actor_type == "api_key" and erased.meta is not None
        assert erased.meta["identity_values_suppressed"] == 4  # email, phone, external id, card

    async def test_the_identity_is_kept_only_as_keyed_hashes(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        customer = await _person(client)
        await _erase(client, customer["id"])
        rows = list(
            await session.scalars(select(ErasedSubject).where(ErasedSubject.tenant_id == tenant.id))
        )
        assert sorted(r.kind for r in rows) == ["card", "email", "external_id", "phone"]
        assert all(len(r.digest) == 32 and b"zofia" not in r.digest for r in rows)

    async def test_repeating_it_changes_nothing(self, client: httpx.AsyncClient) -> None:
        customer = await _person(client)
        first = await _erase(client, customer["id"])
        again = await _erase(client, customer["id"])
        assert again["already"] is True and again["erased_at"] == first["erased_at"]

    async def test_staff_may_not_erase(self, make_client: ClientFactory) -> None:
        owner = await make_client()
        customer = await _person(owner)
        staff = await make_client(scopes=["customers:read", "customers:write"])
        r = await staff.post(f"/customers/{customer['id']}/erase")
        assert r.status_code == 403 and r.json()["code"] == "missing_scope"

    async def test_another_tenants_customer_is_not_found(
        self, make_client: ClientFactory, other_tenant: TenantInfo
    ) -> None:
        mine = await _person(await make_client())
        theirs = await make_client(tenant=other_tenant)
        r = await theirs.post(f"/customers/{mine['id']}/erase")
        assert r.status_code == 404 and r.json()["code"] == "customer_not_found"


class TestThePersonStaysGone:
    @pytest.mark.parametrize(
        "again",
        [
            {"email": "ZOFIA@example.pl"},
            {"phone": "+48 600-123-456"},
            {"email": "new@example.pl", "cards": [{"number": "CARD-0001"}]},
            {"email": "new@example.pl", "external_id": "SHOP-77"},
        ],
        ids=["email", "phone", "card", "external_id"],
    )
    async def test_is_not_created_again_unnoticed(
        self, client: httpx.AsyncClient, again: dict[str, Any]
    ) -> None:
        customer = await _person(client)
        await _erase(client, customer["id"])
        r = await client.post("/customers", json={"first_name": "Z", **again})
        assert r.status_code == 409 and r.json()["code"] == "erased_subject"
        back = await client.post(
            "/customers", json={"first_name": "Z", **again}, params={"subject_returned": "true"}
        )
        assert back.status_code == 201, back.text

    async def test_nor_through_an_update_or_the_external_id_sync(
        self, client: httpx.AsyncClient
    ) -> None:
        customer = await _person(client)
        await _erase(client, customer["id"])
        other = (await client.post("/customers", json={"email": "other@example.pl"})).json()
        r = await client.patch(f"/customers/{other['id']}", json={"phone": "600123456"})
        assert r.status_code == 409 and r.json()["code"] == "erased_subject"
        r = await client.put(
            "/customers/external/SHOP-77", json={"first_name": "Z", "email": "z2@example.pl"}
        )
        assert r.status_code == 409 and r.json()["code"] == "erased_subject"

    async def test_the_tombstone_cannot_be_edited_or_merged(
        self, client: httpx.AsyncClient
    ) -> None:
        customer = await _person(client)
        await _erase(client, customer["id"])
        r = await client.patch(f"/customers/{customer['id']}", json={"first_name": "Zofia"})
        assert r.status_code == 409 and r.json()["code"] == "customer_erased"
        other = (await client.post("/customers", json={"email": "other@example.pl"})).json()
        for target, source in ((other["id"], customer["id"]), (customer["id"], other["id"])):
            r = await client.post(
                "/customers/merge", json={"target_id": target, "source_ids": [source]}
            )
            assert r.status_code == 409 and r.json()["code"] == "customer_erased"


class TestScrubAfterCommit:
    async def test_stored_responses_about_the_person_are_dropped(self, tenant: TenantInfo) -> None:
        import os

        redis = Redis.from_url(os.environ["REDIS_URL"])
        person, other = str(uuid.uuid4()), str(uuid.uuid4())
        about = f"idem:{tenant.id}:api_key:k:1"
        unrelated = f"idem:{tenant.id}:api_key:k:2"
        elsewhere = f"idem:{uuid.uuid4()}:api_key:k:3"
        try:
            await redis.set(about, json.dumps({"body": f'{{"id": "{person}"}}'}))
            await redis.set(unrelated, json.dumps({"body": f'{{"id": "{other}"}}'}))
            await redis.set(elsewhere, json.dumps({"body": f'{{"id": "{person}"}}'}))
            done = await scrub_erased_subject(
                {"redis": redis}, tenant_id=str(tenant.id), customer_id=person, import_ids=[]
            )
            assert done["idempotent_responses"] == 1
            assert await redis.exists(about) == 0
            assert await redis.exists(unrelated) == 1
            assert await redis.exists(elsewhere) == 1  # another tenant's keys are not scanned
        finally:
            await redis.delete(about, unrelated, elsewhere)
            await redis.aclose()


class TestDigest:
    async def test_postgres_computes_the_same_keyed_hash_as_python(
        self, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        from sqlalchemy import text

        from app.customers import erased

        for kind, value in (("email", "Zofia@Example.pl"), ("phone", "+48600123456"),
                            ("card", "KARTA-Żółć-1")):  # fmt: skip
            in_sql = await session.scalar(
                text(f"SELECT {erased.DIGEST_SQL.format(value='CAST(:v AS text)')}"),
                {"t": tenant.id, "kind": kind, "v": value, **erased.hmac_pads()},
            )
            assert bytes(in_sql) == erased.digest(tenant.id, kind, value), kind
