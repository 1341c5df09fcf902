"""Notes on a customer: written, listed, audited, erased with the customer."""

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import Context, TenantInfo
from app.customers.models import CustomerNote
from tests.factories import create_customer


class TestNotes:
    async def test_written_and_listed_newest_first_with_the_author(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx)
        for text in ("Prefers mornings.", "Allergic to latex."):
            r = await client.post(f"/customers/{anna.id}/notes", json={"text": text})
            assert r.status_code == 201, r.text
        r = await client.get(f"/customers/{anna.id}/notes")
        items = r.json()["items"]
        assert [n["text"] for n in items] == ["Allergic to latex.", "Prefers mornings."]
        assert items[0]["author_label"].startswith("API key")

    async def test_too_long_or_empty_is_refused(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx)
        for text in ("x" * 2001, "   "):
            r = await client.post(f"/customers/{anna.id}/notes", json={"text": text})
            assert r.status_code == 422
        r = await client.post(f"/customers/{anna.id}/notes", json={"text": "x" * 2000})
        assert r.status_code == 201

    async def test_is_audited(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        anna = await create_customer(session, ctx)
        r = await client.post(f"/customers/{anna.id}/notes", json={"text": "VIP"})
        event = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.tenant_id == tenant.id, AuditEvent.action == "customer.note_added"
            )
        )
        assert event is not None and event.entity_id == anna.id
        assert event.meta == {"note_id": r.json()["id"]}

    async def test_erased_with_the_customer(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        anna = await create_customer(session, ctx)
        await client.post(f"/customers/{anna.id}/notes", json={"text": "Lives at …"})
        assert (await client.post(f"/customers/{anna.id}/erase")).status_code == 200
        left = await session.scalar(
            select(func.count()).where(
                CustomerNote.tenant_id == tenant.id, CustomerNote.customer_id == anna.id
            )
        )
        assert left == 0
        r = await client.post(f"/customers/{anna.id}/notes", json={"text": "again"})
        assert (r.status_code, r.json()["code"]) == (409, "customer_erased")

    async def test_unknown_customer_is_404(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/customers/00000000-0000-4000-8000-000000000000/notes")
        assert r.status_code == 404
