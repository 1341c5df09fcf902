"""Real Redis queues, a real arq worker and an app that commits for real, for outage tests."""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.worker import Worker
from fastapi import FastAPI
from sqlalchemy import func, select, text, update

from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import ArqQueue
from app.jobs.models import Job
from app.worker import WorkerSettings
from tests.owner import owner_unit_of_work


@asynccontextmanager
async def arq_queue() -> AsyncIterator[ArqRedis]:
    """A pool on a queue of its own on the real Redis: no other test's worker takes its jobs."""
    settings = RedisSettings.from_dsn(os.environ["REDIS_URL"])
    pool = await create_pool(settings, default_queue_name=f"kt-test-{uuid.uuid4().hex}")
    try:
        yield pool
    finally:
        await pool.aclose()


def sweeper_ctx(pool: ArqRedis | None) -> dict[str, Any]:
    """What the worker's startup gives the cron: its Redis and a queue on it."""
    return {} if pool is None else {"redis": pool, "queue": ArqQueue(pool)}


async def run_worker(pool: ArqRedis) -> int:
    """A real arq worker of the app's functions drains the pool's queue; jobs completed."""
    worker = Worker(
        functions=WorkerSettings.functions,
        burst=True,
        poll_delay=0,
        redis_settings=RedisSettings.from_dsn(os.environ["REDIS_URL"]),
        queue_name=pool.default_queue_name,
        handle_signals=False,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
    return worker.jobs_complete


async def make_stale(job_id: uuid.UUID) -> None:
    """As if nothing happened to the job for an hour."""
    async with owner_unit_of_work() as s:
        await s.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(updated_at=func.now() - text("interval '1 hour'"))
        )


async def job_row(job_id: uuid.UUID) -> Job:
    async with owner_unit_of_work() as s:
        job = await s.scalar(select(Job).where(Job.id == job_id))
    assert job is not None
    return job


async def api_client(app: FastAPI, tenant: TenantInfo) -> httpx.AsyncClient:
    async with unit_of_work(tenant_id=tenant.id) as s:
        _, token = await auth_service.create_api_key(
            s, tenant.id, name="outage", scopes=sorted(SCOPES), created_by="tests"
        )
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://test/api/v1",
        headers={"Authorization": f"Bearer {token}"},
    )
