"""Webhooks (issue 16): delivery throughput to a receiver on loopback, and the outbox's cost on
`POST /customers`.

Throughput: EVENTS events written set-based by the outbox's own `emit_many` for the bench
tenant's customers, fanned out to one endpoint subscribed through the API, then delivered to a
minimal HTTP server (a subprocess answering 200 at once) by the function the arq cron runs
(`dispatch_all`), in a loop until none is pending. The outbox's cost: `POST /customers`,
sequential as in the api suite, with no endpoint subscribed and with one subscribed to
`customer.created`, in alternating rounds so both meet the machine in the same state."""

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import Text, cast, delete, func, select, true

from app.core.context import SYSTEM, Context
from app.core.db import dispose_engine, unit_of_work
from app.customers.models import Customer
from app.events import outbox
from app.events.models import Event, WebhookDelivery
from app.tenants import service as tenants_service
from app.tenants.models import Tenant
from app.webhooks import dispatcher, sending
from app.webhooks import service as webhooks_service
from app.webhooks.schemas import WebhookIn
from app.webhooks.sending import make_client
from bench.stats import pct

EVENTS = 20_000
ROUNDS = 5
POSTS_PER_ROUND = 200
WARMUP = 50
# Every event delivered well within this, or the figure is reported as incomplete.
DEADLINE_SECONDS = 600

# Reads a request (headers, then Content-Length bytes), answers 200 at once; keep-alive.
RECEIVER = """
import asyncio, sys

async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\\r\\n\\r\\n")
            length = 0
            for line in head.split(b"\\r\\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            writer.write(b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()

async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", int(sys.argv[1]), backlog=1024)
    async with server:
        await server.serve_forever()

asyncio.run(main())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _receiver() -> Iterator[str]:
    """The receiver in a process of its own (on another core than the dispatcher's)."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", RECEIVER, str(port)])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("the bench receiver did not start")
        yield f"http://127.0.0.1:{port}/hooks"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def _subscribe(client: httpx.AsyncClient, url: str, events: list[str]) -> str:
    r = await client.post("/webhooks", json={"url": url, "events": events, "description": "bench"})
    r.raise_for_status()
    return str(r.json()["id"])


async def _unsubscribe(client: httpx.AsyncClient, webhook_id: str) -> None:
    """The endpoint goes with its deliveries (the foreign key cascades)."""
    (await client.delete(f"/webhooks/{webhook_id}")).raise_for_status()


async def _emit(tenant_id: uuid.UUID, n: int) -> tuple[int, int]:
    """`n` customer.updated events through the outbox, one statement; the ids written."""
    async with unit_of_work(tenant_id=tenant_id) as session:
        have = await session.scalar(
            select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant_id)
        )
        per_round = min(n, have or 0)
        if not per_round:
            raise RuntimeError("the bench tenant has no customers")
        ids = (
            select(Customer.id)
            .where(Customer.tenant_id == tenant_id)
            .order_by(Customer.id)
            .limit(per_round)
            .subquery()
        )
        # On a base smaller than n, each customer gets several events, round after round.
        rounds = (
            func.generate_series(1, -(-n // per_round)).table_valued("n").render_derived("rounds")
        )
        rows = (
            select(
                ids.c.id.label("subject_id"),
                func.jsonb_build_object(
                    "id",
                    cast(ids.c.id, Text),
                    "changed",
                    func.jsonb_build_object("city", "Bench"),
                ).label("data"),
            )
            .select_from(rounds)
            .join(ids, true())
            .order_by(rounds.c.n, ids.c.id)
            .limit(n)
        )
        before = await session.scalar(select(func.coalesce(func.max(Event.id), 0)))
        await outbox.emit_many(session, tenant_id, "customer.updated", rows)
        after = await session.scalar(select(func.max(Event.id)))
    return int(before or 0), int(after or 0)


async def _pending(tenant_id: uuid.UUID, webhook_id: str) -> dict[str, int]:
    async with unit_of_work(tenant_id=tenant_id) as session:
        rows = await session.execute(
            select(WebhookDelivery.status, func.count())
            .where(
                WebhookDelivery.tenant_id == tenant_id,
                WebhookDelivery.endpoint_id == uuid.UUID(webhook_id),
            )
            .group_by(WebhookDelivery.status)
        )
        return {status: int(count) for status, count in rows.all()}


async def _deliver_all(tenant_id: uuid.UUID, webhook_id: str) -> tuple[int, float, int]:
    """Run the cron's `dispatch_all` until nothing is left: (queued, seconds, delivered)."""
    queued = sum((await _pending(tenant_id, webhook_id)).values())
    started = time.perf_counter()
    async with make_client() as client:
        while time.perf_counter() - started < DEADLINE_SECONDS:
            done = await dispatcher.dispatch_all(client)
            if not done["delivered"] and not done["failed"]:
                break
    elapsed = time.perf_counter() - started
    counts = await _pending(tenant_id, webhook_id)
    return queued, elapsed, counts.get("delivered", 0)


async def _throughput(api: httpx.AsyncClient, tenant_id: uuid.UUID) -> dict[str, float]:
    with _receiver() as url:
        webhook_id = await _subscribe(api, url, ["customer.updated"])
        try:
            first, last = await _emit(tenant_id, EVENTS)
            queued, elapsed, delivered = await _deliver_all(tenant_id, webhook_id)
        finally:
            await _unsubscribe(api, webhook_id)
    # The bench's events leave the feed too, as they came.
    async with unit_of_work(tenant_id=tenant_id) as session:
        await session.execute(
            delete(Event).where(Event.tenant_id == tenant_id, Event.id.between(first + 1, last))
        )
    await dispose_engine()
    return {
        "queued": queued,
        "delivered": delivered,
        "seconds": elapsed,
        "rate": delivered / elapsed,
    }


async def _post_costs(api: httpx.AsyncClient, url: str) -> dict[str, dict[str, float]]:
    """Sequential POST /customers, without and with a subscribed endpoint, rounds alternating."""

    async def create() -> float:
        body = {"first_name": "Bench", "email": f"bench-{uuid.uuid4().hex}@example.pl"}
        t = time.perf_counter()
        r = await api.post("/customers", json=body)
        elapsed = (time.perf_counter() - t) * 1000
        r.raise_for_status()
        return elapsed

    for _ in range(WARMUP):
        await create()
    samples: dict[str, list[float]] = {"none": [], "subscribed": []}
    for _ in range(ROUNDS):
        samples["none"] += [await create() for _ in range(POSTS_PER_ROUND)]
        webhook_id = await _subscribe(api, url, ["customer.created"])
        try:
            samples["subscribed"] += [await create() for _ in range(POSTS_PER_ROUND)]
        finally:
            await _unsubscribe(api, webhook_id)
    return {
        k: {"p50": pct(v, 50), "p95": pct(v, 95), "p99": pct(v, 99)} for k, v in samples.items()
    }


async def _tenant_id(slug: str) -> uuid.UUID:
    async with unit_of_work() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
    assert tenant_id is not None
    return tenant_id


async def run(base_url: str, api_key: str, slug: str) -> list[str]:
    tenant_id = await _tenant_id(slug)
    headers = {"Authorization": f"Bearer {api_key}"}
    async with httpx.AsyncClient(base_url=f"{base_url}/api/v1", headers=headers, timeout=60) as api:
        flow = await _throughput(api, tenant_id)
        # No one delivers during the POSTs: the cost measured is the outbox's writes alone.
        costs = await _post_costs(api, "http://127.0.0.1:9/hooks")
    none, sub = costs["none"], costs["subscribed"]
    complete = flow["delivered"] == flow["queued"]
    posts = ROUNDS * POSTS_PER_ROUND
    return [
        f"Delivery: **{flow['rate']:.0f} events/s** ({flow['delivered']:,.0f} of "
        f"{flow['queued']:,.0f} customer.updated events in {flow['seconds']:.1f} s"
        f"{'' if complete else ', NOT all delivered'}) to a receiver on loopback answering 200, "
        f"by the cron's `dispatch_all` in one process (batches of {dispatcher.BATCH}, "
        f"{sending.CONCURRENCY} concurrent sends over {sending.LANES} connection pools, "
        f"{dispatcher.PIPELINES} claim-send-record loops); goal ≥ 500/s: "
        f"{'met' if complete and flow['rate'] >= 500 else 'NOT met'}.",
        "",
        f"| POST /customers, sequential ({posts:,} each, {ROUNDS} alternating rounds) "
        "| p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|",
        f"| no endpoint subscribed | {none['p50']:.1f} | {none['p95']:.1f} | {none['p99']:.1f} |",
        f"| one endpoint subscribed to customer.created | {sub['p50']:.1f} | {sub['p95']:.1f} "
        f"| {sub['p99']:.1f} |",
        "",
        f"The outbox's delivery row costs **{sub['p95'] - none['p95']:+.1f} ms** at p95 "
        f"(goal within +2 ms: {'met' if sub['p95'] - none['p95'] <= 2 else 'NOT met'}).",
    ]


async def _small_throughput(events: int, customers: int) -> None:
    """Delivery throughput alone, on a new tenant of the database DATABASE_URL names (migrated;
    KARTOTEKA_WEBHOOKS_ALLOW_PRIVATE=true for the loopback receiver): no API server, no seeded
    base. The tenant is left behind: use a throwaway database."""
    slug = f"wh-bench-{uuid.uuid4().hex[:8]}"
    async with unit_of_work() as session:
        tenant = tenants_service.info(await tenants_service.create_tenant(session, slug))
    async with unit_of_work(tenant_id=tenant.id) as session:
        session.add_all(Customer(tenant_id=tenant.id, first_name=f"C{i}") for i in range(customers))
    with _receiver() as url:
        async with unit_of_work(tenant_id=tenant.id) as session:
            endpoint = await webhooks_service.create_endpoint(
                session,
                Context(tenant=tenant, principal=SYSTEM),
                WebhookIn(url=url, events=["customer.updated"]),
            )
            webhook_id = str(endpoint.id)
        await _emit(tenant.id, events)
        cpu = time.process_time()
        queued, elapsed, delivered = await _deliver_all(tenant.id, webhook_id)
        cpu = time.process_time() - cpu
    await dispose_engine()
    print(
        f"{delivered:,} of {queued:,} delivered in {elapsed:.1f} s: {delivered / elapsed:.0f} "
        f"events/s, {cpu / max(delivered, 1) * 1000:.2f} ms of the dispatcher's CPU an event "
        f"(batches of {dispatcher.BATCH}, {sending.CONCURRENCY} concurrent sends over "
        f"{sending.LANES} connection pools, "
        f"{dispatcher.PIPELINES} claim-send-record loops)"
    )


if __name__ == "__main__":
    import argparse
    import asyncio

    parser = argparse.ArgumentParser(description=_small_throughput.__doc__)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--customers", type=int, default=5_000)
    args = parser.parse_args()
    asyncio.run(_small_throughput(args.events, args.customers))
