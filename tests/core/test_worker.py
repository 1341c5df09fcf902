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
