"""The one-statement reads (by id, the till's lookup) show what the write paths show."""

import uuid

import httpx
from sqlalchemy import text

from app.auth.scopes import ROLE_SCOPES
from app.core import tenancy
from app.core.context import Context, Principal
from app.core.db import get_read_sessionmaker, open_read_pool, unit_of_work
from app.customers import reads
from tests.conftest import TenantInfo
from tests.factories import create_customer

FULL = {
    "first_name": "Ołena",
    "last_name": "Шевченко",
    "email": "olena@example.ua",
    "phone": "600 700 800",
    "tags": ["VIP", "Stała klientka"],
    "cards": [{"number": "K-1001", "barcode": "590123"}, {"number": "K-1002"}],
    "consents": {
        "email_marketing": {"granted": True, "source": "till"},
        "sms_marketing": {"granted": False},
    },
    "birth_date": "1990-12-31",
}


class TestSameShapeAsWrites:
    async def test_get_by_id_equals_what_create_returned(self, client: httpx.AsyncClient) -> None:
        created = await client.post("/customers", json=FULL)
        assert created.status_code == 201, created.text
        read = await client.get(f"/customers/{created.json()['id']}")
        assert read.status_code == 200
        assert read.json() == created.json()
        assert read.headers["etag"] == created.headers["etag"]
        assert read.headers["content-type"] == "application/json"

    async def test_lookup_by_phone_email_and_card(self, client: httpx.AsyncClient) -> None:
        created = (await client.post("/customers", json=FULL)).json()
        for params in (
            {"phone": "+48 600-700-800"},
            {"email": "OLENA@example.ua"},
            {"card": "K-1002"},
        ):
            found = await client.get("/customers/lookup", params=params)
            assert found.status_code == 200, found.text
            assert found.json() == {"items": [created]}

    async def test_unknown_and_malformed_ids(self, client: httpx.AsyncClient) -> None:
        missing = await client.get("/customers/00000000-0000-4000-8000-000000000000")
        assert missing.status_code == 404
        assert missing.json()["code"] == "customer_not_found"
        assert (await client.get("/customers/not-a-uuid")).status_code == 404


class TestAutocommit:
    async def test_read_sessions_open_no_transaction(self, committed_tenant: TenantInfo) -> None:
        """Each statement of a read session is its own transaction: no BEGIN/COMMIT trips."""
        async with get_read_sessionmaker()() as session:
            first = await session.scalar(text("SELECT txid_current()"))
            second = await session.scalar(text("SELECT txid_current()"))
            assert first != second
            assert await reads.by_ids(session, committed_tenant.id, []) == []


class TestReadPool:
    """The plain asyncpg pool the hot reads use in production (tests otherwise share the
    test's own connection): it must give exactly what the ORM path gives."""

    async def test_by_id_and_lookup_equal_the_session_path(
        self, committed_tenant: TenantInfo
    ) -> None:
        owner = Principal(
            kind="user", id=uuid.uuid4(), label="owner@test", role="owner",
            scopes=ROLE_SCOPES["owner"],
        )  # fmt: skip
        ctx = Context(tenant=committed_tenant, principal=owner, locale="en")
        async with unit_of_work(tenant_id=committed_tenant.id) as session:
            customer = await create_customer(
                session, ctx, phone="600 700 801", custom_fields={}, tags=["VIP"],
                cards=[{"number": "P-1"}], consents={"sms_marketing": {"granted": True}},
            )  # fmt: skip
        async with unit_of_work(tenant_id=committed_tenant.id) as session:
            [expected] = await reads.by_ids(session, committed_tenant.id, [customer.id])
        pool = await open_read_pool()
        try:
            async with (
                pool.acquire() as connection,
                tenancy.tenant_transaction(connection, committed_tenant.id),
            ):
                assert await reads.by_id(connection, committed_tenant.id, customer.id) == expected
                found = await reads.by_key(connection, committed_tenant.id, "phone", "+48600700801")
                assert found == [expected]
                assert await reads.by_id(connection, uuid.uuid4(), customer.id) is None
            async with pool.acquire() as connection:
                # Nothing is left open after a checkout's transaction, nor its tenant.
                assert not connection.is_in_transaction()
                assert await connection.fetchval("SELECT current_setting('app.tenant_id')") == ""
        finally:
            await pool.close()
