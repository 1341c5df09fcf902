"""At least once across a Redis restart: a real arq worker delivers to a real receiver while
its Redis (one of the test's own, keeping nothing on disk) is killed mid-delivery and started
again empty on the same port. The outbox is in PostgreSQL, so nothing is lost with Redis; the
worker (or the one replacing it, as a supervisor would) goes on from the database."""

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from app.core.context import Context
from app.core.db import unit_of_work
from app.customers import service as customers
from app.customers.schemas import CustomerFields
from app.events.models import WebhookDelivery
from app.events.schemas import event_id
from app.webhooks import service
from app.webhooks.schemas import WebhookIn
from tests.core.private_servers import PrivateRedis, private_redis
from tests.owner import owner_unit_of_work
from tests.webhooks.conftest import Receiver

LEASE = 6
CUSTOMERS = 4
# The app's worker with its crons (the dispatcher's every second), a short lease so a delivery
# lost with a dead worker is claimed again within the test.
WORKER = f"""
from arq.worker import Worker
from app.webhooks import dispatcher
from app.worker import WorkerSettings as S
dispatcher.LEASE_SECONDS = {LEASE}
Worker(functions=S.functions, cron_jobs=S.cron_jobs, on_startup=S.on_startup,
       on_shutdown=S.on_shutdown, redis_settings=S.redis_settings, poll_delay=0.05,
       max_jobs=S.max_jobs, job_timeout=S.job_timeout, max_tries=S.max_tries).run()
"""


@contextmanager
def _worker(redis_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            env={**os.environ, "REDIS_URL": redis_url},
            stdout=out,
            stderr=out,
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


async def _wait_for(predicate: object, seconds: float, what: str) -> None:
    for _ in range(int(seconds * 10)):
        if await predicate():  # type: ignore[operator]
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def _update_all(ctx: Context, customer_ids: list[uuid.UUID], city: str) -> None:
    for customer_id in customer_ids:
        async with unit_of_work(tenant_id=ctx.tenant_id) as s:
            await customers.update_customer(
                s, ctx, customer_id, CustomerFields.model_validate({"city": city})
            )


async def _deliveries(endpoint_id: uuid.UUID) -> list[WebhookDelivery]:
    async with owner_unit_of_work() as s:
        rows = await s.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .order_by(WebhookDelivery.event_id)
        )
        return list(rows)


async def _restart(redis: PrivateRedis) -> None:
    await asyncio.to_thread(redis.start)


class TestRedisRestart:
    async def test_every_event_is_delivered_at_least_once_in_order_per_customer(
        self, system_ctx: Context, receiver: Receiver, tmp_path: Path
    ) -> None:
        log = tmp_path / "worker.log"
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            endpoint = await service.create_endpoint(
                s, system_ctx,
                WebhookIn(url=receiver.url, events=["customer.created", "customer.updated"]),
            )  # fmt: skip
        customer_ids = []
        for n in range(CUSTOMERS):
            async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
                made = await customers.create_customer(
                    s, system_ctx,
                    CustomerFields(first_name=f"Ola{n}", email=f"ola{n}-{uuid.uuid4().hex[:6]}@example.pl"),
                )  # fmt: skip
                customer_ids.append(made.id)
        await _update_all(system_ctx, customer_ids, "Łódź")
        # The receiver takes the first requests and holds them: the worker is mid-delivery.
        receiver.gate = asyncio.Event()

        async def in_flight() -> bool:
            return len(receiver.requests) >= 1

        with private_redis() as redis:
            with _worker(redis.url, log) as first:
                await _wait_for(in_flight, 90, "the first delivery")
                redis.kill()
                # Changes committed while Redis is away emit all the same (the outbox is SQL).
                await _update_all(system_ctx, customer_ids, "Kraków")
                await asyncio.sleep(1)
                receiver.gate.set()
                receiver.gate = None

                # arq's worker stops when its Redis goes (its next poll raises), once the job
                # in flight has ended; a supervisor starts another.
                async def stopped() -> bool:
                    return first.poll() is not None

                await _wait_for(stopped, 60, "the worker to stop with its Redis")
            await _restart(redis)
            assert redis.answers()
            with _worker(redis.url, log):
                # Changes after the restart: only the worker on the new, empty Redis sends them.
                await _update_all(system_ctx, customer_ids, "Gdańsk")

                async def all_delivered() -> bool:
                    rows = await _deliveries(endpoint.id)
                    return len(rows) == CUSTOMERS * 4 and all(r.status == "delivered" for r in rows)

                await _wait_for(all_delivered, 120, "every delivery")

        rows = await _deliveries(endpoint.id)
        expected = {r.subject_id: [event_id(x.event_id) for x in rows if x.subject_id == r.subject_id] for r in rows}  # fmt: skip
        assert set(expected) == set(customer_ids)
        received: dict[str, list[str]] = {}
        for request in receiver.requests:
            body = json.loads(request["body"])
            assert request["headers"]["kartoteka-event-id"] == body["id"]
            received.setdefault(body["data"]["id"], []).append(body["id"])
        for customer_id, events in expected.items():
            got = received[str(customer_id)]
            # Every event at least once (a delivery cut off by the restart may come twice), and
            # each first sent only after every earlier event of its customer.
            assert list(dict.fromkeys(got)) == events, (customer_id, got, log.read_text()[-3000:])
            assert len(events) == 4
        assert all(r.delivered_at is not None and r.lease_until is None for r in rows)
