"""One job per import at a time, and a bounded number of recoveries before it is given up."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import func, select, text, update

from app.audit.models import AuditEvent
from app.core.context import TenantInfo
from app.core.db import get_engine, unit_of_work
from app.core.jobs import InMemoryQueue
from app.customers.models import Customer
from app.imports import commit, preview, recover, running, service, writing
from app.imports.models import Import, ImportRow
from tests.factories import owner_context
from tests.imports.test_jobs import _upload
from tests.owner import owner_unit_of_work

CSV = ("Imię;E-mail\n" + "".join(f"Anna{n};anna{n}@example.pl\n" for n in range(10))).encode()


@asynccontextmanager
async def _job_running(import_id: uuid.UUID) -> AsyncIterator[None]:
    """Hold the import's job lock, as a running job of it does."""
    async with get_engine().connect() as conn:
        key = func.hashtextextended(f"import {import_id}", 0)
        assert await conn.scalar(select(func.pg_try_advisory_lock(key)))
        try:
            yield
        finally:
            await conn.scalar(select(func.pg_advisory_unlock(key)))


async def _stale(import_id: uuid.UUID, **progress: Any) -> None:
    async with owner_unit_of_work() as s:
        await s.execute(
            update(Import)
            .where(Import.id == import_id)
            .values(updated_at=func.now() - text("interval '1 hour'"))
        )
        if progress:
            imp = await s.scalar(select(Import).where(Import.id == import_id))
            assert imp is not None
            imp.progress = {**imp.progress, **progress}


async def _state(import_id: uuid.UUID) -> Import:
    async with owner_unit_of_work() as s:
        imp = await s.scalar(select(Import).where(Import.id == import_id))
    assert imp is not None
    return imp


def _queued(queue: InMemoryQueue, import_id: uuid.UUID) -> list[str]:
    return [j.function for j in queue.jobs if j.kwargs.get("import_id") == str(import_id)]


class TestOneJobAtATime:
    async def test_a_second_job_of_a_running_import_does_nothing(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(running, "LOCK_WAIT_SECONDS", 0.2)
        import_id = await _upload(committed_tenant, CSV)
        ids = {"tenant_id": str(committed_tenant.id), "import_id": str(import_id)}
        async with _job_running(import_id):
            assert await preview.preview_import({}, **ids) == "already running"
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            staged = await s.scalar(
                select(func.count()).select_from(ImportRow).where(ImportRow.import_id == import_id)
            )
        assert (await _state(import_id)).status == "validating" and staged == 0
        assert await preview.preview_import({}, **ids) == "validated"

    async def test_recovery_leaves_a_slow_job_alone(self, committed_tenant: TenantInfo) -> None:
        import_id = await _upload(committed_tenant, CSV)
        await _stale(import_id)
        queue = InMemoryQueue()
        async with _job_running(import_id):
            await recover.recover_stalled_imports({"queue": queue})
        assert _queued(queue, import_id) == []
        await recover.recover_stalled_imports({"queue": queue})
        assert _queued(queue, import_id) == ["preview_import"]
        assert (await _state(import_id)).progress["recoveries"] == 1


class TestGivingUp:
    async def test_a_failing_commit_is_given_up_with_its_error_and_undone(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import_id = await _upload(committed_tenant, CSV)
        ids = {"tenant_id": str(committed_tenant.id), "import_id": str(import_id)}
        assert await preview.preview_import({}, **ids) == "validated"
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            await service.commit(s, owner_context(committed_tenant), import_id)
        # The second range of rows fails every time; the first is written.
        monkeypatch.setattr(running, "WRITE_CHUNK", 5)
        real = writing.write_chunk

        async def failing(s: Any, t: Any, i: Any, lo: int, *args: Any) -> Any:
            if lo > 5:
                raise RuntimeError("disk on fire")
            return await real(s, t, i, lo, *args)

        monkeypatch.setattr(writing, "write_chunk", failing)
        with pytest.raises(ExceptionGroup):
            await commit.commit_import({"write_connections": 1}, **ids)
        progress = (await _state(import_id)).progress
        assert progress["last_error"] == "RuntimeError: disk on fire"
        assert [c[:3] for c in progress["chunks"]] == [[1, 5, 5]]

        queue = InMemoryQueue()
        for _ in range(recover.MAX_RECOVERIES):
            await _stale(import_id)
            await recover.recover_stalled_imports({"queue": queue})
            assert (await _state(import_id)).status == "committing"
        await _stale(import_id)
        await recover.recover_stalled_imports({"queue": queue})
        failed = await _state(import_id)
        assert failed.status == "failed"
        assert failed.error is not None and "disk on fire" in failed.error
        assert _queued(queue, import_id)[-1] == "discard_import"

        event_id = failed.audit_event_id
        assert await recover.discard_import({}, **ids) == "failed"
        async with owner_unit_of_work() as s:
            customers = await s.scalar(
                select(func.count()).select_from(Customer).where(Customer.import_id == import_id)
            )
            staged = await s.scalar(
                select(func.count()).select_from(ImportRow).where(ImportRow.import_id == import_id)
            )
            event = await s.scalar(select(AuditEvent.id).where(AuditEvent.id == event_id))
        assert (customers, staged, event) == (0, 0, None)

    async def test_a_lost_preview_is_given_up_and_its_staging_dropped(
        self, committed_tenant: TenantInfo
    ) -> None:
        import_id = await _upload(committed_tenant, CSV)
        ids = {"tenant_id": str(committed_tenant.id), "import_id": str(import_id)}
        await _stale(import_id, recoveries=recover.MAX_RECOVERIES)
        queue = InMemoryQueue()
        await recover.recover_stalled_imports({"queue": queue})
        failed = await _state(import_id)
        assert failed.status == "failed" and "worker was lost" in (failed.error or "")
        assert await recover.discard_import({}, **ids) == "failed"
        assert await preview.preview_import({}, **ids) == "not validating"
