"""Delivery through the real dispatcher to a real receiver, on committed rows."""

import json
import socket
import uuid

import pytest
from sqlalchemy import func, select, text, update

from app.core.context import Context
from app.core.db import unit_of_work
from app.customers import service as customers
from app.customers.schemas import CustomerFields
from app.events.models import Event, WebhookDelivery, WebhookEndpoint
from app.webhooks import service
from app.webhooks.dispatcher import backoff_seconds, dispatch_tenant, tenants_with_due_deliveries
from app.webhooks.schemas import WebhookIn
from app.webhooks.sending import make_client
from app.webhooks.signing import verify
from tests.owner import owner_unit_of_work
from tests.webhooks.conftest import Receiver


async def _endpoint(ctx: Context, url: str, events: list[str] | None = None) -> WebhookEndpoint:
    async with unit_of_work(tenant_id=ctx.tenant_id) as s:
        return await service.create_endpoint(
            s, ctx, WebhookIn(url=url, events=events or ["customer.created"])
        )


async def _customer(ctx: Context, name: str = "Anna") -> uuid.UUID:
    async with unit_of_work(tenant_id=ctx.tenant_id) as s:
        customer = await customers.create_customer(
            s,
            ctx,
            CustomerFields(
                first_name=name, email=f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.pl"
            ),
        )
        return customer.id


async def _dispatch(ctx: Context) -> dict[str, int]:
    async with make_client() as client:
        return await dispatch_tenant(client, ctx.tenant_id)


async def _deliveries(endpoint_id: uuid.UUID) -> list[WebhookDelivery]:
    async with owner_unit_of_work() as s:
        rows = await s.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .order_by(WebhookDelivery.id)
        )
        return list(rows)


class TestDelivery:
    async def test_committed_change_is_delivered_signed(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        endpoint = await _endpoint(system_ctx, receiver.url)
        customer_id = await _customer(system_ctx)
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            assert system_ctx.tenant_id in await tenants_with_due_deliveries(s)
        assert await _dispatch(system_ctx) == {"delivered": 1, "failed": 0}
        [request] = receiver.requests
        body = json.loads(request["body"])
        assert body["type"] == "customer.created"
        assert body["data"]["id"] == str(customer_id)
        assert request["headers"]["kartoteka-event-id"] == body["id"]
        assert verify(endpoint.secret, request["headers"]["kartoteka-signature"], request["body"])
        assert not verify("whsec_other", request["headers"]["kartoteka-signature"], request["body"])
        [delivery] = await _deliveries(endpoint.id)
        assert (delivery.status, delivery.response_status, delivery.attempts) == (
            "delivered",
            200,
            1,
        )

    async def test_unsubscribed_types_are_not_delivered(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        endpoint = await _endpoint(system_ctx, receiver.url, ["voucher.redeemed"])
        await _customer(system_ctx)
        assert await _deliveries(endpoint.id) == []

    async def test_events_of_one_customer_arrive_in_order(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        await _endpoint(system_ctx, receiver.url, ["customer.created", "customer.updated"])
        customer_id = await _customer(system_ctx)
        for city in ("Łódź", "Kraków"):
            async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
                await customers.update_customer(
                    s, system_ctx, customer_id, CustomerFields.model_validate({"city": city})
                )
        receiver.statuses = [500, 200]
        await _dispatch(system_ctx)
        # The first failed: the later two wait behind it instead of overtaking it.
        assert [json.loads(r["body"])["type"] for r in receiver.requests] == ["customer.created"]


class TestRetry:
    async def test_failure_is_retried_later_with_backoff(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        receiver.statuses = [503]
        endpoint = await _endpoint(system_ctx, receiver.url)
        await _customer(system_ctx)
        assert await _dispatch(system_ctx) == {"delivered": 0, "failed": 1}
        [delivery] = await _deliveries(endpoint.id)
        assert delivery.status == "pending" and delivery.response_status == 503
        assert delivery.response_snippet == "nope"
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            wait = await s.scalar(select(WebhookDelivery.next_attempt_at - func.now()).where(
                WebhookDelivery.id == delivery.id))  # fmt: skip
        assert wait is not None and 14 <= wait.total_seconds() <= 31
        # Not due yet: a second run sends nothing; once due (the clock moved), it is delivered.
        assert await _dispatch(system_ctx) == {"delivered": 0, "failed": 0}
        receiver.statuses = [200]
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            await s.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery.id)
                            .values(next_attempt_at=func.now()))  # fmt: skip
        assert await _dispatch(system_ctx) == {"delivered": 1, "failed": 0}
        [delivery] = await _deliveries(endpoint.id)
        assert (delivery.status, delivery.attempts) == ("delivered", 2)

    def test_backoff_doubles_with_jitter_up_to_six_hours(self) -> None:
        assert backoff_seconds(1, rand=1.0) == 30
        assert backoff_seconds(2, rand=1.0) == 60
        assert backoff_seconds(3, rand=0.0) == 60
        assert backoff_seconds(30, rand=1.0) == 6 * 3600

    async def test_endpoint_failing_for_days_is_disabled_and_says_so(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        receiver.statuses = [500]
        endpoint = await _endpoint(system_ctx, receiver.url)
        await _customer(system_ctx)
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            await s.execute(update(WebhookEndpoint).where(WebhookEndpoint.id == endpoint.id)
                            .values(failing_since=text("now() - interval '4 days'")))  # fmt: skip
            await s.execute(update(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
                            .values(created_at=text("now() - interval '4 days'")))  # fmt: skip
        await _dispatch(system_ctx)
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            row = await s.get(WebhookEndpoint, (system_ctx.tenant_id, endpoint.id))
            assert row is not None and not row.active and row.disabled_reason
            disabled = await s.scalar(select(func.count()).where(
                Event.tenant_id == system_ctx.tenant_id, Event.type == "webhook.disabled"))  # fmt: skip
        assert disabled == 1
        [delivery] = await _deliveries(endpoint.id)
        assert delivery.status == "failed"


class TestReplayAndRotation:
    async def test_replay_sends_the_same_event_again(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        endpoint = await _endpoint(system_ctx, receiver.url)
        await _customer(system_ctx)
        await _dispatch(system_ctx)
        [first] = await _deliveries(endpoint.id)
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            again = await service.replay(s, system_ctx, endpoint.id, first.id)
        assert again.id != first.id and again.event_id == f"evt_{first.event_id}"
        await _dispatch(system_ctx)
        ids = [r["headers"]["kartoteka-event-id"] for r in receiver.requests]
        assert len(ids) == 2 and ids[0] == ids[1]

    async def test_rotation_signs_with_both_secrets_during_grace(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        endpoint = await _endpoint(system_ctx, receiver.url)
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            rotated = await service.rotate_secret(s, system_ctx, endpoint.id)
        assert rotated.secret != endpoint.secret
        await _customer(system_ctx)
        await _dispatch(system_ctx)
        [request] = receiver.requests
        header = request["headers"]["kartoteka-signature"]
        assert header.count("v1=") == 2
        assert verify(endpoint.secret, header, request["body"])
        assert verify(rotated.secret, header, request["body"])
        # After the grace period only the new secret signs.
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            await s.execute(update(WebhookEndpoint).where(WebhookEndpoint.id == endpoint.id)
                            .values(previous_secret_expires_at=func.now()))  # fmt: skip
        await _customer(system_ctx, "Ola")
        await _dispatch(system_ctx)
        header = receiver.requests[1]["headers"]["kartoteka-signature"]
        assert header.count("v1=") == 1
        assert verify(rotated.secret, header, receiver.requests[1]["body"])
        assert not verify(endpoint.secret, header, receiver.requests[1]["body"])

    async def test_ping_reaches_the_endpoint(self, system_ctx: Context, receiver: Receiver) -> None:
        endpoint = await _endpoint(system_ctx, receiver.url)
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            await service.ping(s, system_ctx, endpoint.id)
        await _dispatch(system_ctx)
        assert json.loads(receiver.requests[0]["body"])["type"] == "webhook.ping"


class TestSsrfAtDelivery:
    async def test_loopback_is_refused_when_private_addresses_are_not_allowed(
        self, system_ctx: Context, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        endpoint = await _endpoint(system_ctx, receiver.url)
        await _customer(system_ctx)
        from app.core.config import get_settings

        monkeypatch.setattr(get_settings(), "webhooks_allow_private", False)
        await _dispatch(system_ctx)
        assert receiver.requests == []
        [delivery] = await _deliveries(endpoint.id)
        assert delivery.error is not None and delivery.error.startswith("refused")


async def test_a_redirect_is_not_followed(system_ctx: Context, receiver: Receiver) -> None:
    receiver.statuses = [302]
    endpoint = await _endpoint(system_ctx, receiver.url)
    await _customer(system_ctx)
    assert await _dispatch(system_ctx) == {"delivered": 0, "failed": 1}
    assert [r["path"] for r in receiver.requests] == ["/hooks"]
    [delivery] = await _deliveries(endpoint.id)
    assert delivery.status == "pending" and delivery.response_status == 302


async def test_a_receiver_that_does_not_answer_fails_the_delivery(system_ctx: Context) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    endpoint = await _endpoint(system_ctx, f"http://127.0.0.1:{port}/hooks")
    await _customer(system_ctx)
    assert await _dispatch(system_ctx) == {"delivered": 0, "failed": 1}
    [delivery] = await _deliveries(endpoint.id)
    assert delivery.response_status is None
    assert delivery.error is not None and delivery.error.startswith("ConnectError")
