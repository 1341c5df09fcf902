"""The anchor of POST /transactions: its one statement (app/transactions/record.py) sent
straight from asyncpg by as many connections as the tills, with no HTTP and no API around it.

What the database alone sustains on this machine; the API's figure is read against it."""

import asyncio
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import asyncpg

from app.core import tenancy
from app.core.config import get_settings
from app.core.db import plain_dsn
from app.transactions import record
from bench.stats import pct

SECONDS = 10


async def statement_rate(
    tenant_id: uuid.UUID, currency: str, customers: list[str], connections: int
) -> dict[str, float]:
    """Statements a second and their p50/p95 in ms, `connections` loops for SECONDS seconds."""
    pool = await asyncpg.create_pool(
        plain_dsn(get_settings().database_url), min_size=connections, max_size=connections
    )
    assert pool is not None
    samples: list[float] = []
    stop = time.perf_counter() + SECONDS

    async def till(k: int) -> None:
        n = k
        async with pool.acquire() as connection:
            while time.perf_counter() < stop:
                now = datetime.now(UTC)
                event = record.Event(
                    tenant_id=tenant_id,
                    key="id",
                    value=uuid.UUID(customers[n % len(customers)]),
                    kind="purchase",
                    amount=Decimal("12.50"),
                    currency=currency,
                    occurred_at=now,
                    local_date=now.date(),
                    location=None,
                    external_ref=None,
                    items_count=None,
                )
                started = time.perf_counter()
                # As the till's route does: one transaction with the tenant set (RLS).
                async with tenancy.tenant_transaction(connection, tenant_id):
                    await record.record(connection, event)
                samples.append((time.perf_counter() - started) * 1000)
                n += connections

    started = time.perf_counter()
    await asyncio.gather(*(till(k) for k in range(connections)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return {"rps": len(samples) / elapsed, "p50": pct(samples, 50), "p95": pct(samples, 95)}
