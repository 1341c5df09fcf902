"""Imports (issue 5, "Speed"): a 1,000,000-row CSV over HTTP into the seeded base, through the
real worker, and a 10,000-row file end to end.

    python -m bench.imports --rows 100000   # alone, against DATABASE_URL
"""

import argparse
import asyncio
import os
import random
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import polars as pl
from sqlalchemy import text

from app.core.db import dispose_engine, unit_of_work
from bench.copy_anchor import bare_copy_seconds
from bench.server import peak_rss_mib, running_api, running_worker
from bench.setup import ensure_bench_tenant

FIRST = [
    ("Anna", "anna"), ("Maria", "maria"), ("Katarzyna", "katarzyna"), ("Małgorzata", "malgorzata"),
    ("Agnieszka", "agnieszka"), ("Barbara", "barbara"), ("Ewa", "ewa"), ("Krystyna", "krystyna"),
    ("Magdalena", "magdalena"), ("Elżbieta", "elzbieta"), ("Piotr", "piotr"), ("Krzysztof", "krzysztof"),
    ("Andrzej", "andrzej"), ("Tomasz", "tomasz"), ("Paweł", "pawel"), ("Michał", "michal"),
    ("Łukasz", "lukasz"), ("Grzegorz", "grzegorz"), ("Józef", "jozef"), ("Zbigniew", "zbigniew"),
]  # fmt: skip
LAST = [
    ("Nowak", "nowak"), ("Kowalski", "kowalski"), ("Wiśniewski", "wisniewski"),
    ("Wójcik", "wojcik"), ("Kowalczyk", "kowalczyk"), ("Kamiński", "kaminski"),
    ("Lewandowski", "lewandowski"), ("Zieliński", "zielinski"), ("Szymański", "szymanski"),
    ("Woźniak", "wozniak"), ("Dąbrowski", "dabrowski"), ("Kozłowski", "kozlowski"),
    ("Jankowski", "jankowski"), ("Mazur", "mazur"), ("Krawczyk", "krawczyk"),
    ("Piotrowski", "piotrowski"), ("Grabowski", "grabowski"), ("Pawłowski", "pawlowski"),
]  # fmt: skip
CITIES = ["Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin", "Lublin"]
STREETS = ["ul. Marszałkowska", "ul. Piłsudskiego", "al. Jana Pawła II", "ul. Źródlana"]
DOMAINS = ["gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"]
TAGS = [None, "VIP", "Newsletter", "VIP|Newsletter", "Sklep Kraków"]
HEADER = [
    "Imię", "Nazwisko", "E-mail", "Telefon", "Data urodzenia", "Miasto", "Ulica", "Nr domu",
    "Kod pocztowy", "Zgoda marketingowa", "Tagi",
]  # fmt: skip


def make_csv(path: Path, rows: int, run: str) -> int:
    """A Polish shop's export in Windows-1250 with `;`: distinct emails and phones (the +48 45
    mobile range, which the seeded base does not use), phones in several local spellings."""
    i = pl.int_range(0, rows, eager=True)
    pick = lambda values, by: pl.Series(values).gather(by % len(values))  # noqa: E731
    first, last = pick([f for f, _ in FIRST], i), pick([n for n, _ in LAST], i // 7)
    email = (
        pick([a for _, a in FIRST], i) + "." + pick([a for _, a in LAST], i // 7) + "."
        + run + i.cast(pl.String) + "@" + pick(DOMAINS, i // 3)
    )  # fmt: skip
    num = (450_000_000 + (i * 7919) % 10_000_000).cast(pl.String)  # distinct below 10M rows
    phone = (
        pl.DataFrame({"n": num, "i": i})
        .select(
            pl.when(pl.col("i") % 3 == 0)
            .then(pl.col("n").str.slice(0, 3) + " " + pl.col("n").str.slice(3, 3) + " "
                  + pl.col("n").str.slice(6))
            .when(pl.col("i") % 3 == 1)
            .then("+48" + pl.col("n"))
            .otherwise(pl.col("n").str.slice(0, 3) + "-" + pl.col("n").str.slice(3, 3) + "-"
                       + pl.col("n").str.slice(6))
        )
        .to_series()
    )  # fmt: skip
    day = (i % 28 + 1).cast(pl.String).str.zfill(2)
    month = (i % 12 + 1).cast(pl.String).str.zfill(2)
    year = (1950 + i % 55).cast(pl.String)
    df = pl.DataFrame(
        {
            "Imię": first,
            "Nazwisko": last,
            "E-mail": email,
            "Telefon": phone,
            "Data urodzenia": day + "." + month + "." + year,
            "Miasto": pick(CITIES, i // 5),
            "Ulica": pick(STREETS, i // 11),
            "Nr domu": (i % 120 + 1).cast(pl.String),
            "Kod pocztowy": (i % 90 + 10).cast(pl.String) + "-" + (i % 900 + 100).cast(pl.String),
            "Zgoda marketingowa": pick(["tak", "nie", "tak"], i),
            "Tagi": pick(TAGS, i // 13),
        }
    )
    data = df.write_csv(separator=";").encode("cp1250")
    path.write_bytes(data)
    return len(data)


async def _tenant_id(slug: str) -> str:
    async with unit_of_work() as session:
        found = await session.scalar(text("SELECT id FROM tenants WHERE slug = :s"), {"s": slug})
    await dispose_engine()
    return str(found)


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as fh:  # a local file, read in 1 MiB steps
        while chunk := fh.read(1024 * 1024):
            yield chunk


async def _until(client: httpx.AsyncClient, import_id: str, status: str, poll: float) -> Any:
    while True:
        imp = (await client.get(f"/imports/{import_id}")).json()
        if imp["status"] == status:
            return imp
        if imp["status"] in ("failed", "cancelled"):
            raise RuntimeError(f"import {import_id} ended {imp['status']}: {imp['error']}")
        await asyncio.sleep(poll)


async def _upload(client: httpx.AsyncClient, path: Path) -> tuple[dict[str, Any], float]:
    t = time.perf_counter()
    r = await client.post(
        "/imports",
        content=_chunks(path),
        headers={"Content-Type": "text/csv", "X-File-Name": path.name},
    )
    r.raise_for_status()
    return r.json(), time.perf_counter() - t


async def _step(
    client: httpx.AsyncClient, imp: dict[str, Any], action: str, status: str, poll: float
) -> tuple[dict[str, Any], float]:
    t = time.perf_counter()
    (await client.post(f"/imports/{imp['id']}/{action}")).raise_for_status()
    done = await _until(client, imp["id"], status, poll)
    return done, time.perf_counter() - t


# The import alone on the machine, its worker set as for a machine that serves one shop: every
# core writes and validates, at the normal priority. The defaults leave a core to the other
# tenants and run the worker at a lower priority (README, Configuration); what they cost and
# give is in the load suite's noisy neighbour.
CORES = str(os.cpu_count() or 2)
ONE_SHOP = {
    "KARTOTEKA_IMPORT_WRITE_CONNECTIONS": CORES,
    "POLARS_MAX_THREADS": CORES,
    "KARTOTEKA_WORKER_NICE": "0",
}


async def run(base_url: str, api_key: str, tenant_slug: str, rows: int = 1_000_000) -> list[str]:
    headers = {"Authorization": f"Bearer {api_key}"}
    run_tag = uuid.uuid4().hex[:6]
    with tempfile.TemporaryDirectory() as tmp, running_worker(ONE_SHOP) as worker:
        big, small = Path(tmp) / "klienci.csv", Path(tmp) / "klienci-10k.csv"
        t = time.perf_counter()
        size = make_csv(big, rows, run_tag)
        make_csv(small, 10_000, run_tag + "s")
        generated = time.perf_counter() - t
        # The floor, in the same run and on the same base: one COPY of the same customers.
        copy_s = await bare_copy_seconds(big, await _tenant_id(tenant_slug))
        async with httpx.AsyncClient(
            base_url=f"{base_url}/api/v1", headers=headers, timeout=600
        ) as client:
            imp, upload_s = await _upload(client, big)
            assert imp["mapping"]["columns"]["E-mail"] == "email", imp["mapping"]
            imp, preview_s = await _step(client, imp, "preview", "validated", 0.1)
            imp, commit_s = await _step(client, imp, "commit", "completed", 0.1)
            rss = peak_rss_mib(worker.pid)
            counts = imp["counts"]
            t = time.perf_counter()
            small_imp, _ = await _upload(client, small)
            small_imp, _ = await _step(client, small_imp, "preview", "validated", 0.02)
            small_imp, _ = await _step(client, small_imp, "commit", "completed", 0.02)
            small_s = time.perf_counter() - t
            # Leave the base as it was for the next suite: revert both (also timed).
            _, revert_s = await _step(client, imp, "revert", "reverted", 0.1)
            await _step(client, small_imp, "revert", "reverted", 0.05)
    return [
        f"A {rows:,}-row, {size / 2**20:.0f} MiB CSV (Windows-1250, `;`, 11 columns, made by "
        f"polars in {generated:.1f} s) over HTTP into the seeded tenant; one arq worker set "
        "as for a machine that serves one shop: "
        + ", ".join(f"`{k}={v}`" for k, v in ONE_SHOP.items())
        + " (the defaults leave a core to the other tenants: Holding load, noisy neighbour).",
        "",
        "| step | seconds | goal |",
        "|---|---|---|",
        f"| upload + detection + suggested mapping | {upload_s:.1f} | ≤ 2 s |",
        f"| preview (every row validated, duplicates in file and base) | {preview_s:.1f} | ≤ 10 s |",
        f"| anchor: one bare `COPY` of the same customers into a copy of the table (same rows, same indexes) | {copy_s:.1f} | — |",
        f"| commit of {counts['created']:,} new customers | {commit_s:.1f} | ≤ 1.2 × COPY = {1.2 * copy_s:.1f} s: **{commit_s / copy_s:.2f} ×** |",
        f"| peak worker memory (VmHWM) | {rss:,.0f} MiB | ≤ 1 GB |",
        f"| 10,000-row file end to end (upload → preview → commit, polling) | {small_s:.2f} | ≤ 3 s |",
        f"| revert of the {rows:,}-row import right after its commit (job) | {revert_s:.1f} | ≤ 30 s |",
        "",
        f"Counts: {counts['rows']:,} rows, {counts['valid']:,} valid, {counts['invalid']:,} "
        f"invalid, {counts['created']:,} created.",
    ]


async def _main(rows: int, customers: int) -> None:
    slug, key = await ensure_bench_tenant(customers)
    with running_api() as base_url:
        print("\n".join(await run(base_url, key, slug, rows=rows)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000, help="the seeded base")
    args = parser.parse_args()
    random.seed(0)
    asyncio.run(_main(args.rows, args.customers))
    os._exit(0)
