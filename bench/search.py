"""Search figures (issue 4, "Speed"; #17): quick search per kind of term and deep paging
(bench/quick_search.py), the filter language, sorting, bulk tagging
and the CSV export of the whole base with the API processes' memory.

Every case runs sequentially over HTTP against the seeded tenant with varied inputs sampled
from its customers, so no two consecutive requests repeat the same search.
"""

import asyncio
import os
import re
import subprocess
import sys
import time
from typing import Any

import httpx
from sqlalchemy import func, select

from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from app.customers.models import Customer
from app.tenants.models import Tenant
from bench import quick_search
from bench.stats import latencies, row

N = 200
FILTER = (
    'tags = "Stały klient" AND status = active AND (total_spent >= 500 OR NOT email is_empty)'
    " AND created_at in_last 365d AND visits >= 0"
)
BULK_TAG = "bench-bulk"
EXPORT_RSS_GOAL_MB = 300
BULK_DEADLINE_S = 300


async def _bulk_created_within(slug: str, target: int) -> int:
    """The number of days `created_at in_last Nd` needs to match about `target` customers."""
    async with unit_of_work() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
        await tenancy.use_tenant(session, tenant_id)  # row-level security
        first, last, total = (
            await session.execute(
                select(func.min(Customer.created_at), func.max(Customer.created_at), func.count())
                .select_from(Customer)
                .where(Customer.tenant_id == tenant_id)
            )
        ).one()
    await dispose_engine()
    span_days = max((last - first).days, 1)
    return max(1, round(span_days * target / max(total, 1)))


async def _bulk(
    client: httpx.AsyncClient, action: str, selection: dict[str, Any]
) -> tuple[float, int]:
    """Seconds from the request until its job succeeded, and the customers it matched."""
    started = time.perf_counter()
    r = await client.post(
        "/customers/bulk", json={"action": action, "tags": [BULK_TAG], "selection": selection}
    )
    r.raise_for_status()
    body = r.json()
    if body.get("job_id"):
        # A job whose worker gave up stays `running`: don't wait for it forever.
        deadline = started + BULK_DEADLINE_S
        while True:
            job = (await client.get(f"/jobs/{body['job_id']}")).json()
            if job["status"] in ("succeeded", "failed"):
                if job["status"] == "failed":
                    raise RuntimeError(f"bulk job failed: {job}")
                break
            if time.perf_counter() > deadline:
                raise RuntimeError(f"bulk job not finished after {BULK_DEADLINE_S} s: {job}")
            await asyncio.sleep(0.05)
    return time.perf_counter() - started, int(body["matched"])


# Memory is read from /proc (the bench runs on Linux): psutil is in the venv only through the
# `embedded` extra, and /proc also gives VmHWM, the peak RSS of a process's whole life.
def _api_processes(base_url: str) -> list[int]:
    """The uvicorn processes serving `base_url` (bench/server.py): the parent and its workers."""
    port = base_url.rsplit(":", 1)[1]
    parents = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                argv = fh.read().split(b"\0")
        except OSError:
            continue
        if b"uvicorn" in argv and b"--port" in argv and port.encode() in argv:
            parents.append(int(entry))
    pids = set(parents)
    for entry in os.listdir("/proc"):
        if entry.isdigit() and _status(int(entry), "PPid") in parents:
            pids.add(int(entry))
    return sorted(pids)


def _status(pid: int, field: str) -> int | None:
    """A number from /proc/<pid>/status (kB for the Vm* fields)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    match = re.search(r"\d+", line)
                    return int(match.group()) if match else None
    except OSError:
        return None
    return None


def _rss_mb(pids: list[int]) -> dict[int, float]:
    return {pid: (_status(pid, "VmRSS") or 0) / 1024 for pid in pids}


async def _export_csv(
    client: httpx.AsyncClient, base_url: str
) -> tuple[float, int, int, float, float, float]:
    """Stream the CSV of every customer; seconds, rows, bytes, and the API processes' memory:
    the largest RSS before, the largest RSS sampled during, and the largest VmHWM after (MB)."""
    pids = _api_processes(base_url)
    before = max(_rss_mb(pids).values(), default=0.0)
    peak = before
    done = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, *_rss_mb(pids).values(), 0.0)
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    size = lines = 0
    try:
        async with client.stream(
            "POST", "/customers/export", json={"format": "csv"}, timeout=600
        ) as r:
            r.raise_for_status()
            async for chunk in r.aiter_bytes():
                size += len(chunk)
                lines += chunk.count(b"\n")
    finally:
        seconds = time.perf_counter() - started
        done.set()
        await sampler
    hwm = max(((_status(pid, "VmHWM") or 0) / 1024 for pid in pids), default=0.0)
    return seconds, lines - 1, size, before, peak, hwm


async def run(base_url: str, api_key: str, tenant_slug: str) -> list[str]:
    headers = {"Authorization": f"Bearer {api_key}"}
    async with httpx.AsyncClient(
        base_url=f"{base_url}/api/v1", headers=headers, timeout=60
    ) as client:

        def getter(params: Any) -> Any:
            async def call(i: int) -> None:
                r = await client.get("/customers", params=params(i))
                r.raise_for_status()

            return call

        quick_and_paging = await quick_search.run(client, tenant_slug, FILTER)
        filter_r = await latencies(getter(lambda i: {"filter": FILTER}), N, warmup=10)
        sort_r = await latencies(getter(lambda i: {"sort": "-total_spent"}), N, warmup=10)
        filter_sort_r = await latencies(
            getter(lambda i: {"filter": FILTER, "sort": "-total_spent"}), N, warmup=10
        )
        probe = (await client.get("/customers", params={"filter": FILTER})).json()

        bulk_and_export = await run_bulk_and_export(client, base_url, tenant_slug)
    total = probe.get("total")
    estimate = " (estimate)" if probe.get("total_is_estimate") else ""
    return [
        *quick_and_paging,
        "",
        "| search (sequential) | p50 ms | p95 ms | p99 ms | goal |",
        "|---|---|---|---|---|",
        row("5-condition filter, first page with total", filter_r, "p95 ≤ 150 ms"),
        row("sort by total spent (`sort=-total_spent`)", sort_r, "p95 ≤ 150 ms"),
        row("5-condition filter sorted by total spent", filter_sort_r, "—"),
        "",
        f"The filter: `{FILTER}`; it matches {total}{estimate} customers. `total` is exact up to "
        "10,000 matches and the planner's estimate beyond (`total_is_estimate`).",
        "",
        *bulk_and_export,
    ]


async def run_bulk_and_export(
    client: httpx.AsyncClient, base_url: str, tenant_slug: str
) -> list[str]:
    """Bulk `add_tags` to about 100,000 customers (with one arq worker), then the CSV export
    of the whole base while watching the API processes' memory."""
    days = await _bulk_created_within(tenant_slug, 100_000)
    selection = {"filter": f"created_at in_last {days}d"}
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "arq",
        "app.worker.WorkerSettings",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        await asyncio.sleep(3)  # the worker connects to Redis and checks the schema
        bulk_s, matched = await _bulk(client, "add_tags", selection)
        await _bulk(client, "remove_tags", selection)  # leave the base as it was
    finally:
        worker.terminate()
        await worker.wait()
    export_s, rows, size, rss_before, rss_peak, rss_hwm = await _export_csv(client, base_url)
    return [
        f"Bulk `add_tags` to all that match `created_at in_last {days}d` ({matched:,} customers), "
        f"request to finished job with one arq worker: **{bulk_s:.1f} s** (goal ≤ 10 s).",
        "",
        f"CSV export of every customer ({rows:,} rows, {size / 2**20:.0f} MiB, default columns), "
        f"request to last byte: **{export_s:.1f} s** (goal ≤ 20 s for 1,000,000). "
        f"API processes' RSS: {rss_before:.0f} MB before, **{rss_peak:.0f} MB** at most while "
        f"streaming (sampled every 0.1 s), peak ever (VmHWM) {rss_hwm:.0f} MB "
        f"(goal ≤ {EXPORT_RSS_GOAL_MB} MB).",
    ]
