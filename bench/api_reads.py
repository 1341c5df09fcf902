"""Foundation figures: single-record reads and writes over HTTP, and throughput."""

import random
import uuid

import httpx
from sqlalchemy import func, select

from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from app.customers.models import Customer
from app.tenants.models import Tenant
from bench import wrk as bench_wrk
from bench.server import running_api
from bench.stats import latencies, row

N = 1000


async def _tenant_id(slug: str) -> str:
    async with unit_of_work() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
    await dispose_engine()
    return str(tenant_id)


def _bare_anchor(slug_tenant_id: str, paths: list[str]) -> bench_wrk.WrkResult:
    """The same lookup on a bare FastAPI + asyncpg app (bench/bare_api.py), same processes."""
    with running_api(app="bench.bare_api:app", env={"BARE_TENANT_ID": slug_tenant_id}) as bare:
        bench_wrk.run(bare, "unused", paths=paths, connections=32, seconds=3)  # warm the pools
        return bench_wrk.run(bare, "unused", paths=paths, connections=32, seconds=15)


async def _sample(slug: str, n: int) -> list[tuple[str, str]]:
    async with unit_of_work() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
        await tenancy.use_tenant(session, tenant_id)  # row-level security
        count = await session.scalar(
            select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant_id)
        )
        rows = await session.execute(
            select(Customer.id, Customer.phone)
            .where(Customer.tenant_id == tenant_id, Customer.phone.is_not(None))
            .order_by(Customer.id)
            .limit(n)
            .offset(random.randint(0, max(0, min(500_000, (count or 0) - n))))
        )
        out = [(str(i), p) for i, p in rows.all()]
    await dispose_engine()
    return out


async def run(
    base_url: str, api_key: str, slug: str, wrk: bool, customers: int = 1_000_000
) -> list[str]:
    sample = await _sample(slug, N + 100)
    headers = {"Authorization": f"Bearer {api_key}"}
    async with httpx.AsyncClient(
        base_url=f"{base_url}/api/v1", headers=headers, timeout=30
    ) as client:

        async def get_one(i: int) -> None:
            r = await client.get(f"/customers/{sample[i % len(sample)][0]}")
            r.raise_for_status()

        async def lookup(i: int) -> None:
            phone = sample[i % len(sample)][1]
            local = f"{phone[3:6]} {phone[6:9]} {phone[9:]}"  # "600 123 456": a local spelling
            r = await client.get("/customers/lookup", params={"phone": local})
            r.raise_for_status()

        async def create(i: int) -> None:
            r = await client.post(
                "/customers",
                json={"first_name": "Bench", "email": f"bench-{uuid.uuid4().hex}@example.pl"},
            )
            r.raise_for_status()

        get_r = await latencies(get_one, N)
        lookup_r = await latencies(lookup, N)
        create_r = await latencies(create, N)
    lines = [
        f"| operation ({customers:,} customers, sequential) | p50 ms | p95 ms | p99 ms | goal |",
        "|---|---|---|---|---|",
        row("GET /customers/{id}", get_r, "p95 ≤ 3 ms"),
        row("GET /customers/lookup?phone= (local spelling)", lookup_r, "p95 ≤ 15 ms"),
        row("POST /customers", create_r, "—"),
    ]
    if wrk:
        paths = [f"/api/v1/customers/{i}" for i, _ in sample[:1000]]
        # The anchor right before ours, so both meet the machine in the same state.
        bare = _bare_anchor(await _tenant_id(slug), paths)
        bench_wrk.run(base_url, api_key, paths=paths, connections=32, seconds=3)
        ours = bench_wrk.run(base_url, api_key, paths=paths, connections=32, seconds=15)
        share = ours.rps / bare.rps
        lines += [
            "",
            "| GET /customers/{id}, 32 connections (wrk, 15 s) | req/s | p50 ms | p95 ms | p99 ms |",
            "|---|---|---|---|---|",
            bare.row("anchor: bare FastAPI + asyncpg, same statement and processes"),
            ours.row("Kartoteka (auth, tenant, middleware, response model)"),
            "",
            f"Kartoteka serves **{share:.0%}** of the bare app's requests/s (goal ≥ 75 %, and "
            f"≥ 1,500 req/s: {'met' if share >= 0.75 and ours.rps >= 1500 else 'NOT met'}).",
        ]
    return lines
