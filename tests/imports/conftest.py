"""Run the import's jobs inside the test's transaction, the way the worker would."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.jobs import InMemoryQueue, JobQueue, take_buffer
from app.imports.commit import commit_import
from app.imports.preview import preview_import
from app.imports.revert import revert_import

JOB_FUNCTIONS: dict[str, Callable[..., Awaitable[str]]] = {
    "preview_import": preview_import,
    "commit_import": commit_import,
    "revert_import": revert_import,
}

RunJobs = Callable[[], Awaitable[list[str]]]


@pytest.fixture
def worker_ctx(session: AsyncSession, jobs: InMemoryQueue) -> dict[str, Any]:
    """A ctx like the worker's, whose unit of work is a savepoint of the test's session."""

    @asynccontextmanager
    async def uow(queue: JobQueue | None = None) -> AsyncIterator[AsyncSession]:
        try:
            yield session
        except BaseException:
            await session.rollback()
            take_buffer(session)
            raise
        await session.commit()
        pending = take_buffer(session)
        if queue is not None and pending:
            await queue.enqueue_many(pending)

    # One session cannot write ranges side by side: one writer.
    return {"unit_of_work": uow, "queue": jobs, "write_connections": 1}


@pytest.fixture
def run_jobs(jobs: InMemoryQueue, worker_ctx: dict[str, Any]) -> RunJobs:
    """Run the queued import jobs (and the ones they queue) in order; their results."""

    async def run() -> list[str]:
        results = []
        while jobs.jobs:
            job = jobs.jobs.pop(0)
            results.append(await JOB_FUNCTIONS[job.function](worker_ctx, **job.kwargs))
        return results

    return run


Upload = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def upload(client: httpx.AsyncClient) -> Upload:
    """POST a file as multipart; the created import (asserting 201)."""

    async def post(
        data: bytes, name: str = "klienci.csv", http: httpx.AsyncClient | None = None, **params: Any
    ) -> dict[str, Any]:
        r = await (http or client).post("/imports", files={"file": (name, data)}, params=params)
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body

    return post
