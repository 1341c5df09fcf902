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

from bench import api_reads, search, vouchers
from bench import wrk as bench_wrk
from bench.server import running_api
from bench.setup import ensure_bench_tenant

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


def record(section: str, lines: list[str]) -> None:
    """Replace this section of docs/benchmarks.md with fresh figures."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = [f"## {section}", "", f"Measured {stamp} on {machine()}.", "", *lines, ""]
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


async def main(customers: int, suites: list[str]) -> None:
    tenant, api_key = await ensure_bench_tenant(customers)
    with running_api() as base_url:
        if "api" in suites:
            lines = await api_reads.run(base_url, api_key, tenant, wrk=bench_wrk.available())
            record("Foundation: single-record API", lines)
            print("\n".join(lines))
        if "vouchers" in suites:
            lines = await vouchers.run(base_url, api_key, tenant)
            record("Vouchers, transactions and statistics", lines)
            print("\n".join(lines))
        if "search" in suites:
            lines = await search.run(base_url, api_key, tenant)
            record("Search: quick search, filters, bulk", lines)
            print("\n".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--suite", action="append", default=None, help="api, search (default: api)")
    args = parser.parse_args()
    started = time.perf_counter()
    from alembic import command

    from app.cli import alembic_config

    command.upgrade(alembic_config(), "heads")
    asyncio.run(main(args.customers, args.suite or ["api"]))
    print(f"bench done in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    subprocess.run(["git", "--no-pager", "diff", "--stat", str(RESULTS)], check=False)
