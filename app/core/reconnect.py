"""Jobs outlive a lost database connection: the step runs again once the server answers.

A failover, a restart or an operator's `pg_terminate_backend` kills the connection a job
is using. The jobs commit their work in resumable steps (a chunk, a row range), so running
the step again continues where the last commit left off. Only a database that stays away
for long ends the attempt, and then the job is handed back to the queue (arq `Retry`), not
marked failed: nothing about the work itself went wrong."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog
from arq.worker import Retry

from app.core.errors import database_unreachable

log = structlog.get_logger()
T = TypeVar("T")

# How long a job waits for the database before it gives its turn back to the queue.
GIVE_UP_AFTER_SECONDS = 120.0
RETRY_DEFER_SECONDS = 15.0


async def until_reachable(
    step: Callable[[], Awaitable[T]], *, job: str, give_up_after: float = GIVE_UP_AFTER_SECONDS
) -> T:
    """`await step()`, again after each lost connection, with a growing pause (0.1 s … 5 s)."""
    deadline = time.monotonic() + give_up_after
    pause = 0.1
    while True:
        try:
            return await step()
        except Exception as exc:
            if not database_unreachable(exc):
                raise
            if time.monotonic() + pause > deadline:
                log.warning("job.database_unreachable_requeued", job=job)
                raise Retry(defer=RETRY_DEFER_SECONDS) from exc
            log.warning("job.database_connection_lost", job=job, retry_in=pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 5.0)
