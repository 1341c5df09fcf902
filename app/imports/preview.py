"""The preview job: validate every row of the file into the staging table, then count the
creates, updates and skips. A retry starts over from a clean staging area."""

import asyncio
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
import structlog
from sqlalchemy import select, text

from app.core import jobs
from app.core.config import get_settings
from app.custom_fields import service as custom_fields
from app.events import outbox
from app.imports import matching, staging, suppression
from app.imports.detect import Detected, FileProblem, ReadPosition, iter_rows
from app.imports.frames import NotPlain, csv_frames
from app.imports.models import Import
from app.imports.running import (
    Stopped,
    beat,
    exclusive,
    guarded,
    load,
    long_statements,
    progress_of,
    still,
    unflushed,
    uow,
)
from app.imports.schemas import Mapping
from app.imports.service import detected_of
from app.imports.status import ImportStatus
from app.imports.storage import get_storage
from app.imports.validate import (
    STAGE_COLUMNS,
    Spec,
    duplicates_in_file,
    frame_of_rows,
    validate_frame,
)
from app.tenants import service as tenants_service

log = structlog.get_logger()

# Rows of a spreadsheet (or a CSV the stdlib reader reads) validated and staged at once.
PREVIEW_CHUNK = 50_000


async def preview_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Validate every row into the staging table; count creates, updates and skips."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with exclusive(i) as mine:
        if not mine:
            return "already running"
        return await guarded(ctx, t, i, _preview(ctx, t, i))


async def _preview(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    imp = await load(ctx, t, i, ImportStatus.VALIDATING)
    if imp is None:
        return "not validating"
    async with uow(ctx, t) as s:
        await long_statements(s)
        await staging.clear_staging(s, t, i)
        defs = await custom_fields.list_definitions(s, t)
        shared_phone = (await tenants_service.get(s, t)).shared_phone_allowed
        started = await still(s, t, i, ImportStatus.VALIDATING)
        if started is not None:  # a retry starts over: progress from zero, heartbeat now
            beat(started, ImportStatus.VALIDATING, 0, 0)
    mapping = Mapping(**imp.mapping)
    d = detected_of(imp)
    path = get_storage().local_path(imp.storage_key)

    def spec() -> Spec:
        cf = {x.key: (x.type, x.choices) for x in defs}
        return Spec(header=d.header, mapping=mapping, custom_fields=cf, shared_phone=shared_phone)

    try:
        staged = await _stage_file(ctx, t, i, path, d, spec)
    except FileProblem as exc:
        await _fail(ctx, t, i, exc.message)
        return ImportStatus.FAILED
    if staged is None:
        await _drop_staging_unless(ctx, t, i, ImportStatus.VALIDATING)
        return ImportStatus.CANCELLED
    rows, duplicates = staged
    columns = {tgt: col for col, tgt in mapping.columns.items() if tgt}
    async with uow(ctx, t, queue=True) as s:
        current = await still(s, t, i, ImportStatus.VALIDATING)
        if current is None:
            return ImportStatus.CANCELLED
        await long_statements(s)
        await staging.reject_rows(s, t, i, duplicates)
        await matching.match_in_base(
            s,
            t,
            i,
            mapping.dedupe_key,
            mapping.on_duplicate,
            columns,
            rows,
            shared_phone=shared_phone,
        )
        await suppression.reject_erased_subjects(s, t, i, columns)
        counts = await staging.staging_counts(s, t, i)
        current.counts = {
            "rows": rows,
            "valid": rows - counts["invalid"],
            "invalid": counts["invalid"],
            "to_create": counts["to_create"],
            "to_update": counts["to_update"],
            "to_skip": counts["to_skip"],
        }
        sample = await s.execute(
            text(
                "SELECT " + ", ".join(STAGE_COLUMNS[1:]) + " FROM import_rows "
                "WHERE tenant_id=:t AND import_id=:i ORDER BY row_no LIMIT 5"
            ),
            {"t": t, "i": i},
        )
        current.sample = [
            {
                k: (str(v) if v is not None and not isinstance(v, dict | list) else v)
                for k, v in r._mapping.items()
                if v is not None
            }
            for r in sample
        ]
        current.progress = progress_of(ImportStatus.VALIDATED, rows, rows)
        current.status = ImportStatus.VALIDATED
        if current.auto_commit:
            current.status = ImportStatus.COMMITTING
            current.progress = progress_of(
                ImportStatus.COMMITTING, 0, counts["to_create"] + counts["to_update"]
            )
            jobs.enqueue(
                s,
                "commit_import",
                job_id=f"import-commit-{i}",
                tenant_id=str(t),
                import_id=str(i),
            )
    return ImportStatus.VALIDATED


Chunks = Iterator[tuple[pl.DataFrame, pl.DataFrame]]


async def _stage_file(
    ctx: dict[str, Any],
    t: uuid.UUID,
    i: uuid.UUID,
    path: Path,
    d: Detected,
    spec: Callable[[], Spec],
) -> tuple[int, pl.DataFrame] | None:
    """Validate and stage every row of the file: how many rows it has, and the errors of the
    staged rows that repeat an earlier one (see `duplicates_in_file`); None if cancelled.

    A CSV file is read by polars (`frames.py`); one that is not plainly well-formed is then
    read again, from the start, by the reference reader, which numbers and reports exactly
    what the user sees (and the two agree wherever both read a file, see the tests)."""
    if d.file_type == "csv":
        pos, fast = ReadPosition(), spec()
        try:
            rows = await _stage_chunks(ctx, t, i, fast, csv_frames(path, d, pos), pos)
            return None if rows is None else (rows, duplicates_in_file(fast))
        except NotPlain as exc:
            log.info("import.read_by_reference_reader", import_id=str(i), reason=str(exc))
            async with uow(ctx, t) as s:
                await long_statements(s)
                await staging.clear_staging(s, t, i)
    pos, reference = ReadPosition(), spec()
    rows = await _stage_chunks(ctx, t, i, reference, _row_chunks(path, d, pos), pos)
    return None if rows is None else (rows, duplicates_in_file(reference))


def _row_chunks(path: Path, d: Detected, pos: ReadPosition) -> Chunks:
    """The reference reader's rows in chunks, as frames."""
    chunk: list[tuple[int, list[str]]] = []
    for row in iter_rows(path, d, pos):
        chunk.append(row)
        if len(chunk) >= PREVIEW_CHUNK:
            yield frame_of_rows(chunk, len(d.header))
            chunk = []
    yield frame_of_rows(chunk, len(d.header))


async def _stage_chunks(
    ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, spec: Spec, chunks: Chunks, pos: ReadPosition
) -> int | None:
    """Validate each chunk and COPY its staging rows and errors, one transaction a chunk.

    Reading and checking the next chunk (polars, off the event loop) overlaps the database's
    work on the COPYs of the ones before, `import_write_connections` of them side by side
    (the database's share of the preview is the larger one)."""
    parallel = max(1, ctx.get("write_connections") or get_settings().import_write_connections)
    rows = 0
    staging: deque[asyncio.Task[bool]] = deque()
    ahead = asyncio.create_task(asyncio.to_thread(_next_checked, chunks, spec))
    try:
        while (item := await ahead) is not None:
            while len(staging) >= parallel:
                if not await staging.popleft():
                    return None
            ahead = asyncio.create_task(asyncio.to_thread(_next_checked, chunks, spec))
            valid, errors, n = item
            rows += n
            total = max(rows, round(rows * pos.total / max(pos.done, 1)))
            staging.append(asyncio.create_task(_stage(ctx, t, i, valid, errors, rows, total)))
        while staging:
            if not await staging.popleft():
                return None
    finally:
        # Let all finish (a thread cannot be cancelled; a COPY is short) before the caller
        # cleans up, on the same connection in tests.
        await asyncio.gather(ahead, *staging, return_exceptions=True)
    return rows


def _next_checked(chunks: Chunks, spec: Spec) -> tuple[pl.DataFrame, pl.DataFrame, int] | None:
    item = next(chunks, None)
    if item is None:
        return None
    frame, wrong = item
    result = validate_frame(frame, spec)
    return result.valid, pl.concat([wrong, result.errors]), frame.height + wrong.height


async def _stage(
    ctx: dict[str, Any],
    t: uuid.UUID,
    i: uuid.UUID,
    valid: pl.DataFrame,
    errors: pl.DataFrame,
    done: int,
    total: int,
) -> bool:
    try:
        async with uow(ctx, t) as s:
            await unflushed(s)
            await staging.copy_rows(s, t, i, valid)
            await staging.copy_errors(s, t, i, errors)
            # The import's row is locked only now, briefly: chunks COPY side by side, and a
            # cancel does not wait for a COPY. Cancelled meanwhile: the chunk rolls back.
            imp = await still(s, t, i, ImportStatus.VALIDATING)
            if imp is None:
                raise Stopped()
            # Chunks may commit out of order: progress never goes back.
            beat(imp, ImportStatus.VALIDATING, max(done, int(imp.progress.get("done", 0))), total)
    except Stopped:
        return False
    return True


async def _fail(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, reason: str) -> None:
    async with uow(ctx, t) as s:
        imp = await still(s, t, i, ImportStatus.VALIDATING)
        if imp is None:
            return
        await long_statements(s)
        await staging.clear_staging(s, t, i)
        imp.status = ImportStatus.FAILED
        imp.error = reason
        imp.progress = {**imp.progress, "phase": ImportStatus.FAILED}
        await outbox.emit(s, t, "import.failed", {"id": i, "error": reason}, subject_id=i)


async def _drop_staging_unless(
    ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, status: str
) -> None:
    """Drop a stopped preview's staging rows (unless the import went back to `status`)."""
    async with uow(ctx, t) as s:
        imp = await s.scalar(
            select(Import).where(Import.tenant_id == t, Import.id == i).with_for_update()
        )
        if imp is not None and imp.status != status:
            await long_statements(s)
            await staging.clear_staging(s, t, i)
