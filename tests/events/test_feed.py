"""GET /events: cursor paging, the type filter, late commits, tenants apart."""

import asyncio
import os
import uuid

import httpx
from redis.asyncio import Redis

from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.events import outbox
from app.main import create_app
from tests.conftest import ClientFactory
from tests.events.conftest import emit, feed, settled_feed


class TestPaging:
    async def test_pages_follow_the_cursor_to_the_end_and_then_new_events(
        self, committed_tenant: TenantInfo
    ) -> None:
        for n in range(5):
            await emit(committed_tenant.id, "customer.created", id=uuid.uuid4(), n=n)
        await settled_feed(committed_tenant.id, 5)
        seen: list[int] = []
        cursor = None
        sizes = []
        while True:
            page = await feed(committed_tenant.id, after=cursor, limit=2)
            sizes.append(len(page.items))
            if not page.items:
                break
            seen += [e.data["n"] for e in page.items]
            cursor = page.next_cursor
        assert seen == [0, 1, 2, 3, 4] and sizes == [2, 2, 1, 0]
        # An empty page hands the same cursor back; the next event follows it.
        assert page.next_cursor == cursor
        await emit(committed_tenant.id, "customer.created", id=uuid.uuid4(), n=5)
        later = await settled_feed(committed_tenant.id, 1, after=cursor)
        assert [e.data["n"] for e in later.items] == [5]

    async def test_events_carry_id_type_time_tenant_and_data(
        self, committed_tenant: TenantInfo
    ) -> None:
        customer_id = uuid.uuid4()
        await emit(committed_tenant.id, "customer.deleted", id=customer_id)
        [event] = (await settled_feed(committed_tenant.id, 1)).items
        assert event.id.startswith("evt_") and event.type == "customer.deleted"
        assert event.tenant_id == committed_tenant.id and event.data == {"id": str(customer_id)}
        assert event.created_at is not None


class TestTypeFilter:
    async def test_only_the_asked_types_are_listed(self, committed_tenant: TenantInfo) -> None:
        await emit(committed_tenant.id, "customer.created")
        await emit(committed_tenant.id, "voucher.issued", id=uuid.uuid4(), code="A1")
        await emit(committed_tenant.id, "consent.withdrawn", customer_id=uuid.uuid4())
        await settled_feed(committed_tenant.id, 3)
        vouchers = await feed(committed_tenant.id, types=["voucher.issued"])
        assert [e.type for e in vouchers.items] == ["voucher.issued"]
        two = await feed(committed_tenant.id, types=["customer.created", "consent.withdrawn"])
        assert [e.type for e in two.items] == ["customer.created", "consent.withdrawn"]

    async def test_a_ping_never_shows_in_the_feed(self, committed_tenant: TenantInfo) -> None:
        await emit(committed_tenant.id, "webhook.ping", id=uuid.uuid4())
        await emit(committed_tenant.id, "customer.created")
        page = await settled_feed(committed_tenant.id, 1)
        assert [e.type for e in page.items] == ["customer.created"]


class TestLateCommit:
    async def test_an_event_committed_late_by_an_earlier_transaction_is_not_skipped(
        self, committed_tenant: TenantInfo
    ) -> None:
        tenant_id = committed_tenant.id
        await emit(tenant_id, "customer.created", n=0)
        cursor = (await settled_feed(tenant_id, 1)).next_cursor
        # A writes first (the lower event id) and commits last; B writes and commits between.
        async with unit_of_work(tenant_id=tenant_id) as a:
            await outbox.emit(a, tenant_id, "customer.created", {"n": 1})
            await emit(tenant_id, "customer.created", n=2)
            await asyncio.sleep(0.3)
            # B is committed, but A (older) still runs: a reader must not be moved past B.
            held = await feed(tenant_id, after=cursor)
            assert held.items == [] and held.next_cursor == cursor
        page = await settled_feed(tenant_id, 2, after=cursor)
        assert [e.data["n"] for e in page.items] == [1, 2]
        assert int(page.items[0].id.removeprefix("evt_")) < int(
            page.items[1].id.removeprefix("evt_")
        )

    async def test_a_rolled_back_transaction_leaves_no_hole_that_blocks_the_feed(
        self, committed_tenant: TenantInfo
    ) -> None:
        tenant_id = committed_tenant.id
        try:
            async with unit_of_work(tenant_id=tenant_id) as s:
                await outbox.emit(s, tenant_id, "customer.created", {"n": 0})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        await emit(tenant_id, "customer.created", n=1)
        page = await settled_feed(tenant_id, 1)
        assert [e.data["n"] for e in page.items] == [1]


class TestTenants:
    async def test_a_tenant_reads_only_its_own_events(
        self, committed_tenant: TenantInfo, engine: object
    ) -> None:
        async with unit_of_work() as s:
            from app.tenants import service as tenants_service

            other = tenants_service.info(
                await tenants_service.create_tenant(s, f"t-{uuid.uuid4().hex[:12]}", name="Other")
            )
            _, token = await auth_service.create_api_key(
                s, other.id, name="feed", scopes=sorted(SCOPES), created_by="tests"
            )
        await emit(committed_tenant.id, "customer.created", who="mine")
        await emit(other.id, "customer.created", who="theirs")
        assert [e.data["who"] for e in (await settled_feed(committed_tenant.id, 1)).items] == [
            "mine"
        ]
        # Through the API with the other tenant's key, on the real unit of work.
        app = create_app()
        app.state.redis = Redis.from_url(os.environ["REDIS_URL"])
        try:
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://test/api/v1",
                headers={"Authorization": f"Bearer {token}"},
            ) as api:
                for _ in range(300):
                    body = (await api.get("/events")).json()
                    if body["items"]:
                        break
                    await asyncio.sleep(0.1)
        finally:
            await app.state.redis.aclose()
        assert [e["data"]["who"] for e in body["items"]] == ["theirs"]
        assert {e["tenant_id"] for e in body["items"]} == {str(other.id)}


class TestRoute:
    async def test_a_broken_cursor_is_a_validation_problem(
        self, make_client: ClientFactory
    ) -> None:
        client = await make_client()
        r = await client.get("/events", params={"after": "not-a-cursor!"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "invalid_cursor"

    async def test_the_feed_needs_read_scope(self, make_client: ClientFactory) -> None:
        client = await make_client(scopes=["vouchers"])
        assert (await client.get("/events")).status_code == 403
