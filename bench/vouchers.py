"""Vouchers, transactions and statistics: till writes under concurrency, the profile page, the
dashboard, and the RFM and reconciliation jobs on the seeded tenant (issue 6, "Speed")."""

import asyncio
import time
import uuid
from typing import Any

import httpx
from sqlalchemy import select, text

from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from app.stats import jobs as stats_jobs
from app.tenants.models import Tenant
from bench import bare_receipts
from bench import wrk as bench_wrk
from bench.stats import latencies, pct, row

CLIENTS = 16
POSTS = 4000
N = 500


async def _sample(slug: str) -> tuple[uuid.UUID, list[str], list[str]]:
    """The tenant, customers spread over the table, and active amount vouchers to redeem."""
    async with unit_of_work() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
        assert tenant_id is not None
        await tenancy.use_tenant(session, tenant_id)  # row-level security
        customers = [
            str(i)
            for i in await session.scalars(
                text("""SELECT id FROM customers TABLESAMPLE SYSTEM (1)
                        WHERE tenant_id = :t LIMIT 2000"""),
                {"t": tenant_id},
            )
        ]
        codes = list(
            await session.scalars(
                text("""SELECT code FROM vouchers TABLESAMPLE SYSTEM (1)
                        WHERE tenant_id = :t AND status = 'active' AND kind = 'amount'
                          AND balance >= 1 AND (valid_until IS NULL OR valid_until > now())
                        LIMIT :n"""),
                {"t": tenant_id, "n": N + 100},
            )
        )
    await dispose_engine()
    return tenant_id, customers, codes


async def _concurrent_posts(client: httpx.AsyncClient, customers: list[str]) -> dict[str, float]:
    """POSTS purchases from CLIENTS concurrent tills: sustained throughput and latency."""
    samples: list[float] = []
    queue = iter(range(POSTS))

    async def till() -> None:
        for i in queue:
            body = {
                "customer": {"id": customers[i % len(customers)]},
                "amount": "12.34",
                "location": "SHOP-1",
                "external_ref": f"bench-{uuid.uuid4().hex}",
                "items_count": 2,
            }
            t = time.perf_counter()
            r = await client.post("/transactions", json=body)
            samples.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(till() for _ in range(CLIENTS)))
    wall = time.perf_counter() - started
    return {"rps": len(samples) / wall, "p50": pct(samples, 50), "p95": pct(samples, 95)}


def _wrk_posts(base_url: str, api_key: str, customers: list[str]) -> dict[str, float]:
    """The same purchases from wrk's CLIENTS connections for 20 s (a C load generator)."""
    body = (
        '{"customer": {"id": "{pick}"}, "amount": "12.34", "location": "SHOP-1",'
        ' "external_ref": "bench-{n}", "items_count": 2}'
    )
    result = bench_wrk.run(
        base_url, api_key, post_path="/api/v1/transactions", body_template=body,
        picks=customers, connections=CLIENTS, seconds=20,
    )  # fmt: skip
    if result.errors:
        raise RuntimeError(f"{result.errors} POST /transactions failed under wrk")
    return {"rps": result.rps, "p50": result.p50, "p95": result.p95}


async def _timed(job: Any, tenant_id: uuid.UUID) -> float:
    started = time.perf_counter()
    await job({}, tenant_id=str(tenant_id))
    elapsed = time.perf_counter() - started
    await dispose_engine()
    return elapsed


async def run(base_url: str, api_key: str, tenant_slug: str) -> list[str]:
    tenant_id, customers, codes = await _sample(tenant_slug)
    headers = {"Authorization": f"Bearer {api_key}"}
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(
        base_url=f"{base_url}/api/v1", headers=headers, timeout=60, limits=limits
    ) as client:
        if bench_wrk.available():
            posts = _wrk_posts(base_url, api_key, customers)
            load = f"wrk, {CLIENTS} connections, 20 s"
        else:
            posts = await _concurrent_posts(client, customers)
            load = f"{CLIENTS} httpx clients, {POSTS:,} purchases"

        async def redeem(i: int) -> None:
            r = await client.post(
                f"/vouchers/{codes[i % len(codes)]}/redeem",
                json={"amount": "0.01", "location": "SHOP-2"},
                headers={"Idempotency-Key": uuid.uuid4().hex},
            )
            r.raise_for_status()

        async def summary(i: int) -> None:
            r = await client.get(f"/customers/{customers[i % len(customers)]}/summary")
            r.raise_for_status()

        async def overview(i: int) -> None:
            r = await client.get(
                "/stats/overview", params={"preset": "last_30_days", "granularity": "day"}
            )
            r.raise_for_status()

        redeem_r = await latencies(redeem, N, warmup=20)
        summary_r = await latencies(summary, N)
        overview_r = await latencies(overview, 100, warmup=5)
    async with unit_of_work() as session:
        currency = await session.scalar(select(Tenant.currency).where(Tenant.id == tenant_id))
    await dispose_engine()
    bare = await bare_receipts.statement_rate(tenant_id, str(currency), customers, CLIENTS)
    rfm_s = await _timed(stats_jobs.recompute_rfm, tenant_id)
    reconcile_s = await _timed(stats_jobs.reconcile_aggregates, tenant_id)
    return [
        "| operation (seeded tenant, sequential unless noted) | p50 ms | p95 ms | p99 ms | goal |",
        "|---|---|---|---|---|",
        row("POST /vouchers/{code}/redeem", redeem_r, "p95 ≤ 30 ms"),
        row("GET /customers/{id}/summary", summary_r, "p95 ≤ 30 ms"),
        row("GET /stats/overview last_30_days by day", overview_r, "p95 ≤ 200 ms"),
        "",
        f"POST /transactions, {CLIENTS} concurrent tills ({load}): "
        f"**{posts['rps']:.0f}/s**, p50 {posts['p50']:.1f} ms, p95 {posts['p95']:.1f} ms "
        "(goal ≥ 1,000/s, p95 ≤ 30 ms; one statement a request on the plain pool). "
        f"Anchor, the same statement straight from asyncpg on {CLIENTS} connections for "
        f"{bare_receipts.SECONDS} s: {bare['rps']:.0f}/s, p50 {bare['p50']:.1f} ms, "
        f"p95 {bare['p95']:.1f} ms.",
        "",
        "| job (whole tenant) | seconds | goal |",
        "|---|---|---|",
        f"| RFM recompute | {rfm_s:.1f} | ≤ 60 s |",
        f"| aggregate reconciliation | {reconcile_s:.1f} | ≤ 120 s |",
    ]
