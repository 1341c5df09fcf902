"""Background jobs: a queue protocol (arq or in memory) and a per-unit-of-work buffer.

Services call `enqueue(session, ...)`; the jobs reach the queue only after the session
commits, and are dropped on rollback, so no job ever sees rows that never existed.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

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
