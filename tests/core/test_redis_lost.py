"""Redis lost under a running import, with real processes (issue #14, surviving faults).

A real arq worker process runs an import against a Redis of the test's own. Midway through
the preview that Redis is killed (it keeps nothing on disk, so it comes back empty); midway
through the commit it is flushed. The database is the truth: the worker's sweeper queues
again what Redis lost, and the import completes exactly once. While Redis is away, the API
answers what does not need it and says it is degraded; nothing is a 500."""

import asyncio
import os
from pathlib import Path

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import Redis
from sqlalchemy import select

from app.core.context import TenantInfo
from app.core.db import open_read_pool, unit_of_work
from app.core.jobs import ArqQueue
from app.customers.models import Customer
from app.main import create_app
from tests.core.import_faults import ROWS, import_worker, imported, queue_import
from tests.core.outage_helpers import api_client
from tests.core.private_servers import PrivateRedis, private_redis
from tests.imports.phases import Phases, midway, state


async def _api_without_redis(tenant: TenantInfo, customer_id: str) -> None:
    """What the API answers while Redis is down: reads served, health degraded, no 500."""
    application = create_app()
    application.state.redis = Redis.from_url(
        "redis://127.0.0.1:1/0", socket_timeout=1, socket_connect_timeout=1
    )
    application.state.job_queue = ArqQueue(ArqRedis.from_url("redis://127.0.0.1:1/0"))
    application.state.read_pool = await open_read_pool()
    try:
        async with await api_client(application, tenant) as client:
            assert (await client.get(f"/customers/{customer_id}")).status_code == 200
            assert (
                await client.get("/customers/lookup", params={"phone": "600555111"})
            ).status_code == 200
            listed = await client.get("/customers", params={"limit": 5})
            assert listed.status_code == 200, listed.text
            made = await client.post("/customers", json={"last_name": "Bez", "phone": "600555112"})
            assert made.status_code == 201, made.text
            health = await client.get("/health")
            assert health.json()["status"] == "degraded"
            assert health.json()["redis"] != "ok"
    finally:
        await application.state.read_pool.close()
        await application.state.redis.aclose()


async def _restart(redis: PrivateRedis) -> None:
    await asyncio.to_thread(redis.start)


class TestRedisLostUnderAnImport:
    async def test_killed_in_preview_and_flushed_in_commit_it_completes_exactly_once(
        self, committed_tenant: TenantInfo, tmp_path: Path
    ) -> None:
        log = tmp_path / "workers.log"
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            s.add(Customer(tenant_id=committed_tenant.id, last_name="Stała", phone="+48600555111"))
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            known = await s.scalar(
                select(Customer.id).where(Customer.tenant_id == committed_tenant.id)
            )
        with private_redis() as redis:
            pool = await create_pool(RedisSettings.from_dsn(redis.url))
            try:
                imp = await queue_import(committed_tenant, pool)
                async with Phases(committed_tenant.id) as phases:
                    with import_worker(redis.url, log):
                        await phases.wait(imp.id, midway("validating"), 180)
                        redis.kill()
                        await _api_without_redis(committed_tenant, str(known))
                        await _restart(redis)
                        # A worker that died with its Redis is replaced, as a supervisor
                        # would; one that survived goes on. Two never run one import at once.
                        with import_worker(redis.url, log):
                            await phases.wait(imp.id, midway("committing"), 240)
                            flushed = Redis.from_url(redis.url)
                            await flushed.flushall()
                            await flushed.aclose()
                            await phases.wait(imp.id, lambda c: c["status"] == "completed", 300)
                done = await state(imp.id)
            finally:
                await pool.aclose()
        assert done.status == "completed"
        assert await imported(committed_tenant, imp.id) == (ROWS, ROWS)
        assert done.progress["done"] == ROWS
        # Whether the sweeper had to queue a phase again depends on where Redis was lost
        # (a surviving worker may finish on its own); either way the work ran once.


def test_the_helpers_do_not_touch_the_shared_redis() -> None:
    # The private server has a port of its own; the run's Redis is left alone.
    with private_redis() as redis:
        assert redis.url != os.environ["REDIS_URL"]
        assert redis.answers()
    assert not redis.answers()
