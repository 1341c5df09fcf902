"""Recovery: hand an import whose job died to a live worker, or give it up after too many
tries (a given-up commit's writes are undone by `discard_import`)."""

import uuid
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import jobs, sweeper, tenancy
from app.core.config import get_settings
from app.core.sweeper import Verdict
from app.events import outbox
from app.imports.commit import discard
from app.imports.models import Import
from app.imports.running import exclusive, lock_name, uow
from app.imports.status import ImportStatus

log = structlog.get_logger()

# Recoveries of one phase of an import (a worker died, or the job failed) before it is
# given up as failed.
MAX_RECOVERIES = 3

# The job of each running status, and the prefix of its arq job ids (see service.py).
RUNNING: dict[str, str] = {
    ImportStatus.VALIDATING: "preview",
    ImportStatus.COMMITTING: "commit",
    ImportStatus.REVERTING: "revert",
}
JOB_OF = {"preview": "preview_import", "commit": "commit_import", "revert": "revert_import"}


async def recover_stalled_imports(ctx: dict[str, Any]) -> int:
    """Hand the imports whose job died (no progress for a while, and no job holding the
    import's lock) to a live worker; after `MAX_RECOVERIES` of one phase, give up: the
    import fails with the reason, and a commit's partial writes are undone."""
    recovered = 0
    async with uow(ctx, None) as s:
        tenant_ids = await tenancy.all_tenant_ids(s)
    for t in tenant_ids:
        recovered += await _recover_tenant(ctx, t)
    return recovered


async def _recover_tenant(ctx: dict[str, Any], t: uuid.UUID) -> int:
    """One tenant's stalled imports, with the tenant set (row-level security; on Citus one
    shard group's statement, as its `FOR UPDATE SKIP LOCKED` must be)."""
    stale = get_settings().import_stale_after_seconds
    recovered = 0
    async with uow(ctx, t, queue=True) as s:
        stalled = await s.scalars(
            select(Import)
            .where(
                Import.tenant_id == t,
                Import.status.in_(RUNNING),
                Import.updated_at < func.now() - func.make_interval(0, 0, 0, 0, 0, 0, stale),
            )
            .with_for_update(skip_locked=True)
        )
        for imp in stalled:
            kind = RUNNING[imp.status]
            progress = imp.progress or {}
            tries = int(progress.get("recoveries", 0)) + 1
            verdict = await sweeper.triage(
                s,
                ctx.get("redis"),
                lock=lock_name(imp.id),
                job_ids=f"import-{kind}-{imp.id}*",
                recoveries=tries - 1,
                max_recoveries=MAX_RECOVERIES,
            )
            if verdict is Verdict.ALIVE:
                continue
            imp.updated_at = func.statement_timestamp()  # type: ignore[assignment]
            if verdict is Verdict.WAITING:
                continue  # waiting for a free worker, not lost
            if verdict is Verdict.GIVE_UP:
                await _give_up(s, imp, kind)
                recovered += 1
                continue
            imp.progress = {**progress, "recoveries": tries}
            if verdict is Verdict.LOST:
                jobs.enqueue(
                    s,
                    JOB_OF[kind],
                    job_id=f"import-{kind}-{imp.id}-{uuid.uuid4().hex[:8]}",
                    tenant_id=str(imp.tenant_id),
                    import_id=str(imp.id),
                )
            log.warning("import.recovered", import_id=str(imp.id), status=imp.status, tries=tries)
            recovered += 1
    return recovered


async def _give_up(s: AsyncSession, imp: Import, kind: str) -> None:
    progress = imp.progress or {}
    last = progress.get("last_error")
    imp.error = (
        f"The import stopped {MAX_RECOVERIES + 1} times while {imp.status} and was given up"
        + (f"; the last error: {last}" if last else " (its worker was lost each time).")
    )
    if kind == "revert":
        imp.error += " Part of it may be reverted already: revert it again to finish."
    imp.status = ImportStatus.FAILED
    imp.progress = {**progress, "phase": ImportStatus.FAILED, "given_up": kind}
    await outbox.emit(
        s, imp.tenant_id, "import.failed", {"id": imp.id, "error": imp.error},
        subject_id=imp.id,
    )  # fmt: skip
    imp.updated_at = func.statement_timestamp()  # type: ignore[assignment]
    if kind != "revert":  # a failed preview or commit leaves nothing behind
        jobs.enqueue(
            s,
            "discard_import",
            job_id=f"import-discard-{imp.id}",
            tenant_id=str(imp.tenant_id),
            import_id=str(imp.id),
        )
    log.error("import.given_up", import_id=str(imp.id), error=imp.error)


async def discard_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Clean up after an import given up (see `recover_stalled_imports`)."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with exclusive(i) as mine:
        if not mine:
            return "already running"
        return await discard(ctx, t, i)
