"""A deletion's audit event keeps who deleted whom, not the person (issue #18, item 3)."""

import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import Context, TenantInfo
from app.customers.models import Customer
from tests.factories import create_customer

# What identifies the person, as given and as stored (the phone normalised to E.164).
PERSONAL = ["Zuzanna", "Przybylska", "zuzanna.p@example.pl", "600 700 800", "600700800"]


@pytest.fixture
async def zuzanna(session: AsyncSession, ctx: Context) -> Customer:
    return await create_customer(
        session, ctx, first_name="Zuzanna", last_name="Przybylska", email="zuzanna.p@example.pl",
        phone="600 700 800", city="Gdańsk", tags=["VIP"], cards=[{"number": "Z-1"}],
    )  # fmt: skip


async def _events(session: AsyncSession, tenant: TenantInfo, action: str) -> list[AuditEvent]:
    session.expire_all()
    rows = await session.scalars(
        select(AuditEvent).where(AuditEvent.tenant_id == tenant.id, AuditEvent.action == action)
    )
    return list(rows)


def _text(event: AuditEvent) -> str:
    return json.dumps([event.changes, event.meta], ensure_ascii=False)


def _assert_no_personal_data(events: list[AuditEvent]) -> None:
    assert events
    for event in events:
        found = [p for p in PERSONAL if p in _text(event)]
        assert found == [], f"{event.action} keeps {found}: {_text(event)}"


class TestDelete:
    async def test_event_keeps_who_and_counts_not_the_person(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo, zuzanna: Any
    ) -> None:
        assert (await client.delete(f"/customers/{zuzanna.id}")).status_code == 204
        [event] = await _events(session, tenant, "customer.deleted")
        _assert_no_personal_data([event])
        assert (event.entity_type, event.entity_id) == ("customer", zuzanna.id)
        assert event.actor_type == "api_key" and event.actor_label
        assert event.changes is None
        assert event.meta is not None
        assert (event.meta["tags"], event.meta["cards"]) == (1, 1)


class TestBulkDelete:
    @pytest.mark.parametrize(
        "selection",
        [{"q": "Przybylska"}, {"filter": "email = 'zuzanna.p@example.pl'"}],
        ids=["quick_search", "filter"],
    )
    async def test_event_keeps_neither_the_person_nor_the_search_for_them(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        tenant: TenantInfo,
        zuzanna: Any,
        selection: dict[str, Any],
    ) -> None:
        body = {"action": "delete", "selection": selection, "expected_count": 1}
        r = await client.post("/customers/bulk", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["changed"] == 1
        events = await _events(session, tenant, "customers.bulk.delete")
        _assert_no_personal_data(events)
        assert events[0].meta is not None
        assert events[0].meta["matched"] == 1


class TestMerge:
    async def test_event_keeps_ids_and_origins_not_the_sources_data(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
        zuzanna: Customer,
    ) -> None:
        target = await create_customer(
            session, ctx, first_name="Zofia", last_name="Nowak", email="zofia@example.pl",
            phone="601 111 222", city=None,
        )  # fmt: skip
        r = await client.post(
            "/customers/merge",
            json={"target_id": str(target.id), "source_ids": [str(zuzanna.id)]},
        )
        assert r.status_code == 200, r.text
        [event] = await _events(session, tenant, "customer.merged")
        _assert_no_personal_data([event])
        assert event.meta is not None
        assert event.meta["source_ids"] == [str(zuzanna.id)]
        # The target had no city: it took the source's, and the log says from whom.
        assert event.meta["fields_from"] == {"city": str(zuzanna.id)}
        assert uuid.UUID(next(iter(event.meta["sources"])))
