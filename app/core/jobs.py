"""Background jobs: a queue protocol (arq or in memory) and a per-unit-of-work buffer.

Services call `enqueue(session, ...)`; the jobs reach the queue only after the session
commits, and are dropped on rollback, so no job ever sees rows that never existed. A job
whose enqueue fails after the commit is not lost: its work has a row in the database, and
`app/core/sweeper.py` queues it again from there.
"""

import asyncio
from dataclasses import dataclass, field
from typing import Any, Protocol

import structlog
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

log = structlog.get_logger()

# How long a request waits for Redis to take its jobs: arq's connections have no read
# timeout, and a Redis that hangs must not hold the request.
ENQUEUE_TIMEOUT_SECONDS = 5.0

_BUFFER_KEY = "kartoteka_jobs"


@dataclass(frozen=True)
class PendingJob:
    function: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    job_id: str | None = None


class JobQueue(Protocol):
    async def enqueue_many(self, jobs: list[PendingJob]) -> None: ...


class ArqQueue:
    """Enqueues into Redis for `arq app.worker.WorkerSettings`."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    async def enqueue_many(self, jobs: list[PendingJob]) -> None:
        for job in jobs:
            await self.pool.enqueue_job(job.function, _job_id=job.job_id, **job.kwargs)


class InMemoryQueue:
    """Records jobs instead of running them: for unit tests of services."""

    def __init__(self) -> None:
        self.jobs: list[PendingJob] = []

    async def enqueue_many(self, jobs: list[PendingJob]) -> None:
        self.jobs.extend(jobs)


def enqueue(
    session: AsyncSession, function: str, *, job_id: str | None = None, **kwargs: Any
) -> None:
    """Buffer a job to be queued when this session's unit of work commits."""
    session.info.setdefault(_BUFFER_KEY, []).append(PendingJob(function, kwargs, job_id))


def take_buffer(session: AsyncSession) -> list[PendingJob]:
    pending: list[PendingJob] = session.info.pop(_BUFFER_KEY, [])
    return pending


async def hand_over(queue: JobQueue, pending: list[PendingJob]) -> None:
    """Queue the jobs of a unit of work that has committed.

    The commit stands whatever Redis does, so an outage must not turn it into an error: the
    caller answers with what was committed (the job `queued`), and the sweeper queues the
    job from its row once Redis is back."""
    try:
        async with asyncio.timeout(ENQUEUE_TIMEOUT_SECONDS):
            await queue.enqueue_many(pending)
    except (RedisError, OSError) as exc:  # TimeoutError is an OSError
        log.warning(
            "jobs.enqueue_failed",
            functions=[job.function for job in pending],
            job_ids=[job.job_id for job in pending],
            error=f"{type(exc).__name__}: {exc}",
        )
