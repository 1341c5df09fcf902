"""Quick search per kind of term and deep paging (issue #17), each figure beside its goal.

Quick search: 200 varied terms per kind, sampled from the seeded base (names with and without
their diacritics, Cyrillic names, email prefixes, phone fragments, card numbers, two-term
searches), every term different, sequential over HTTP. Deep paging: a filter walked by cursor
as deep as `CURSOR_PAGES` pages (every page timed), and page 200 of the same filter by offset.
"""

import random
import time
import unicodedata
from typing import Any

import httpx
from sqlalchemy import text

from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from bench.stats import latencies, pct, row

TERMS = 200
CURSOR_PAGES = 400
PAGE_SIZE = 50
QUICK_GOAL = "p95 ≤ 30 ms"
# Cards the seeder does not make: the bench gives sampled customers one each, once.
CARD_PREFIX = "BENCH-CARD-"


def _plain(text_: str) -> str:
    """The term as typed on a keyboard without Polish letters."""
    decomposed = unicodedata.normalize("NFKD", text_.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_cyrillic(name: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in name)


def _fragment(name: str, rng: random.Random) -> str:
    """The start of the name, 4 to 7 letters, reaching its first letter with a diacritic."""
    accent = next((k for k, c in enumerate(name) if _plain(c) != c), 0)
    return name.lower()[: max(accent + 1, rng.randint(4, 7))]


async def _sample(slug: str) -> dict[str, list[str]]:
    """Terms of each kind, from customers drawn at random (a fixed seed: the same each run)."""
    rng = random.Random(17)
    async with unit_of_work() as s:
        tenant_id = await s.scalar(text("SELECT id FROM tenants WHERE slug = :s"), {"s": slug})
        await tenancy.use_tenant(s, tenant_id)  # row-level security
        people = (
            await s.execute(
                text("""SELECT id, first_name, last_name, email, phone FROM customers
                        TABLESAMPLE SYSTEM (5) REPEATABLE (17)
                        WHERE tenant_id = :t AND last_name IS NOT NULL LIMIT 20000"""),
                {"t": tenant_id},
            )
        ).all()
        await s.execute(
            text("""INSERT INTO cards (id, tenant_id, customer_id, number)
                    SELECT gen_random_uuid(), :t, id, :prefix || lpad(n::text, 6, '0')
                    FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS x(id, n)
                    ON CONFLICT DO NOTHING"""),
            {"t": tenant_id, "prefix": CARD_PREFIX, "ids": [p.id for p in people[:TERMS]]},
        )
    await dispose_engine()
    cyrillic = [p for p in people if _is_cyrillic(p.last_name)]
    # Polish names whose fragment has a letter with a diacritic.
    polish = [
        p for p in people if not _is_cyrillic(p.last_name) and _plain(p.last_name) != p.last_name
    ]
    terms = {
        "name fragment, as written (`wójci`)": [_fragment(p.last_name, rng) for p in polish],
        "name fragment without its diacritics (`wojci`)": [
            _plain(_fragment(p.last_name, rng)) for p in polish
        ],
        "Cyrillic name fragment (`шевч`)": [_fragment(p.last_name, rng) for p in cyrillic],
        "email prefix": [p.email.split("@")[0][: rng.randint(5, 12)] for p in people if p.email],
        "phone fragment (`790 554`)": [
            f"{p.phone[3:6]} {p.phone[6:9]}" for p in people if p.phone and len(p.phone) >= 12
        ],
        "card number": [f"{CARD_PREFIX}{n:06d}" for n in range(1, TERMS + 1)],
        "two terms (`anna kowal`)": [
            f"{_fragment(p.first_name, rng)} {_fragment(p.last_name, rng)}"
            for p in people
            if p.first_name
        ],
    }
    out = {}
    for kind, found in terms.items():
        unique = list(dict.fromkeys(found))
        rng.shuffle(unique)
        out[kind] = unique[:TERMS]
    return out


async def run(client: httpx.AsyncClient, slug: str, filter_text: str) -> list[str]:
    """The quick-search table and the deep-paging table, as markdown lines."""
    terms = await _sample(slug)
    lines = [
        f"| quick search, {TERMS} different terms per kind | terms | p50 ms | p95 ms | p99 ms | goal |",
        "|---|---|---|---|---|---|",
    ]
    for kind, these in terms.items():
        if not these:
            lines.append(
                f"| {kind} | 0 | — | — | — | {QUICK_GOAL} (no such customers in the base) |"
            )
            continue

        async def call(i: int, these: list[str] = these) -> None:
            r = await client.get("/customers", params={"q": these[i % len(these)]})
            r.raise_for_status()

        figures = await latencies(call, len(these), warmup=min(20, len(these)))
        lines.append(row(f"{kind} | {len(these)}", figures, QUICK_GOAL))
    return [*lines, "", *await deep_paging(client, filter_text)]


async def deep_paging(client: httpx.AsyncClient, filter_text: str) -> list[str]:
    """Every page of a cursor walk timed, and page 200 by offset."""
    samples: list[float] = []
    deepest: list[float] = []
    cursor = None
    pages = 0
    for pages in range(1, CURSOR_PAGES + 1):
        body: dict[str, Any] = {
            "filter": filter_text,
            "page_size": PAGE_SIZE,
            "include_total": False,
            **({"cursor": cursor} if cursor else {}),
        }
        started = time.perf_counter()
        r = await client.post("/customers/search", json=body)
        r.raise_for_status()
        ms = (time.perf_counter() - started) * 1000
        samples.append(ms)
        if pages > CURSOR_PAGES - 20:
            deepest.append(ms)
        cursor = r.json().get("next_cursor")
        if not cursor:
            break

    async def offset(i: int) -> None:
        r = await client.get("/customers", params={"filter": filter_text, "page": 200})
        r.raise_for_status()

    page200 = await latencies(offset, 50, warmup=5)
    cursor_fig = {"p50": pct(samples, 50), "p95": pct(samples, 95), "p99": pct(samples, 99)}
    lines = [
        "| deep paging (the filter below) | p50 ms | p95 ms | p99 ms | goal |",
        "|---|---|---|---|---|",
        row(
            f"by cursor, every page of {pages} ({pages * PAGE_SIZE:,} rows deep)",
            cursor_fig,
            "p95 ≤ 50 ms",
        ),
    ]
    if deepest:
        deep = {"p50": pct(deepest, 50), "p95": pct(deepest, 95), "p99": pct(deepest, 99)}
        lines.append(row(f"by cursor, the last {len(deepest)} pages only", deep, "p95 ≤ 50 ms"))
    lines.append(row("by offset, page 200 (`page=200`)", page200, "p95 ≤ 100 ms"))
    return lines
