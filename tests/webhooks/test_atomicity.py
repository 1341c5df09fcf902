"""The outbox is the change's transaction: a change that fails after its write leaves nothing."""

import os
import uuid

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.core.context import Context
from app.core.db import unit_of_work
from app.core.errors import Conflict
from app.customers import changes
from app.customers import service as customers
from app.customers.models import Customer
from app.customers.schemas import CustomerFields
from app.events.models import Event, WebhookDelivery
from app.main import create_app
from app.webhooks import service as webhooks
from app.webhooks.schemas import WebhookIn


async def _counts(tenant_id: uuid.UUID, email: str) -> dict[str, int]:
    async with unit_of_work(tenant_id=tenant_id) as s:
        return {
            "customers": await s.scalar(select(func.count()).where(
                Customer.tenant_id == tenant_id, Customer.email == email)),
            "events": await s.scalar(select(func.count()).where(Event.tenant_id == tenant_id)),
            "deliveries": await s.scalar(select(func.count()).where(
                WebhookDelivery.tenant_id == tenant_id)),
            "audit": await s.scalar(select(func.count()).where(
                AuditEvent.tenant_id == tenant_id, AuditEvent.action == "customer.created")),
        }  # fmt: skip


@pytest.fixture
async def subscribed(system_ctx: Context) -> Context:
    """The tenant with an endpoint subscribed to everything, so every event has deliveries."""
    async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
        await webhooks.create_endpoint(
            s, system_ctx, WebhookIn(url="http://127.0.0.1:9/h", events=["*"])
        )
    return system_ctx


class TestRollback:
    async def test_an_error_after_the_write_and_the_emit_leaves_no_row_event_or_delivery(
        self, subscribed: Context
    ) -> None:
        email = f"late-{uuid.uuid4().hex[:8]}@example.pl"

        async def write_then_fail() -> None:
            async with unit_of_work(tenant_id=subscribed.tenant_id) as s:
                customer = await customers.create_customer(
                    s, subscribed, CustomerFields(first_name="Ewa", email=email,
                                                  consents={"email_marketing": {"granted": True}})
                )  # fmt: skip
                # Inside the unit of work the row, its events and their deliveries all exist…
                inside = await s.scalars(select(Event.type).where(
                    Event.tenant_id == subscribed.tenant_id, Event.subject_id == customer.id))  # fmt: skip
                assert sorted(inside) == ["consent.granted", "customer.created"]
                assert await s.scalar(select(func.count()).where(
                    WebhookDelivery.tenant_id == subscribed.tenant_id)) == 2  # fmt: skip
                raise RuntimeError("a failure after the write")

        with pytest.raises(RuntimeError, match="after the write"):
            await write_then_fail()
        # …and after the rollback none of them does.
        assert await _counts(subscribed.tenant_id, email) == {
            "customers": 0, "events": 0, "deliveries": 0, "audit": 0}  # fmt: skip

    async def test_a_request_failing_after_its_write_commits_nothing(
        self, subscribed: Context, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Through the API on the real request unit of work: the failure comes from a rule
        checked after the customer, its audit entry and its customer.created event were written."""

        async def refuse(*args: object, **kwargs: object) -> None:
            raise Conflict("refused after the write")

        monkeypatch.setattr(changes, "consent_events", refuse)
        async with unit_of_work(tenant_id=subscribed.tenant_id) as s:
            _, token = await auth_service.create_api_key(
                s, subscribed.tenant_id, name="t", scopes=sorted(SCOPES), created_by="tests"
            )
        app = create_app()
        app.state.redis = Redis.from_url(os.environ["REDIS_URL"])
        email = f"api-{uuid.uuid4().hex[:8]}@example.pl"
        try:
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://test/api/v1",
                headers={"Authorization": f"Bearer {token}"},
            ) as api:  # fmt: skip
                r = await api.post("/customers", json={"first_name": "Ola", "email": email})
        finally:
            await app.state.redis.aclose()
        assert r.status_code == 409 and r.json()["code"] == "conflict"
        assert await _counts(subscribed.tenant_id, email) == {
            "customers": 0, "events": 0, "deliveries": 0, "audit": 0}  # fmt: skip

    async def test_the_same_write_committed_leaves_all_of_them(self, subscribed: Context) -> None:
        email = f"ok-{uuid.uuid4().hex[:8]}@example.pl"
        async with unit_of_work(tenant_id=subscribed.tenant_id) as s:
            await customers.create_customer(
                s, subscribed, CustomerFields(first_name="Iza", email=email)
            )
        assert await _counts(subscribed.tenant_id, email) == {
            "customers": 1, "events": 1, "deliveries": 1, "audit": 1}  # fmt: skip
