import os
import uuid
from typing import Any

import pytest
from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker
from arq.worker import func as arq_func
from sqlalchemy import select

from app.bulk import jobs as bulk_jobs
from app.bulk import service as bulk_service
from app.bulk.schemas import BulkRequest
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import InMemoryQueue
from app.customers.models import Customer
from app.jobs.models import Job
from tests.factories import owner_context


async def _queue_job(tenant: TenantInfo, n: int) -> uuid.UUID:
    queue = InMemoryQueue()
    async with unit_of_work(queue, tenant_id=tenant.id) as session:
        for i in range(n):
            session.add(Customer(tenant_id=tenant.id, last_name=f"J{i}", city="Łódź"))
        await session.flush()
        body = BulkRequest.model_validate(
            {"action": "set_status", "selection": {"filter": "city = 'Łódź'"}, "status": "blocked"}
        )
        result = await bulk_service.run_bulk(session, owner_context(tenant), body)
    assert result.job_id is not None
    assert queue.jobs[0].kwargs == {"bulk_job_id": str(result.job_id), "tenant_id": str(tenant.id)}
    return result.job_id


async def _state(tenant: TenantInfo, job_id: uuid.UUID) -> tuple[Job, list[str]]:
    async with unit_of_work(tenant_id=tenant.id) as session:
        job = await session.scalar(select(Job).where(Job.id == job_id))
        statuses = list(
            await session.scalars(select(Customer.status).where(Customer.tenant_id == tenant.id))
        )
    assert job is not None
    return job, statuses


class TestBulkJob:
    async def test_job_works_in_chunks_and_records_progress(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        monkeypatch.setattr(bulk_service, "CHUNK", 3)
        job_id = await _queue_job(committed_tenant, 7)
        await bulk_jobs.run_bulk_job(
            {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
        )
        job, statuses = await _state(committed_tenant, job_id)
        assert (job.status, job.done, job.total) == ("succeeded", 7, 7)
        assert job.result and job.result["changed"] == 7
        assert set(statuses) == {"blocked"}

    async def test_a_job_that_fails_says_so(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A job queued by an older release with an action this one no longer knows ends
        `failed` with a reason, not `running` forever."""
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        job_id = await _queue_job(committed_tenant, 4)
        async with unit_of_work(tenant_id=committed_tenant.id) as session:
            job = await session.scalar(select(Job).where(Job.id == job_id))
            assert job is not None
            job.params = {**job.params, "action": "retired_action"}
        with pytest.raises(ValueError, match="unknown bulk action"):
            await bulk_jobs.run_bulk_job(
                {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
            )
        job, statuses = await _state(committed_tenant, job_id)
        assert job.status == "failed"
        assert job.error and "unexpected error (ValueError)" in job.error
        assert job.finished_at is not None
        assert set(statuses) == {"active"}

    async def test_rerun_after_success_changes_nothing(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        job_id = await _queue_job(committed_tenant, 4)
        await bulk_jobs.run_bulk_job(
            {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
        )
        assert await bulk_jobs.run_bulk_job(
            {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
        ) == {"skipped": True}

    async def test_real_worker_runs_the_job(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        job_id = await _queue_job(committed_tenant, 5)
        settings = RedisSettings.from_dsn(os.environ["REDIS_URL"])
        pool = await create_pool(settings)
        queue_name = f"test-bulk-{uuid.uuid4().hex}"
        await pool.enqueue_job(
            "run_bulk_job",
            bulk_job_id=str(job_id),
            tenant_id=str(committed_tenant.id),  # as the app queues it (row-level security)
            _queue_name=queue_name,
        )
        worker: Any = Worker(
            functions=[arq_func(bulk_jobs.run_bulk_job, name="run_bulk_job")],
            burst=True,
            poll_delay=0,
            redis_settings=settings,
            queue_name=queue_name,
            handle_signals=False,
        )
        await worker.main()
        await worker.close()
        await pool.aclose()
        job, statuses = await _state(committed_tenant, job_id)
        assert job.status == "succeeded" and set(statuses) == {"blocked"}
