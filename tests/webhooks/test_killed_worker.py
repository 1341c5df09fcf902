"""At least once: a worker killed in the middle of a delivery does not lose it."""

import asyncio
import json
import os
import signal
import sys
import uuid

from sqlalchemy import select

from app.core.context import Context
from app.core.db import unit_of_work
from app.customers import service as customers
from app.customers.schemas import CustomerFields
from app.events.models import WebhookDelivery
from app.webhooks import service
from app.webhooks.dispatcher import dispatch_tenant
from app.webhooks.schemas import WebhookIn
from app.webhooks.sending import make_client
from tests.owner import owner_unit_of_work
from tests.webhooks.conftest import Receiver

LEASE = 8
# A dispatcher in its own process, as the arq worker runs it, with a short lease.
DISPATCHER = f"""
import asyncio, sys, uuid
from app.webhooks import dispatcher
from app.webhooks.sending import make_client
dispatcher.LEASE_SECONDS = {LEASE}

async def main():
    async with make_client() as client:
        await dispatcher.dispatch_tenant(client, uuid.UUID(sys.argv[1]))

asyncio.run(main())
"""


async def _wait_for(predicate: object, seconds: float = 60) -> None:
    for _ in range(int(seconds * 20)):
        if predicate():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def _delivery(endpoint_id: uuid.UUID) -> WebhookDelivery:
    async with owner_unit_of_work() as s:
        [row] = await s.scalars(
            select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
        )
        return row


class TestKilledWorker:
    async def test_the_delivery_is_sent_again_with_the_same_event_id_once_the_lease_ends(
        self, system_ctx: Context, receiver: Receiver
    ) -> None:
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            endpoint = await service.create_endpoint(
                s, system_ctx, WebhookIn(url=receiver.url, events=["customer.created"])
            )
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            await customers.create_customer(
                s, system_ctx, CustomerFields(first_name="Kasia", email=f"k{uuid.uuid4().hex[:6]}@example.pl")
            )  # fmt: skip
        # The receiver takes the request and does not answer: the worker is mid-delivery.
        receiver.gate = asyncio.Event()
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", DISPATCHER, str(system_ctx.tenant_id), env=dict(os.environ)
        )
        try:
            await _wait_for(lambda: len(receiver.requests) == 1)
        finally:
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
        assert worker.returncode == -signal.SIGKILL
        receiver.gate.set()
        receiver.gate = None
        leased = await _delivery(endpoint.id)
        assert (leased.status, leased.attempts) == ("pending", 1)
        assert leased.lease_until is not None
        # While the dead worker's lease runs, nobody else sends it (no double send in flight).
        async with make_client() as client:
            assert await dispatch_tenant(client, system_ctx.tenant_id) == {
                "delivered": 0, "failed": 0}  # fmt: skip
            # Once it has run out, the next run sends it again.
            for _ in range(120):
                if (await dispatch_tenant(client, system_ctx.tenant_id))["delivered"]:
                    break
                await asyncio.sleep(0.25)
        first, second = receiver.requests
        assert first["headers"]["kartoteka-event-id"] == second["headers"]["kartoteka-event-id"]
        assert (
            first["headers"]["kartoteka-delivery-id"] == second["headers"]["kartoteka-delivery-id"]
        )
        assert json.loads(first["body"])["id"] == json.loads(second["body"])["id"]
        done = await _delivery(endpoint.id)
        assert (done.status, done.attempts, done.lease_until) == ("delivered", 2, None)
        assert done.delivered_at is not None and done.delivered_at >= leased.lease_until
