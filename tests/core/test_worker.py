"""The worker process: what it sets up before it takes jobs."""

import os
import subprocess
import sys

PROBE = """
import asyncio
from sqlalchemy import text
from app import worker
from app.core.db import get_engine

async def main():
    await worker.startup({"redis": None})
    async with get_engine().connect() as conn:
        print(await conn.scalar(text("SHOW statement_timeout")))
    await worker.shutdown({})

asyncio.run(main())
"""


def test_worker_statements_are_bounded_in_minutes_not_the_api_seconds(database: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "KARTOTEKA_WORKER_STATEMENT_TIMEOUT_MS": "420000",
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "7min"


NICE_PROBE = """
import asyncio, os
import polars as pl
from app import worker

def nice_of_every_thread():
    return sorted({os.getpriority(os.PRIO_PROCESS, int(t)) for t in os.listdir("/proc/self/task")})

async def main():
    # A thread from before the hook (the executor, as a DNS lookup would start it)...
    await asyncio.get_running_loop().run_in_executor(None, lambda: None)
    await worker.startup({"redis": None})
    # ...and threads started after it: more of the executor's, and polars' pool.
    await asyncio.to_thread(lambda: pl.DataFrame({"a": range(100_000)}).sort("a").sum())
    print(nice_of_every_thread(), len(os.listdir("/proc/self/task")))
    await worker.shutdown({})

asyncio.run(main())
"""


def _worker_threads_nice(database: str, nice: str) -> str:
    env = {**os.environ, "DATABASE_URL": database, "KARTOTEKA_WORKER_NICE": nice}
    out = subprocess.run(
        [sys.executable, "-c", NICE_PROBE], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def test_the_worker_and_all_its_threads_run_at_a_lower_priority_than_the_api(
    database: str,
) -> None:
    """Background work yields the CPU to requests: every thread of the worker, those started
    before the hook included, runs at the configured nice value."""
    nices, threads = _worker_threads_nice(database, "10").rsplit(" ", 1)
    assert nices == "[10]"
    assert int(threads) > 3  # the executor's and polars' threads besides the main one
    assert _worker_threads_nice(database, "0").startswith("[0]")
