"""The daily purge of events (and their deliveries) past `events_retention_days`."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.events.jobs import CRON_JOBS
from app.events.models import Event, WebhookDelivery, WebhookEndpoint
from app.events.retention import purge_events, purge_expired_events
from app.worker import WorkerSettings
from tests.events.conftest import emit


async def _endpoint(tenant_id: uuid.UUID) -> None:
    async with unit_of_work(tenant_id=tenant_id) as s:
        s.add(WebhookEndpoint(tenant_id=tenant_id, url="http://127.0.0.1:9/x", events=["*"],
                              active=True, secret="whsec_test"))  # fmt: skip


async def _age(tenant_id: uuid.UUID, marker: str, days: float) -> None:
    async with unit_of_work(tenant_id=tenant_id) as s:
        await s.execute(
            update(Event)
            .where(Event.tenant_id == tenant_id, Event.data["m"].astext == marker)
            .values(occurred_at=func.now() - timedelta(days=days))
        )


async def _left(tenant_id: uuid.UUID) -> tuple[list[str], int]:
    async with unit_of_work(tenant_id=tenant_id) as s:
        markers = await s.scalars(
            select(Event.data["m"].astext).where(Event.tenant_id == tenant_id).order_by(Event.id)
        )
        deliveries = await s.scalar(
            select(func.count()).where(WebhookDelivery.tenant_id == tenant_id)
        )
        return list(markers), int(deliveries or 0)


class TestPurge:
    async def test_events_past_retention_go_with_their_deliveries(
        self, committed_tenant: TenantInfo
    ) -> None:
        tenant_id = committed_tenant.id
        await _endpoint(tenant_id)
        for marker in ("old", "edge", "new"):
            await emit(tenant_id, "customer.created", m=marker)
        await _age(tenant_id, "old", 31)
        await _age(tenant_id, "edge", 29)
        assert await _left(tenant_id) == (["old", "edge", "new"], 3)
        assert await purge_events() >= 1
        assert await _left(tenant_id) == (["edge", "new"], 2)

    async def test_the_clock_decides_what_is_old(self, committed_tenant: TenantInfo) -> None:
        tenant_id = committed_tenant.id
        await emit(tenant_id, "customer.created", m="today")
        await purge_events(now=datetime.now(UTC) + timedelta(days=29))
        assert (await _left(tenant_id))[0] == ["today"]
        await purge_events(now=datetime.now(UTC) + timedelta(days=31))
        assert (await _left(tenant_id))[0] == []

    async def test_the_cron_purges(self, committed_tenant: TenantInfo) -> None:
        await emit(committed_tenant.id, "customer.created", m="old")
        await _age(committed_tenant.id, "old", 40)
        await purge_expired_events({})
        assert (await _left(committed_tenant.id))[0] == []

    def test_the_cron_runs_daily_in_the_worker(self) -> None:
        [job] = CRON_JOBS
        assert job.coroutine is purge_expired_events and job.unique
        assert job in WorkerSettings.cron_jobs
