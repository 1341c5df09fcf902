"""The one-statement reads (by id, the till's lookup) show what the write paths show."""

import httpx
from sqlalchemy import text

from app.core.db import get_read_sessionmaker
from app.customers import reads
from tests.conftest import TenantInfo

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
        assert (await client.get("/customers/not-a-uuid")).status_code == 422


class TestAutocommit:
    async def test_read_sessions_open_no_transaction(self, committed_tenant: TenantInfo) -> None:
        """Each statement of a read session is its own transaction: no BEGIN/COMMIT trips."""
        async with get_read_sessionmaker()() as session:
            first = await session.scalar(text("SELECT txid_current()"))
            second = await session.scalar(text("SELECT txid_current()"))
            assert first != second
            assert await reads.by_ids(session, committed_tenant.id, []) == []
