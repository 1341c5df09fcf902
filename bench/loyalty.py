"""Loyalty (issue 15, "Done means"): POST /transactions with earning at the till under 16
concurrent connections, then the nightly expiry and level jobs over the whole seeded tenant.

Each run starts the tenant's ledger afresh (its loyalty rows deleted), so runs compare: a
share of the customers get points lots set-based (one INSERT … SELECT, as an import of
opening balances would), a part of them already past their expiry date, and the jobs are the
functions the arq crons call (`app/loyalty/jobs.py`), under the worker's statement bound.
"""

import asyncio
import os
import time
import uuid
from typing import Any

import asyncpg
import httpx
from sqlalchemy import select, text

from app.core import tenancy
from app.core.config import get_settings
from app.core.db import (
    bound_statements,
    bound_statements_to,
    dispose_engine,
    plain_dsn,
    unit_of_work,
)
from app.loyalty import jobs as loyalty_jobs
from app.loyalty import reconcile
from app.tenants.models import Tenant
from bench import bare_receipts, till_load
from bench import wrk as bench_wrk
from bench.stats import pct

CLIENTS = 16
POSTS = 4000
# The tills' steady pace for the open-model figure: sales a second from the CLIENTS tills.
STEADY_RATE = int(os.environ.get("LOYALTY_STEADY_RATE", "100"))
STEADY_SECONDS = 30
# The share of the tenant's customers that hold points (two lots each).
SHARE = 0.6

PROGRAMME: dict[str, Any] = {
    "enabled": True,
    "rules": {
        "points_per_unit": "1",
        "points_per_visit": 2,
        "expiry_months": 12,
        "point_value": "0.01",
        "multipliers": [{"factor": "2", "location": "SHOP-1", "weekdays": [2]}],
        "level_basis": "points_earned",
        "level_window_days": 365,
        "level_grace_days": 30,
        "levels": [
            {"name": "Silver", "threshold": "200", "multiplier": "1", "discount_percent": "2"},
            {"name": "Gold", "threshold": "600", "multiplier": "1.5", "discount_percent": "5"},
            {"name": "Platinum", "threshold": "900", "multiplier": "2", "discount_percent": "8"},
        ],
    },
}

_WIPE = [
    text(f"DELETE FROM {table} WHERE tenant_id = :t")
    for table in ("loyalty_level_changes", "loyalty_lots", "loyalty_entries", "loyalty_accounts")
]

# Per picked customer: an old lot (200–500 days ago: about half of them are past their
# 12 months, for the expiry job) and a recent one (the last 180 days). Entries, lots and
# accounts agree, so the reconciliation finds nothing before the jobs run.
_SEED = text("""
WITH picked AS (
  SELECT id AS customer_id, random() AS r1, random() AS r2, random() AS r3, random() AS r4
  FROM customers WHERE tenant_id = :t AND random() < :share
), lots AS (
  SELECT customer_id, 50 + floor(r1 * 500)::bigint AS points,
         now() - make_interval(days => 200 + floor(r2 * 300)::int) AS at
  FROM picked
  UNION ALL
  SELECT customer_id, 10 + floor(r3 * 1000)::bigint,
         now() - make_interval(days => floor(r4 * 180)::int)
  FROM picked
), ids AS (
  SELECT *, gen_random_uuid() AS entry_id FROM lots
), entries AS (
  INSERT INTO loyalty_entries (tenant_id, id, customer_id, kind, points, debt_change,
                               reason, actor_label, created_at)
  SELECT :t, entry_id, customer_id, 'earn', points, 0, 'bench', 'bench', at FROM ids
), new_lots AS (
  INSERT INTO loyalty_lots (tenant_id, id, customer_id, entry_id, points, remaining, pending,
                            available_at, expires_at, created_at)
  SELECT :t, gen_random_uuid(), customer_id, entry_id, points, points, false, at,
         at + interval '12 months', at
  FROM ids
)
INSERT INTO loyalty_accounts (tenant_id, customer_id, balance, earned_total, last_accrual_at,
                              updated_at)
SELECT :t, customer_id, sum(points), sum(points), max(at), now() FROM ids GROUP BY customer_id
""")


async def _tenant(slug: str) -> tuple[uuid.UUID, str, list[str]]:
    """The tenant, its currency, and customers spread over the table (for the tills)."""
    async with unit_of_work() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
        assert tenant is not None
        await tenancy.use_tenant(session, tenant.id)  # row-level security
        customers = [
            str(i)
            for i in await session.scalars(
                text("""SELECT id FROM customers TABLESAMPLE SYSTEM (1)
                        WHERE tenant_id = :t LIMIT 2000"""),
                {"t": tenant.id},
            )
        ]
    await dispose_engine()
    return tenant.id, tenant.currency, customers


async def _seed(tenant_id: uuid.UUID) -> tuple[int, float]:
    """A fresh ledger: the tenant's loyalty rows deleted, then lots for SHARE of its customers
    in one statement; returns the accounts made and the seconds it took."""
    started = time.perf_counter()
    async with unit_of_work(tenant_id=tenant_id) as session:
        await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
        for wipe in _WIPE:
            await session.execute(wipe, {"t": tenant_id})
        await session.execute(_SEED, {"t": tenant_id, "share": SHARE})
        made = await session.scalar(
            text("SELECT count(*) FROM loyalty_accounts WHERE tenant_id = :t"), {"t": tenant_id}
        )
    await dispose_engine()
    await _vacuum_loyalty()
    return int(made or 0), time.perf_counter() - started


async def _vacuum_loyalty() -> None:
    """As the owner (VACUUM skips tables a role does not own): fresh statistics and visibility
    maps for the seeded ledger, as autovacuum would have made by the night's jobs."""
    settings = get_settings()
    conn = await asyncpg.connect(plain_dsn(settings.owner_database_url))
    try:
        await conn.execute(f"SET statement_timeout = {settings.maintenance_statement_timeout_ms}")
        await conn.execute(
            "VACUUM (ANALYZE) loyalty_accounts, loyalty_entries, loyalty_lots, "
            "loyalty_level_changes"
        )
    finally:
        await conn.close()


async def _concurrent_posts(client: httpx.AsyncClient, customers: list[str]) -> dict[str, float]:
    """POSTS purchases from CLIENTS concurrent tills, each earning points."""
    samples: list[float] = []
    queue = iter(range(POSTS))

    async def till() -> None:
        for i in queue:
            body = {
                "customer": {"id": customers[i % len(customers)]},
                "amount": "12.34",
                "location": "SHOP-1",
                "external_ref": f"bench-loyalty-{uuid.uuid4().hex}",
                "items_count": 2,
            }
            t = time.perf_counter()
            r = await client.post("/transactions", json=body)
            samples.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
            if r.json()["loyalty"] is None:
                raise RuntimeError("POST /transactions earned nothing: is the programme on?")

    started = time.perf_counter()
    await asyncio.gather(*(till() for _ in range(CLIENTS)))
    wall = time.perf_counter() - started
    return {
        "rps": len(samples) / wall,
        "p50": pct(samples, 50),
        "p95": pct(samples, 95),
        "p99": pct(samples, 99),
    }


def _wrk_posts(base_url: str, api_key: str, customers: list[str]) -> dict[str, float]:
    """The same purchases from wrk's CLIENTS connections for 20 s (a C load generator)."""
    body = (
        '{"customer": {"id": "{pick}"}, "amount": "12.34", "location": "SHOP-1",'
        ' "external_ref": "bench-loyalty-{n}", "items_count": 2}'
    )
    result = bench_wrk.run(
        base_url, api_key, post_path="/api/v1/transactions", body_template=body,
        picks=customers, connections=CLIENTS, seconds=20,
    )  # fmt: skip
    if result.errors:
        raise RuntimeError(f"{result.errors} POST /transactions failed under wrk")
    return {"rps": result.rps, "p50": result.p50, "p95": result.p95, "p99": result.p99}


async def _timed_cron(job: Any, tenant_id: uuid.UUID) -> tuple[float, int]:
    """Run a loyalty cron's function as the worker would (its statement bound, every tenant
    with a programme); the seconds and what it did for the bench tenant."""
    await dispose_engine()
    bound_statements(get_settings().worker_statement_timeout_ms)
    started = time.perf_counter()
    done = await job({})
    elapsed = time.perf_counter() - started
    await dispose_engine()
    if str(tenant_id) not in done:  # the cron logs a tenant's failure and goes on
        raise RuntimeError(f"{job.__name__} failed for the bench tenant (see the log)")
    return elapsed, done[str(tenant_id)]


async def _drift(tenant_id: uuid.UUID) -> tuple[int, int]:
    async with unit_of_work(tenant_id=tenant_id) as session:
        await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
        found = await reconcile.check(session, tenant_id)
    await dispose_engine()
    return found.accounts_checked, len(found.drifted)


def _steady_lines(steady: dict[str, Any]) -> list[str]:
    t = steady["total"]
    return [
        f"The same sales at a steady {STEADY_RATE}/s from {CLIENTS} tills (k6 at a constant "
        f"arrival rate, an open model, {STEADY_SECONDS} s): p50 {t['p(50)']:.1f} ms, "
        f"p95 {t['p(95)']:.1f} ms, p99 {t['p(99)']:.1f} ms, {int(t['failed'])} errors, "
        f"{steady['dropped']:,.0f} sales k6 could not start on time.",
        "",
    ]


async def _switch_programme(base_url: str, api_key: str, enabled: bool) -> None:
    async with httpx.AsyncClient(
        base_url=f"{base_url}/api/v1", headers={"Authorization": f"Bearer {api_key}"}
    ) as client:
        r = await client.put("/loyalty/programme", json={**PROGRAMME, "enabled": enabled})
        r.raise_for_status()


async def run(base_url: str, api_key: str, tenant_slug: str) -> list[str]:
    tenant_id, currency, customers = await _tenant(tenant_slug)
    await _switch_programme(base_url, api_key, enabled=True)
    try:
        return await _measure(base_url, api_key, tenant_slug, tenant_id, currency, customers)
    finally:
        # Off again: the other suites' purchases are measured without earning, as before.
        await _switch_programme(base_url, api_key, enabled=False)


async def _measure(
    base_url: str, api_key: str, tenant_slug: str, tenant_id: uuid.UUID, currency: str,
    customers: list[str],
) -> list[str]:  # fmt: skip
    headers = {"Authorization": f"Bearer {api_key}"}
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(
        base_url=f"{base_url}/api/v1", headers=headers, timeout=60, limits=limits
    ) as client:
        accounts, seed_s = await _seed(tenant_id)
        if bench_wrk.available():
            posts = _wrk_posts(base_url, api_key, customers)
            load = f"wrk, {CLIENTS} connections, 20 s"
        else:
            posts = await _concurrent_posts(client, customers)
            load = f"{CLIENTS} httpx clients, {POSTS:,} purchases"
        # The same sales at a fixed arrival rate (k6, an open model): the latency a till sees
        # at a given pace, not the queue of tills that post again the moment they are answered.
        data = await till_load.till_data(tenant_slug, api_key)
        steady = till_load.k6(base_url, data, "sale", STEADY_RATE, STEADY_SECONDS, CLIENTS)
        liability_ms = time.perf_counter()
        (await client.get("/loyalty/liability")).raise_for_status()
        liability_ms = (time.perf_counter() - liability_ms) * 1000
    bare = await bare_receipts.statement_rate(tenant_id, currency, customers, CLIENTS)
    expiry_s, expired = await _timed_cron(loyalty_jobs.settle_loyalty_lots, tenant_id)
    levels_s, changed = await _timed_cron(loyalty_jobs.recompute_loyalty_levels, tenant_id)
    checked, drifted = await _drift(tenant_id)
    return [
        f"Seeded {accounts:,} accounts ({SHARE:.0%} of the tenant's customers, two lots each) "
        f"in one INSERT … SELECT: {seed_s:.1f} s.",
        "",
        f"POST /transactions earning points, {CLIENTS} concurrent tills ({load}): "
        f"**{posts['rps']:.0f}/s**, p50 {posts['p50']:.1f} ms, p95 {posts['p95']:.1f} ms, "
        f"p99 {posts['p99']:.1f} ms (goal p95 ≤ 30 ms; the sale and its earning in one "
        "database transaction on the plain pool, five round trips). "
        f"Anchor, the till's bare statement (no loyalty) straight from asyncpg on {CLIENTS} "
        f"connections for {bare_receipts.SECONDS} s: {bare['rps']:.0f}/s, "
        f"p50 {bare['p50']:.1f} ms, p95 {bare['p95']:.1f} ms.",
        "",
        *_steady_lines(steady),
        "| job (whole tenant, as the arq cron runs it) | seconds | did | goal |",
        "|---|---|---|---|",
        f"| nightly expiry (`settle_loyalty_lots`) | {expiry_s:.1f} | "
        f"{expired:,} points expired | ≤ 60 s |",
        f"| level recompute (`recompute_loyalty_levels`) | {levels_s:.1f} | "
        f"{changed:,} levels changed | ≤ 60 s |",
        "",
        f"GET /loyalty/liability once: {liability_ms:.0f} ms. Reconciliation after the jobs: "
        f"{checked:,} accounts, {drifted} drifted.",
    ]


async def _main(customers: int) -> None:
    from bench.server import running_api
    from bench.setup import ensure_bench_tenant

    slug, api_key = await ensure_bench_tenant(customers)
    with running_api() as base_url:
        print("\n".join(await run(base_url, api_key, slug)))


if __name__ == "__main__":
    # A cheap local run on a small base, printed and not recorded in docs/benchmarks.md:
    #   DATABASE_URL=… REDIS_URL=… python -m bench.loyalty --customers 100000 --posts 2000
    # (`make bench --suite loyalty` is the recorded run on the million).
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=POSTS)
    args = parser.parse_args()
    POSTS = args.posts
    asyncio.run(_main(args.customers))
