"""The sweeper: a job whose arq job was lost is queued again from its row, once, and given up
after `MAX_RECOVERIES`; a job that waits in the queue or still runs is left alone.

Real PostgreSQL, the real Redis (a queue of each test's own) and a real arq worker."""

import uuid

import pytest
from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix, job_key_prefix, result_key_prefix
from sqlalchemy import update

from app.bulk import jobs as bulk_jobs
from app.bulk import service as bulk_service
from app.bulk.schemas import BulkRequest
from app.core import sweeper
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import ArqQueue, InMemoryQueue, JobQueue
from app.customers.models import Customer
from app.imports.recover import recover_stalled_imports
from app.jobs import recovery
from app.jobs.models import Job
from app.worker import SWEEPS, WorkerSettings
from tests.core.outage_helpers import arq_queue, job_row, make_stale, run_worker, sweeper_ctx
from tests.factories import owner_context
from tests.owner import owner_unit_of_work

CUSTOMERS = 3


@pytest.fixture(autouse=True)
def _queue_as_a_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)


async def _queue_bulk(tenant: TenantInfo, queue: JobQueue) -> uuid.UUID:
    """A bulk job over the tenant's customers, committed and handed to `queue`."""
    async with unit_of_work(queue, tenant_id=tenant.id) as s:
        s.add_all(
            Customer(tenant_id=tenant.id, last_name=f"S{i}", city="Sweep") for i in range(CUSTOMERS)
        )
        await s.flush()
        body = BulkRequest.model_validate(
            {"action": "set_status", "selection": {"filter": "city = 'Sweep'"}, "status": "blocked"}
        )
        result = await bulk_service.run_bulk(s, owner_context(tenant), body)
    assert result.job_id is not None
    return result.job_id


async def _lost_job(tenant: TenantInfo) -> uuid.UUID:
    """Committed, but its enqueue never reached Redis; and nothing happened for an hour."""
    job_id = await _queue_bulk(tenant, InMemoryQueue())
    await make_stale(job_id)
    return job_id


async def _set_running(job_id: uuid.UUID) -> None:
    async with owner_unit_of_work() as s:
        await s.execute(update(Job).where(Job.id == job_id).values(status="running"))
    await make_stale(job_id)


async def _queued(pool: ArqRedis, job_id: uuid.UUID) -> list[bytes]:
    """The arq jobs of this row in the queue (the sweeper may queue other tests' rows too)."""
    return [m async for m, _ in pool.zscan_iter(pool.default_queue_name, match=f"*{job_id}")]


async def _flush(pool: ArqRedis, job_id: uuid.UUID) -> None:
    """What a flush of Redis does to the job: its queue entry and its job key are gone."""
    await pool.delete(pool.default_queue_name, f"{job_key_prefix}bulk:{job_id}")


class TestLostJobs:
    async def test_a_job_whose_enqueue_was_lost_is_completed_after_the_sweep(
        self, committed_tenant: TenantInfo
    ) -> None:
        job_id = await _lost_job(committed_tenant)
        async with arq_queue() as pool:
            assert await run_worker(pool) == 0  # nothing in Redis: it would wait forever
            assert await recovery.recover_stalled_jobs(sweeper_ctx(pool)) >= 1
            await run_worker(pool)
        job = await job_row(job_id)
        assert (job.status, job.done, job.recoveries) == ("succeeded", CUSTOMERS, 1)

    async def test_a_job_lost_once_too_often_ends_failed_with_the_reason(
        self, committed_tenant: TenantInfo
    ) -> None:
        job_id = await _lost_job(committed_tenant)
        async with arq_queue() as pool:
            ctx = sweeper_ctx(pool)
            for tries in range(1, recovery.MAX_RECOVERIES + 1):
                await recovery.recover_stalled_jobs(ctx)
                assert (await job_row(job_id)).recoveries == tries
                await _flush(pool, job_id)
                await make_stale(job_id)
            await recovery.recover_stalled_jobs(ctx)
            assert await _queued(pool, job_id) == []
        job = await job_row(job_id)
        assert job.status == "failed" and job.finished_at is not None
        assert job.error is not None and "given up" in job.error

    async def test_a_job_whose_arq_result_outlived_it_is_queued_again(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """arq keeps a job's result for an hour and refuses its id meanwhile: here the job's
        one run found another holding the row, so the row is still queued."""
        monkeypatch.setattr(bulk_jobs, "LOCK_WAIT_SECONDS", 0.2)
        async with arq_queue() as pool:
            job_id = await _queue_bulk(committed_tenant, ArqQueue(pool))
            async with sweeper.running_alone(recovery.lock_name(job_id), 0):
                await run_worker(pool)
            assert await pool.exists(f"{result_key_prefix}bulk:{job_id}")
            await make_stale(job_id)
            await recovery.recover_stalled_jobs(sweeper_ctx(pool))
            await run_worker(pool)
        job = await job_row(job_id)
        assert (job.status, job.recoveries) == ("succeeded", 1)

    async def test_a_kind_no_domain_resumes_is_left_queued_and_not_rechecked_at_once(
        self, committed_tenant: TenantInfo
    ) -> None:
        job_id = await _lost_job(committed_tenant)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            await s.execute(update(Job).where(Job.id == job_id).values(kind="retired.kind"))
        await make_stale(job_id)
        async with arq_queue() as pool:
            await recovery.recover_stalled_jobs(sweeper_ctx(pool))
            assert await _queued(pool, job_id) == []
        job = await job_row(job_id)
        assert (job.status, job.recoveries) == ("queued", 0)
        assert job.updated_at > job.created_at


class TestLiveJobs:
    async def test_a_job_waiting_in_the_queue_is_not_queued_twice(
        self, committed_tenant: TenantInfo
    ) -> None:
        async with arq_queue() as pool:
            job_id = await _queue_bulk(committed_tenant, ArqQueue(pool))
            await make_stale(job_id)
            await recovery.recover_stalled_jobs(sweeper_ctx(pool))
            assert await _queued(pool, job_id) == [f"bulk:{job_id}".encode()]
            await run_worker(pool)
        job = await job_row(job_id)
        assert (job.status, job.recoveries) == ("succeeded", 0)

    async def test_a_running_job_holding_its_lock_is_left_alone(
        self, committed_tenant: TenantInfo
    ) -> None:
        job_id = await _lost_job(committed_tenant)
        await _set_running(job_id)
        async with arq_queue() as pool:
            async with sweeper.running_alone(recovery.lock_name(job_id), 0) as held:
                assert held
                await recovery.recover_stalled_jobs(sweeper_ctx(pool))
            assert await _queued(pool, job_id) == []
        job = await job_row(job_id)
        assert (job.status, job.recoveries) == ("running", 0)

    async def test_a_killed_workers_job_runs_again_at_once(
        self, committed_tenant: TenantInfo
    ) -> None:
        async with arq_queue() as pool:
            job_id = await _queue_bulk(committed_tenant, ArqQueue(pool))
            await _set_running(job_id)
            # What a worker killed mid-job leaves behind: its in-progress key, for an hour.
            in_progress = f"{in_progress_key_prefix}bulk:{job_id}"
            await pool.psetex(in_progress, 3_600_000, b"1")
            await recovery.recover_stalled_jobs(sweeper_ctx(pool))
            assert not await pool.exists(in_progress)
            await run_worker(pool)
        job = await job_row(job_id)
        assert (job.status, job.recoveries) == ("succeeded", 1)

    async def test_a_second_run_of_a_running_job_does_nothing(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_jobs, "LOCK_WAIT_SECONDS", 0.2)
        job_id = await _lost_job(committed_tenant)
        ids = {"bulk_job_id": str(job_id), "tenant_id": str(committed_tenant.id)}
        async with sweeper.running_alone(recovery.lock_name(job_id), 0):
            assert await bulk_jobs.run_bulk_job({}, **ids) == {
                "skipped": True,
                "already_running": True,
            }
        assert (await job_row(job_id)).status == "queued"
        await bulk_jobs.run_bulk_job({}, **ids)
        assert (await job_row(job_id)).status == "succeeded"


class TestTheCron:
    def test_one_cron_sweeps_every_domain(self) -> None:
        names = [job.name for job in WorkerSettings.cron_jobs]
        assert names.count("cron:recover_stalled_work") == 1
        assert "cron:recover_stalled_imports" not in names
        assert {recover_stalled_imports, recovery.recover_stalled_jobs} <= set(SWEEPS)

    def test_every_kind_of_queued_job_can_be_resumed(self) -> None:
        assert recovery.RESUMERS.keys() >= {"bulk.", "vouchers.issue"}
