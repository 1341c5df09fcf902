"""The revert job: undo a completed import, range by range (see `undoing.undo_chunk`)."""

import uuid
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import statistics
from app.events import outbox
from app.imports import staging, undoing
from app.imports.running import (
    beat,
    exclusive,
    guarded,
    load,
    progress_of,
    ranges,
    run_chunks,
    still,
    uow,
)
from app.imports.schemas import Mapping
from app.imports.status import ImportStatus


async def revert_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Undo a completed import, range by range (see `commit.undo_chunk`)."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with exclusive(i) as mine:
        if not mine:
            return "already running"
        return await guarded(ctx, t, i, _revert(ctx, t, i))


async def _revert(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    imp = await load(ctx, t, i, ImportStatus.REVERTING)
    if imp is None:
        return "not reverting"
    on_duplicate = Mapping(**imp.mapping).on_duplicate
    async with uow(ctx, t) as s:
        first, last, staged = await staging.staged_range(s, t, i)
        current = await still(s, t, i, ImportStatus.REVERTING)
        if current is None:
            return "not reverting"
        done = current.progress.get("chunks", [])
        beat(
            current,
            ImportStatus.REVERTING,
            current.progress.get("done", 0),
            current.progress.get("total", 0),
        )

    async def undo(s: AsyncSession, lo: int, hi: int) -> tuple[list[int], int]:
        n = await undoing.undo_chunk(s, t, i, lo, hi, on_duplicate)
        return [lo, hi, n, 0], n

    if not await run_chunks(ctx, t, i, ImportStatus.REVERTING, ranges(first, last, done), undo):
        return "not reverting"
    async with uow(ctx, t) as s:
        await statistics.refresh_after(s, staging.WRITTEN_TABLES, staged)
    async with uow(ctx, t) as s:
        current = await still(s, t, i, ImportStatus.REVERTING)
        if current is None:
            return "not reverting"
        current.status = ImportStatus.REVERTED
        await outbox.emit(s, t, "import.reverted", {"id": i}, subject_id=i)
        total = current.progress.get("total", 0)
        current.progress = progress_of(
            ImportStatus.REVERTED, current.progress.get("done", 0), total
        )
        current.updated_at = func.statement_timestamp()  # type: ignore[assignment]
    return ImportStatus.REVERTED
