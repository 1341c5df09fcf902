"""The daily retention purge: what is kept only for a while goes when its time is up.

Counted from when an import or a job finished (its last update): the uploaded file (and so
the error file made from it) after `retention_upload_days`, the staging rows — each row as it
was in the file, and the `before` values a revert restores — after `retention_staging_days`
(after which the import can no longer be reverted: 409 `import_expired`), a finished bulk
job's row with its parameters after `retention_jobs_days`. Idempotent responses expire in
Redis after `idempotency_ttl_seconds`; exports are never kept on disk. Tenant by tenant, each
in its own transaction, so one tenant's purge never holds another's rows.
"""

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.config import get_settings
from app.core.db import unit_of_work
from app.imports.models import Import, ImportRow, ImportRowError
from app.imports.storage import get_storage
from app.jobs.models import Job
from app.privacy.erasure import finished_import_statuses

log = structlog.get_logger()
UnitOfWork = Callable[[], AbstractAsyncContextManager[AsyncSession]]
_FINISHED_JOBS = ("succeeded", "failed", "cancelled")


async def purge(now: datetime | None = None, uow: UnitOfWork = unit_of_work) -> dict[str, int]:
    """Purge every tenant; how many files, imports' staging and jobs went."""
    now = now or datetime.now(UTC)
    settings = get_settings()
    cutoffs = {
        "files": now - timedelta(days=settings.retention_upload_days),
        "staging": now - timedelta(days=settings.retention_staging_days),
        "jobs": now - timedelta(days=settings.retention_jobs_days),
    }
    async with uow() as session:
        tenant_ids = await tenancy.all_tenant_ids(session)
    totals = {"files": 0, "staging": 0, "jobs": 0}
    for tenant_id in tenant_ids:
        done = await _purge_tenant(uow, tenant_id, cutoffs, now)
        for key, count in done.items():
            totals[key] += count
    log.info("privacy.retention_purged", tenants=len(tenant_ids), **totals)
    return totals


async def _purge_tenant(
    uow: UnitOfWork, t: uuid.UUID, cutoffs: dict[str, datetime], now: datetime
) -> dict[str, int]:
    finished = Import.status.in_(finished_import_statuses())
    async with uow() as session:
        await tenancy.use_tenant(session, t)
        files = (
            await session.execute(
                select(Import.id, Import.storage_key).where(
                    Import.tenant_id == t,
                    finished,
                    Import.updated_at < cutoffs["files"],
                    Import.file_purged_at.is_(None),
                )
            )
        ).all()
        # Deleted before the mark is committed: a failed commit leaves the file gone and the
        # mark unset, and the next run deletes nothing twice (a missing file is no error).
        storage = get_storage()
        for _, key in files:
            storage.delete(key)
        if files:
            await session.execute(
                update(Import)
                .where(Import.tenant_id == t, Import.id.in_([i for i, _ in files]))
                .values(file_purged_at=now)
            )
        stale = list(
            await session.scalars(
                select(Import.id).where(
                    Import.tenant_id == t,
                    finished,
                    Import.updated_at < cutoffs["staging"],
                    Import.staging_purged_at.is_(None),
                )
            )
        )
        if stale:
            for table in (ImportRow, ImportRowError):
                await session.execute(
                    delete(table).where(table.tenant_id == t, table.import_id.in_(stale))
                )
            await session.execute(
                update(Import)
                .where(Import.tenant_id == t, Import.id.in_(stale))
                .values(staging_purged_at=now, sample=[])
            )
        jobs = await session.execute(
            delete(Job).where(
                Job.tenant_id == t,
                Job.status.in_(_FINISHED_JOBS),
                Job.updated_at < cutoffs["jobs"],
            )
        )
    return {"files": len(files), "staging": len(stale), "jobs": int(jobs.rowcount)}  # type: ignore[attr-defined]


async def purge_expired(ctx: dict[str, Any]) -> dict[str, int]:
    """The daily cron."""
    return await purge()
