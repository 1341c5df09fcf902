"""SPA quick-search figure (issue 7): keystroke → first page of the new rows rendered, in Chromium.

Runs frontend/bench/search-latency.run.ts (Playwright through playwright-core and Debian's
Chromium, the e2e launch flags) against a running server that serves the built SPA: it logs in
as a staff user, types about 20 terms taken from the tenant's customers (name fragments, first
and last name, email prefixes, phone fragments) and times each one.
"""

import asyncio
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from bench.stats import pct

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"
GOAL = "p95 ≤ 200 ms"


async def _measure(base_url: str, tenant_slug: str, email: str, password: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "search-latency.json"
        env = {
            **os.environ,
            "BASE_URL": base_url,
            "TENANT": tenant_slug,
            "EMAIL": email,
            "PASSWORD": password,
            "OUT": str(out),
            "NO_COLOR": "1",
        }
        proc = await asyncio.create_subprocess_exec(
            "npx",
            "vitest",
            "run",
            "-c",
            "bench/vitest.config.ts",
            cwd=FRONTEND,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        stdout, _ = await proc.communicate()
        if proc.returncode != 0 or not out.exists():
            tail = stdout.decode(errors="replace")[-3000:]
            raise RuntimeError(f"the SPA search benchmark failed ({proc.returncode}):\n{tail}")
        report: dict[str, Any] = json.loads(out.read_text())
        return report


def _line(name: str, values: list[float], goal: str) -> str:
    return f"| {name} | {pct(values, 50):.0f} | {pct(values, 95):.0f} | {goal} |"


async def run(base_url: str, tenant_slug: str, email: str, password: str) -> list[str]:
    report = await _measure(base_url, tenant_slug, email, password)
    samples: list[dict[str, Any]] = report["samples"]
    total = [float(s["ms"]) for s in samples]
    wait = [float(s["wait_ms"]) for s in samples]
    fetch = [float(s["fetch_ms"]) for s in samples]
    render = [float(s["ms"] - s["wait_ms"] - s["fetch_ms"]) for s in samples]
    lines = [
        f"| SPA quick search, headless Chromium ({len(samples)} terms, one each) | p50 ms | p95 ms | goal |",
        "|---|---|---|---|",
        _line("last keystroke → first page of the new rows rendered", total, GOAL),
        _line("… of which: debounce until the list request starts", wait, "—"),
        _line("… of which: the list request (`GET /customers?q=`)", fetch, "—"),
        _line("… of which: response body and rendering the table", render, "—"),
        "",
        "| term | kind | rows | total ms | request ms |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{s['term']}` | {s['kind']} | {s['rows']} | {s['ms']} | {s['fetch_ms']} |"
        for s in samples
    ]
    return lines
