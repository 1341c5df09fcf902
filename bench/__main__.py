"""`make bench`: seed a million customers once, then measure the figures each issue names.

Scripts, not tests: numbers depend on the machine, so they are printed and recorded in
docs/benchmarks.md, never asserted.
"""

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text

from app.core.db import dispose_engine, unit_of_work
from app.embedded.settings import PROFILE_VARIABLE
from bench import api_reads, search, vouchers
from bench import wrk as bench_wrk
from bench.server import running_api
from bench.setup import USER_EMAIL, USER_PASSWORD, ensure_bench_tenant

RESULTS = Path("docs/benchmarks.md")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}"


# The server settings that decide these figures, printed and recorded beside them.
SHOWN_SETTINGS = (
    "fsync",
    "full_page_writes",
    "synchronous_commit",
    "shared_buffers",
    "effective_cache_size",
    "work_mem",
    "maintenance_work_mem",
    "max_wal_size",
    "wal_compression",
    "random_page_cost",
    "autovacuum",
    # the app's role may not read shared_preload_libraries; unset without the library
    "pg_prewarm.autoprewarm",
)


async def database() -> str:
    """The server, whether `make bench` embedded it, and the settings that matter."""
    async with unit_of_work() as session:
        version = await session.scalar(text("SHOW server_version"))
        shown = [
            f"{name}={await session.scalar(select(func.current_setting(name, True))) or 'unset'}"
            for name in SHOWN_SETTINGS
        ]
        citus = await session.scalar(
            text("SELECT extversion FROM pg_extension WHERE extname = 'citus'")
        )
    await dispose_engine()
    profile = os.environ.get(PROFILE_VARIABLE)
    origin = f"embedded ({profile} profile)" if profile else "DATABASE_URL (not embedded)"
    if citus:
        origin += f", Citus {citus} coordinator (each node with these settings)"
    return f"PostgreSQL {str(version).split()[0]}, {origin}; {', '.join(shown)}"


# How long a suite waits for autovacuum to finish what the suite before it left (a bulk job's
# or a revert's dead rows): figures taken beside a vacuum of a million rows measure the vacuum.
SETTLE_S = 180


async def settle() -> str:
    """Wait (at most SETTLE_S) until no autovacuum worker runs; how long that took."""
    started = time.perf_counter()
    busy = 0
    while time.perf_counter() - started < SETTLE_S:
        async with unit_of_work() as session:
            busy = await session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
                )
            )
        if not busy:
            break
        await asyncio.sleep(1)
    await dispose_engine()
    waited = time.perf_counter() - started
    state = "still running" if busy else "idle"
    return f"autovacuum {state} after a wait of {waited:.0f} s"


def load_average() -> str:
    """The machine's 1-minute load average: figures taken beside other work are not idle ones."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def record(section: str, lines: list[str], db: str, load: str) -> None:
    """Replace this section of docs/benchmarks.md with fresh figures."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = [
        f"## {section}",
        "",
        f"Measured {stamp} on {machine()}, {db}; {load} when the section began.",
        "",
        *lines,
        "",
    ]
    text = (
        RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n\nWritten by `make bench`.\n\n"
    )
    head, sep, rest = text.partition(f"## {section}\n")
    if sep:
        tail = rest.split("\n## ", 1)
        text = head + "\n".join(block) + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        text = text.rstrip() + "\n\n" + "\n".join(block)
    RESULTS.write_text(text)


# Each suite: its section in docs/benchmarks.md and how to run it on the running API.
SUITES: dict[str, str] = {
    "api": "Foundation: single-record API",
    "search": "Search: quick search, filters, bulk",
    "vouchers": "Vouchers, transactions and statistics",
    "loyalty": "Loyalty: earning at the till, nightly expiry and levels",
    "spa": "Web app: quick search as the user sees it",
    "webhooks": "Webhooks: delivery throughput and the outbox's cost",
    # Long (a 10-minute run, a million-row import beside a neighbour, a 30-minute soak).
    "load": "Holding load: the till at a constant rate",
    # An empty tenant of its own; the peer in a virtualenv of its own (bench/peer/).
    "peer": "Imports: against the peer (django-import-export)",
    # Last: it adds and reverts a million customers, leaving dead rows for autovacuum.
    "imports": "Imports: a million rows",
    # Only on a Citus cluster (`make bench-citus`), never by default.
    "citus": "Citus: three nodes on one machine",
}
DEFAULT_SUITES = [name for name in SUITES if name != "citus"]


async def run_suite(
    name: str, base_url: str, api_key: str, tenant: str, customers: int
) -> list[str]:
    if name == "api":
        return await api_reads.run(
            base_url, api_key, tenant, wrk=bench_wrk.available(), customers=customers
        )
    if name == "citus":
        from bench import citus

        return await citus.run(base_url, api_key, tenant, customers)
    if name == "search":
        return await search.run(base_url, api_key, tenant)
    if name == "vouchers":
        return await vouchers.run(base_url, api_key, tenant)
    if name == "loyalty":
        from bench import loyalty

        return await loyalty.run(base_url, api_key, tenant)
    if name == "webhooks":
        from bench import webhooks

        return await webhooks.run(base_url, api_key, tenant)
    if name == "load":
        from bench import till_load

        return await till_load.run(base_url, api_key, tenant)
    if name == "peer":
        from bench import peer_import

        return await peer_import.run(base_url, api_key, tenant)
    if name == "imports":
        from bench import imports

        return await imports.run(base_url, api_key, tenant)
    from bench import spa_search

    return await spa_search.run(base_url, tenant, USER_EMAIL, USER_PASSWORD)


async def main(customers: int, suites: list[str]) -> None:
    tenant, api_key = await ensure_bench_tenant(customers)
    db = await database()
    print(f"server: {db}", flush=True)
    with running_api() as base_url:
        for name in suites:
            vacuum = await settle()
            started = time.perf_counter()
            load = f"{load_average()}, {vacuum}"
            lines = await run_suite(name, base_url, api_key, tenant, customers)
            record(SUITES[name], lines, db, load)
            print("\n".join(lines), f"\n({name}: {time.perf_counter() - started:.0f} s)\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument(
        "--suite",
        action="append",
        choices=sorted(SUITES),
        help="run only these (default: all but citus)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    from alembic import command

    from app.cli import alembic_config

    command.upgrade(alembic_config(), "heads")
    asyncio.run(main(args.customers, args.suite or DEFAULT_SUITES))
    print(f"bench done in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    subprocess.run(["git", "--no-pager", "diff", "--stat", str(RESULTS)], check=False)
