"""On-demand recompute and bulk jobs are bounded per tenant (issue #18, item 2c)."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.bulk import service as bulk_service
from app.core import db as core_db
from app.core.context import Context, Principal, TenantInfo
from app.core.jobs import InMemoryQueue
from app.jobs import service as jobs_service
from app.jobs.models import Job
from app.stats import jobs as stats_jobs
from tests.factories import create_customer

ENDPOINTS = [
    ("/stats/rfm/recompute", "recompute_rfm"),
    ("/stats/reconcile", "reconcile_aggregates"),
]


async def _age(session: AsyncSession, job_id: uuid.UUID, **values: object) -> None:
    await session.execute(update(Job).where(Job.id == job_id).values(**values))


class TestRecomputeOnDemand:
    @pytest.mark.parametrize(("path", "function"), ENDPOINTS)
    async def test_second_request_returns_the_pending_job(
        self, client: httpx.AsyncClient, jobs: InMemoryQueue, path: str, function: str
    ) -> None:
        first = await client.post(path)
        assert first.status_code == 202, first.text
        second = await client.post(path)
        assert second.status_code == 200, second.text
        assert second.json() == first.json()
        assert first.json()["job"] == function and first.json()["status"] == "queued"
        assert [j.function for j in jobs.jobs] == [function]

    @pytest.mark.parametrize(("path", "function"), ENDPOINTS)
    async def test_a_run_just_finished_is_a_cooldown(
        self, client: httpx.AsyncClient, session: AsyncSession, path: str, function: str
    ) -> None:
        job_id = uuid.UUID((await client.post(path)).json()["id"])
        now = datetime.now(UTC)
        await _age(session, job_id, status="succeeded", finished_at=now)
        r = await client.post(path)
        assert r.status_code == 429, r.text
        assert r.json()["code"] == "too_many_jobs"
        assert 0 < int(r.headers["Retry-After"]) <= 300

    async def test_after_the_cooldown_a_new_job_is_queued(
        self, client: httpx.AsyncClient, session: AsyncSession, jobs: InMemoryQueue
    ) -> None:
        job_id = uuid.UUID((await client.post("/stats/rfm/recompute")).json()["id"])
        ago = datetime.now(UTC) - timedelta(minutes=6)
        await _age(session, job_id, status="succeeded", finished_at=ago)
        r = await client.post("/stats/rfm/recompute")
        assert r.status_code == 202, r.text
        assert r.json()["id"] != str(job_id)
        assert len(jobs.jobs) == 2

    async def test_a_dead_workers_job_does_not_block_forever(
        self, client: httpx.AsyncClient, session: AsyncSession
    ) -> None:
        job_id = uuid.UUID((await client.post("/stats/rfm/recompute")).json()["id"])
        ago = datetime.now(UTC) - timedelta(hours=2)
        await _age(session, job_id, status="running", updated_at=ago)
        r = await client.post("/stats/rfm/recompute")
        assert r.status_code == 202 and r.json()["id"] != str(job_id)

    async def test_the_job_reports_its_progress_on_its_row(
        self, committed_tenant: TenantInfo
    ) -> None:
        principal = Principal(kind="user", id=uuid.uuid4(), label="o", role="owner")
        ctx = Context(tenant=committed_tenant, principal=principal)
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            await create_customer(s, ctx)
            job = await jobs_service.create_job(s, ctx, "stats.recompute_rfm", {}, None)
        tid = str(committed_tenant.id)
        await stats_jobs.recompute_rfm({}, tenant_id=tid, stats_job_id=str(job.id))
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            done = await jobs_service.get_job(s, committed_tenant.id, job.id)
            assert done.status == "succeeded"
            assert done.result is not None and list(done.result) == [tid]
            assert done.finished_at is not None


class TestBulkJobs:
    async def test_a_tenant_has_at_most_three_bulk_jobs_at_once(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        jobs: InMemoryQueue,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # Every selection becomes a job, without seeding 5,001 customers per request.
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 0)
        customer = await create_customer(session, ctx)
        body = {"action": "add_tags", "selection": {"ids": [str(customer.id)]}, "tags": ["x"]}
        for _ in range(bulk_service.MAX_ACTIVE_JOBS):
            r = await client.post("/customers/bulk", json=body)
            assert r.status_code == 200 and r.json()["status"] == "queued", r.text
        r = await client.post("/customers/bulk", json=body)
        assert r.status_code == 429, r.text
        assert r.json()["code"] == "too_many_jobs"
        assert len(jobs.jobs) == bulk_service.MAX_ACTIVE_JOBS

    async def test_a_finished_job_frees_its_place(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 0)
        customer = await create_customer(session, ctx)
        body = {"action": "add_tags", "selection": {"ids": [str(customer.id)]}, "tags": ["x"]}
        ids = [
            (await client.post("/customers/bulk", json=body)).json()["job_id"]
            for _ in range(bulk_service.MAX_ACTIVE_JOBS)
        ]
        await _age(session, uuid.UUID(ids[0]), status="succeeded")
        r = await client.post("/customers/bulk", json=body)
        assert r.status_code == 200 and r.json()["status"] == "queued", r.text
