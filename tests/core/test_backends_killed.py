"""Database backends killed (`pg_terminate_backend`) under work: a burst of till calls and a
bulk job (issue #14, surviving faults; an import commit is in tests/core/test_redis_lost.py
and tests/imports/test_kill_worker.py).

Every call is answered (a 503 `database_unavailable` to retry, never a 500), every job
resumes, nothing is recorded twice and no aggregate drifts: the reconciliation finds 0."""

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import asyncpg
import pytest
from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import func, select
from structlog.testing import capture_logs

from app.bulk import service as bulk_service
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.core.jobs import ArqQueue
from app.customers.models import Customer
from app.jobs.models import Job
from app.main import create_app
from app.stats import aggregates
from app.transactions.models import Transaction
from app.worker import WorkerSettings
from tests.core.import_faults import ROWS, import_worker, imported, queue_import
from tests.core.outage_helpers import api_client
from tests.core.private_servers import private_redis
from tests.core.test_outages import _plain_dsn, live_app  # noqa: F401 (a fixture)
from tests.imports.phases import Phases, midway
from tests.owner import owner_unit_of_work

RECEIPTS = 120
CUSTOMERS = 6
KILL_ROUNDS = 40


@contextlib.asynccontextmanager
async def killing_backends(
    every: float = 0.15, rounds: int | None = None
) -> AsyncIterator[list[int]]:
    """Terminate the app's connections to the test database again and again while the
    block runs, as a failover or an operator's `pg_terminate_backend` would."""
    killed: list[int] = []
    admin = await asyncpg.connect(
        _plain_dsn(os.environ["MIGRATIONS_DATABASE_URL"]),
        server_settings={"application_name": "admin"},
    )
    stop = asyncio.Event()

    async def kill() -> None:
        done = 0
        while not stop.is_set() and (rounds is None or done < rounds):
            pids = await admin.fetchval(
                "SELECT array_agg(pid) FROM pg_stat_activity WHERE datname = current_database()"
                " AND application_name = 'kartoteka' AND pid <> pg_backend_pid()"
            )
            if pids:
                await admin.execute("SELECT pg_terminate_backend(p) FROM unnest($1::int[]) p", pids)
                killed.extend(pids)
                done += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

    task = asyncio.create_task(kill())
    try:
        yield killed
    finally:
        stop.set()
        await task
        await admin.close()


async def _drift(tenant: TenantInfo) -> int:
    async with unit_of_work(tenant_id=tenant.id) as s:
        return (await aggregates.reconcile(s, tenant.id, fix=False)).customers


class TestTillBurst:
    async def test_every_receipt_is_recorded_once_and_no_aggregate_drifts(
        self,
        committed_tenant: TenantInfo,
        live_app: FastAPI,  # noqa: F811
    ) -> None:
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            s.add_all(
                Customer(tenant_id=committed_tenant.id, last_name=f"K{i}", phone=f"+4860070{i:04d}")
                for i in range(CUSTOMERS)
            )
        answers: list[int] = []
        gate = asyncio.Semaphore(16)

        async def till(n: int) -> None:
            body = {
                "customer": {"phone": f"60070{n % CUSTOMERS:04d}"},
                "amount": f"{10 + n}.50",
                "external_ref": f"R-{n}",
            }
            async with gate:
                # A till retries until it has an answer that is not "try again".
                for _ in range(200):
                    r = await client.post("/transactions", json=body)
                    answers.append(r.status_code)
                    if r.status_code in (200, 201):
                        return
                    assert r.status_code == 503, r.text
                    # query_timeout: on Citus a receipt whose backend was killed between the
                    # two phases of its commit holds its locks until the coordinator's recovery
                    # settles it (citus.recover_2pc_interval); a receipt waiting behind it times
                    # out. Both say "try again", neither loses or doubles a receipt.
                    assert r.json()["code"] in ("database_unavailable", "query_timeout"), r.text
                    await asyncio.sleep(0.05)
                pytest.fail(f"receipt R-{n} was never recorded")

        async with await api_client(live_app, committed_tenant) as client:
            # A bounded storm: on a slow server (Citus' coordinator on this machine's two
            # cores) a receipt can take longer than the interval between kills, and an endless
            # storm would then let none through.
            async with killing_backends(rounds=KILL_ROUNDS) as killed:
                await asyncio.gather(*(till(n) for n in range(RECEIPTS)))
        assert killed, "no backend was killed: the test proved nothing"
        assert 503 in answers, "no request met a killed connection: the test proved nothing"
        assert 500 not in answers
        async with owner_unit_of_work() as s:
            count, total = (
                await s.execute(
                    select(func.count(), func.sum(Transaction.amount)).where(
                        Transaction.tenant_id == committed_tenant.id
                    )
                )
            ).one()
        assert count == RECEIPTS
        assert total == sum(Decimal(f"{10 + n}.50") for n in range(RECEIPTS))
        assert await _drift(committed_tenant) == 0


class TestBulkJob:
    async def test_a_bulk_job_resumes_after_its_connections_are_killed(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 10)
        monkeypatch.setattr(bulk_service, "CHUNK", 200)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            s.add_all(
                Customer(tenant_id=committed_tenant.id, last_name=f"B{i}", city="Kalisz")
                for i in range(3_000)
            )
        settings = RedisSettings.from_dsn(os.environ["REDIS_URL"])
        queue_name = f"kt-test-{uuid.uuid4().hex}"
        pool = await create_pool(settings, default_queue_name=queue_name)
        live = create_app()
        live.state.redis = Redis.from_url(os.environ["REDIS_URL"])
        live.state.job_queue = ArqQueue(pool)
        try:
            async with await api_client(live, committed_tenant) as client:
                queued = await client.post(
                    "/customers/bulk",
                    json={
                        "action": "set_status",
                        "selection": {"filter": "city = 'Kalisz'"},
                        "status": "blocked",
                    },
                )
            assert queued.status_code == 200, queued.text
            assert queued.json()["status"] == "queued"
            job_id = uuid.UUID(queued.json()["job_id"])
            worker = Worker(
                functions=WorkerSettings.functions,
                burst=True,
                poll_delay=0,
                redis_settings=settings,
                queue_name=queue_name,
                handle_signals=False,
                max_tries=WorkerSettings.max_tries,
            )
            try:
                with capture_logs() as logs:
                    async with killing_backends(every=0.4, rounds=5) as killed:
                        await asyncio.wait_for(worker.main(), 300)
            finally:
                await worker.close()
        finally:
            await pool.aclose()
            await live.state.redis.aclose()
        # Backends were killed while the worker ran; whether a kill met the job's own
        # statement depends on timing (when it did, the job logged the lost connection and
        # went on from its last chunk); either way it must succeed, every row changed once.
        assert killed
        lost = [e for e in logs if e["event"] == "job.database_connection_lost"]
        assert all(e["job"] == "run_bulk_job" for e in lost)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            job = await s.scalar(select(Job).where(Job.id == job_id))
            assert job is not None
            assert job.status == "succeeded", job.error
            blocked = await s.scalar(
                select(func.count())
                .select_from(Customer)
                .where(Customer.tenant_id == committed_tenant.id, Customer.status == "blocked")
            )
        assert blocked == 3_000


class TestImportCommit:
    async def test_an_import_commit_resumes_after_its_connections_are_killed(
        self, committed_tenant: TenantInfo, tmp_path: Path
    ) -> None:
        log = tmp_path / "workers.log"
        with private_redis() as redis:
            pool = await create_pool(RedisSettings.from_dsn(redis.url))
            try:
                imp = await queue_import(committed_tenant, pool)
                async with Phases(committed_tenant.id) as phases:
                    with import_worker(redis.url, log):
                        await phases.wait(imp.id, midway("committing"), 240)
                        async with killing_backends(every=0.5, rounds=3) as killed:
                            await asyncio.sleep(1.6)
                        await phases.wait(imp.id, lambda c: c["status"] == "completed", 300)
            finally:
                await pool.aclose()
        assert killed
        assert await imported(committed_tenant, imp.id) == (ROWS, ROWS)
        # The job that lost its connections was handed on by the sweeper, from the database.
        assert "import.recovered" in log.read_text(errors="replace")
