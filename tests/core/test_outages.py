"""Redis or PostgreSQL down or restarted: what was committed is answered, the rest is a 503.

Real servers and real refused connections (a closed port), no mocks of either."""

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from arq.connections import ArqRedis
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import async_sessionmaker
from structlog.testing import capture_logs

from app.auth.deps import forget_cached_keys
from app.bulk import service as bulk_service
from app.core import jobs as core_jobs
from app.core.context import TenantInfo
from app.core.db import make_engine, open_read_pool, unit_of_work
from app.core.jobs import ArqQueue, InMemoryQueue
from app.customers.models import Customer
from app.jobs.recovery import recover_stalled_jobs
from app.main import create_app
from tests.core.outage_helpers import (
    api_client,
    arq_queue,
    job_row,
    make_stale,
    run_worker,
    sweeper_ctx,
)

# Nothing listens on port 1: every connection is refused at once.
REDIS_DOWN = "redis://127.0.0.1:1/0"
DATABASE_DOWN = str(
    make_url(os.environ["DATABASE_URL"]).set(host="127.0.0.1", port=1).render_as_string(False)
)


def _plain_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
async def live_app() -> AsyncIterator[FastAPI]:
    """The app as it runs: real sessions that commit, the real read pool and Redis."""
    application = create_app()
    application.state.redis = Redis.from_url(os.environ["REDIS_URL"])
    application.state.job_queue = InMemoryQueue()
    application.state.read_pool = await open_read_pool()
    forget_cached_keys()
    yield application
    await application.state.read_pool.close()
    await application.state.redis.aclose()


async def _customers(tenant: TenantInfo, n: int, city: str) -> None:
    async with unit_of_work(tenant_id=tenant.id) as s:
        s.add_all(Customer(tenant_id=tenant.id, last_name=f"K{i}", city=city) for i in range(n))


class TestRedisDown:
    async def test_a_queued_voucher_issue_is_answered_and_its_job_run_once_redis_is_back(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        await _customers(committed_tenant, 3, "Kalisz")
        application = create_app()
        application.state.redis = Redis.from_url(REDIS_DOWN)
        application.state.job_queue = ArqQueue(ArqRedis.from_url(REDIS_DOWN))
        async with await api_client(application, committed_tenant) as client:
            with capture_logs() as logs:
                r = await client.post(
                    "/vouchers/issue", json={"value": "5", "filter": "city = 'Kalisz'"}
                )
        assert r.status_code == 202, r.text
        assert (r.json()["status"], r.json()["matched"]) == ("queued", 3)
        # The rate limiter fails open first (logged), then the enqueue fails (logged).
        assert [e["event"] for e in logs if e["log_level"] == "warning"] == [
            "ratelimit.unavailable",
            "jobs.enqueue_failed",
        ]
        job_id = uuid.UUID(r.json()["job_id"])
        assert (await job_row(job_id)).status == "queued"

        await make_stale(job_id)
        async with arq_queue() as pool:
            await recover_stalled_jobs(sweeper_ctx(pool))
            await run_worker(pool)
        job = await job_row(job_id)
        assert (job.status, job.done, job.recoveries) == ("succeeded", 3, 1)
        await application.state.redis.aclose()

    async def test_a_redis_that_never_answers_holds_the_write_only_so_long(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        monkeypatch.setattr(core_jobs, "ENQUEUE_TIMEOUT_SECONDS", 0.5)
        await _customers(committed_tenant, 3, "Gniezno")
        server = await asyncio.start_server(_silent, "127.0.0.1", 0)
        hung = f"redis://127.0.0.1:{server.sockets[0].getsockname()[1]}/0"
        application = create_app()
        application.state.redis = Redis.from_url(REDIS_DOWN)
        application.state.job_queue = ArqQueue(ArqRedis.from_url(hung))
        body = {
            "action": "set_status",
            "selection": {"filter": "city = 'Gniezno'"},
            "status": "blocked",
        }
        try:
            async with await api_client(application, committed_tenant) as client:
                r = await asyncio.wait_for(client.post("/customers/bulk", json=body), 10)
        finally:
            server.close()
            await application.state.redis.aclose()
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "queued"
        assert (await job_row(uuid.UUID(r.json()["job_id"]))).status == "queued"


async def _silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A server that takes the connection and never answers, as a hung Redis does."""
    await reader.read()
    writer.close()


async def _kill_app_connections() -> int:
    """Terminate the app's connections to the test database, as a server restart does, and
    wait until they are gone (and their clients have seen the socket close)."""
    admin = await asyncpg.connect(
        _plain_dsn(os.environ["MIGRATIONS_DATABASE_URL"]),
        server_settings={"application_name": "admin"},
    )
    try:
        pids = await admin.fetchval(
            "SELECT array_agg(pid) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = 'kartoteka' AND pid <> pg_backend_pid()"
        )
        await admin.execute("SELECT pg_terminate_backend(p) FROM unnest($1::int[]) p", pids)
        for _ in range(100):
            left = "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])"
            if not await admin.fetchval(left, pids):
                break
            await asyncio.sleep(0.05)
    finally:
        await admin.close()
    await asyncio.sleep(0.2)
    return len(pids or [])


class TestDatabaseRestart:
    async def test_the_request_after_the_connections_were_killed_succeeds(
        self, committed_tenant: TenantInfo, live_app: FastAPI
    ) -> None:
        async with await api_client(live_app, committed_tenant) as client:
            created = await client.post(
                "/customers", json={"last_name": "Nowak", "phone": "600100200"}
            )
            assert created.status_code == 201, created.text
            one = f"/customers/{created.json()['id']}"
            assert (await client.get(one)).status_code == 200
            # The ORM's pool and the plain read pool each lose their connections.
            assert await _kill_app_connections() >= 2
            forget_cached_keys()
            again = await client.get(one)
            assert again.status_code == 200, again.text
            other = await client.post("/customers", json={"last_name": "Lis", "phone": "600100201"})
            assert other.status_code == 201, other.text


def _assert_unavailable(r: Any) -> None:
    assert r.status_code == 503, r.text
    assert r.json()["code"] == "database_unavailable"
    assert r.headers["Retry-After"] == "5"


class TestDatabaseUnavailable:
    async def test_a_refused_connection_is_a_503_to_retry(
        self, committed_tenant: TenantInfo, live_app: FastAPI
    ) -> None:
        down = make_engine(DATABASE_DOWN)
        live_app.state.read_sessions = async_sessionmaker(down)
        try:
            async with await api_client(live_app, committed_tenant) as client:
                _assert_unavailable(await client.get("/customers"))
        finally:
            await down.dispose()

    async def test_a_refused_read_pool_connection_is_a_503_to_retry(
        self, committed_tenant: TenantInfo, live_app: FastAPI
    ) -> None:
        async with await api_client(live_app, committed_tenant) as client:
            assert (await client.get("/customers")).status_code == 200  # the key is cached
            await live_app.state.read_pool.close()
            live_app.state.read_pool = await asyncpg.create_pool(
                _plain_dsn(DATABASE_DOWN), min_size=0
            )
            _assert_unavailable(await client.get(f"/customers/{uuid.uuid4()}"))

    async def test_a_pool_out_of_connections_is_a_503_to_retry(
        self, committed_tenant: TenantInfo, live_app: FastAPI
    ) -> None:
        full = make_engine(pool_size=1, max_overflow=0, pool_timeout=0.2)
        live_app.state.read_sessions = async_sessionmaker(full)
        try:
            async with full.connect(), await api_client(live_app, committed_tenant) as client:
                _assert_unavailable(await client.get("/customers"))
        finally:
            await full.dispose()

    async def test_a_server_out_of_connection_slots_is_a_503_to_retry(
        self, committed_tenant: TenantInfo, live_app: FastAPI
    ) -> None:
        # A role allowed no connections gets PostgreSQL's "too many connections" at once.
        role = f"kt_full_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(_plain_dsn(os.environ["MIGRATIONS_DATABASE_URL"]))
        await admin.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT 0")
        full = make_engine(str(make_url(os.environ["DATABASE_URL"]).set(username=role)))
        live_app.state.read_sessions = async_sessionmaker(full)
        try:
            async with await api_client(live_app, committed_tenant) as client:
                _assert_unavailable(await client.get("/customers"))
        finally:
            await full.dispose()
            await admin.execute(f"DROP ROLE {role}")
            await admin.close()
