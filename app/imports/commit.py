"""The commit job: write the staged rows, range by range, several ranges side by side; and
the undo of a commit that was cancelled or given up (`discard`)."""

import uuid
from typing import Any

import structlog
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.audit.models import AuditEvent
from app.core import statistics
from app.core.context import SYSTEM, Context
from app.events import outbox
from app.imports import staging, undoing, writing
from app.imports.models import Import
from app.imports.running import (
    beat,
    exclusive,
    guarded,
    json_patch,
    load,
    long_statements,
    progress_of,
    ranges,
    run_chunks,
    still,
    uow,
)
from app.imports.schemas import Mapping
from app.imports.status import ImportStatus
from app.tags import service as tags_service
from app.tenants import service as tenants_service

log = structlog.get_logger()

INSUFFICIENT_PRIVILEGE = "42501"


async def commit_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Write the staged rows, range by range, several ranges side by side."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with exclusive(i) as mine:
        if not mine:
            return "already running"
        return await guarded(ctx, t, i, _commit(ctx, t, i))


async def _commit(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    imp = await load(ctx, t, i, ImportStatus.COMMITTING)
    if imp is None:
        return await discard(ctx, t, i)
    mapping = Mapping(**imp.mapping)
    async with uow(ctx, t) as s:
        await long_statements(s)
        names = await staging.staged_tag_names(s, t, i)
        names += mapping.add_tags
        for k in range(0, len(names), 100):
            await tags_service.ensure_tags(s, t, names[k : k + 100])
        first, last, staged = await staging.staged_range(s, t, i)
        current = await still(s, t, i, ImportStatus.COMMITTING)
        if current is None:
            event_id = None
        else:
            # One audit event for the import: the customers it creates carry its id, the
            # ones it updates are linked to it chunk by chunk.
            if current.audit_event_id is None:
                event = await audit.record(
                    s, await _system(s, t), audit.IMPORTED, "import", i,
                    meta={"import_id": str(i), "file_name": current.file_name,
                          "by": current.created_by},
                )  # fmt: skip
                current.audit_event_id = event.id
            event_id = current.audit_event_id
            done = current.progress.get("chunks", [])
            beat(current, ImportStatus.COMMITTING, current.progress.get("done", 0), staged)
    if event_id is None:
        return await discard(ctx, t, i)

    async def write(s: AsyncSession, lo: int, hi: int) -> tuple[list[int], int]:
        created, updated, rows = await writing.write_chunk(
            s, t, i, lo, hi, mapping.on_duplicate, event_id
        )
        if "opening_points" in mapping.columns.values():
            await writing.open_balances(s, t, i, lo, hi)
        return [lo, hi, created, updated], rows

    if not await run_chunks(ctx, t, i, ImportStatus.COMMITTING, ranges(first, last, done), write):
        return await discard(ctx, t, i)
    await _merge_search_index(ctx, i)
    async with uow(ctx, t) as s:
        # The chunks are committed: a revert right after plans on fresh statistics.
        await statistics.refresh_after(s, staging.WRITTEN_TABLES, staged)
    async with uow(ctx, t) as s:
        current = await still(s, t, i, ImportStatus.COMMITTING)
        if current is None:
            return await discard(ctx, t, i)
        chunks = current.progress.get("chunks", [])
        created = sum(c[2] for c in chunks)
        updated = sum(c[3] for c in chunks)
        counts = {"created": created, "updated": updated, "skipped": staged - created - updated}
        current.counts = {**current.counts, **counts}
        await s.execute(
            update(AuditEvent)
            .where(AuditEvent.tenant_id == t, AuditEvent.id == current.audit_event_id)
            .values(meta=AuditEvent.meta.op("||")(json_patch(**counts, done=staged)))
        )
        current.status = ImportStatus.COMPLETED
        current.progress = progress_of(ImportStatus.COMPLETED, staged, staged)
        # One summary event, not one per row (app/events/catalogue.py).
        await outbox.emit(s, t, "import.completed", {"id": i, **counts}, subject_id=i)
    return ImportStatus.COMPLETED


async def _merge_search_index(ctx: dict[str, Any], i: uuid.UUID) -> None:
    """Merge the quick-search index's pending entries (the chunks leave up to
    `gin_pending_list_limit` of them) into the index now: until then every quick search reads
    them all, and the next write to customers, an API request as likely as not, would merge
    them itself and pay seconds for it."""
    try:
        async with uow(ctx, None) as s:
            await long_statements(s)
            # As the index's owner (migration 0032): the app's role may not.
            await s.execute(text("SELECT kt_merge_search_index()"))
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        # Only the index's owner may; autovacuum merges it later otherwise.
        log.warning("import.search_index_not_merged", import_id=str(i), reason=str(exc.orig))


async def _system(s: AsyncSession, t: uuid.UUID) -> Context:
    tenant = tenants_service.info(await tenants_service.get(s, t))
    return Context(tenant=tenant, principal=SYSTEM)


async def discard(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    """Undo what a cancelled (or given up) commit wrote, with its audit event, and drop the
    staging rows; all in one transaction."""
    async with uow(ctx, t) as s:
        imp = await s.scalar(
            select(Import)
            .where(Import.tenant_id == t, Import.id == i)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if imp is None or imp.status not in (ImportStatus.CANCELLED, ImportStatus.FAILED):
            return "nothing to do"
        await long_statements(s)
        if imp.audit_event_id is not None:
            await undoing.undo(s, t, i, Mapping(**imp.mapping).on_duplicate)
            await s.execute(
                text("DELETE FROM audit_events WHERE tenant_id = :t AND id = :e"),
                {"t": t, "e": imp.audit_event_id},
            )
            imp.audit_event_id = None
        await staging.clear_staging(s, t, i)
    return imp.status
