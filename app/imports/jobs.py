"""arq jobs of the import: validate every row (preview), write them (commit), undo (revert).

Each is safe to kill and retry, and never runs twice at once: a job holds its import's
advisory lock on a connection of its own while it runs (a killed worker's connection closes
and frees it), so a retry or a recovery of a job that is only slow waits instead of running
beside it. The preview starts over from a clean staging area. The commit and the revert work
in ranges of rows, several side by side; each range is one transaction that also adds the
range to the import's progress, so a retry does exactly the ranges not yet recorded.
"""

import asyncio
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import polars as pl
import structlog
from arq.worker import func as job_func
from sqlalchemy import cast, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.audit.models import AuditEvent
from app.core import jobs, statistics, sweeper
from app.core.config import get_settings
from app.core.context import SYSTEM, Context
from app.core.db import unit_of_work
from app.core.sweeper import Verdict
from app.custom_fields import service as custom_fields
from app.customers.search_indexes import CUSTOMER_SEARCH_INDEX
from app.imports import commit as sql
from app.imports import suppression
from app.imports.detect import Detected, FileProblem, ReadPosition, iter_rows
from app.imports.frames import NotPlain, csv_frames
from app.imports.models import Import
from app.imports.schemas import Mapping, Progress
from app.imports.service import detected_of
from app.imports.storage import get_storage
from app.imports.validate import (
    STAGE_COLUMNS,
    Spec,
    duplicates_in_file,
    frame_of_rows,
    validate_frame,
)
from app.tags import service as tags_service
from app.tenants import service as tenants_service

log = structlog.get_logger()

# Rows of a spreadsheet (or a CSV the stdlib reader reads) validated and staged at once.
PREVIEW_CHUNK = 50_000
# Staged rows written (or undone) in one transaction.
WRITE_CHUNK = 25_000
# The set-based steps over a whole import (matching, a cancelled commit's undo) outlast the
# API's bound.
LONG_STATEMENT = "10min"
# How long a job waits for its import's lock: a killed worker's last statement may still be
# running on the server, which frees the lock when it notices the closed connection.
LOCK_WAIT_SECONDS = 30
# Recoveries of one phase of an import (a worker died, or the job failed) before it is
# given up as failed.
MAX_RECOVERIES = 3
# What a commit or revert writes (the staging rows are what the revert's DELETE joins on).
WRITTEN_TABLES = ("customers", "customer_tags", "customer_consents", "cards", "import_rows")
# A chunk that lost a deadlock (two ranges updating one customer) is simply run again.
DEADLOCK = "40P01"
INSUFFICIENT_PRIVILEGE = "42501"

UnitOfWork = Callable[..., AbstractAsyncContextManager[AsyncSession]]


def _uow(ctx: dict[str, Any], *, queue: bool = False) -> AbstractAsyncContextManager[AsyncSession]:
    """The worker's unit of work; `ctx["unit_of_work"]` replaces it (tests share one session)."""
    factory: UnitOfWork = ctx.get("unit_of_work", unit_of_work)
    return factory(ctx.get("queue")) if queue else factory()


def _exclusive(import_id: uuid.UUID) -> AbstractAsyncContextManager[bool]:
    """Hold the import's job lock while the job runs; False if another job of it holds it."""
    return sweeper.running_alone(_lock_name(import_id), LOCK_WAIT_SECONDS)


def _lock_name(import_id: uuid.UUID) -> str:
    return f"import {import_id}"


async def _guarded(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, work: Awaitable[str]) -> str:
    """Run a job's work; on an unexpected error, note it for `recover_stalled_imports` (which
    retries the job, and reports the error if it gives up) and let arq record it too."""
    try:
        return await work
    except Exception as exc:
        try:
            async with _uow(ctx) as s:
                await s.execute(
                    update(Import)
                    .where(Import.tenant_id == t, Import.id == i)
                    .values(progress=Import.progress.op("||")(_json_patch(last_error=_why(exc))))
                )
        except SQLAlchemyError:
            log.warning("import.error_not_noted", import_id=str(i), exc_info=True)
        raise


def _why(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        return _why(exc.exceptions[0])
    return f"{type(exc).__name__}: {exc}"[:500]


def _json_patch(**values: Any) -> Any:
    """A JSONB value to merge into a JSONB column with `||` (on the row's newest version)."""
    return cast(literal(values, JSONB), JSONB)


def _beat(imp: Import, phase: str, done: int, total: int) -> None:
    """Record progress (keeping what else the progress holds); `updated_at` doubles as the
    heartbeat `recover_stalled_imports` reads."""
    imp.progress = {**(imp.progress or {}), **_progress(phase, done, total)}
    imp.updated_at = func.clock_timestamp()  # type: ignore[assignment]


def _progress(phase: str, done: int, total: int) -> dict[str, Any]:
    percent = round(100.0 * done / total, 1) if total else 0.0
    return Progress(phase=phase, done=done, total=total, percent=min(percent, 100.0)).model_dump()


async def _load(
    ctx: dict[str, Any], tenant_id: uuid.UUID, import_id: uuid.UUID, status: str
) -> Import | None:
    async with _uow(ctx) as s:
        imp = await s.scalar(
            select(Import).where(Import.tenant_id == tenant_id, Import.id == import_id)
        )
    return imp if imp is not None and imp.status == status else None


async def _still(s: Any, tenant_id: uuid.UUID, import_id: uuid.UUID, status: str) -> Import | None:
    imp: Import | None = await s.scalar(
        select(Import)
        .where(Import.tenant_id == tenant_id, Import.id == import_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return imp if imp is not None and imp.status == status else None


async def _long(s: AsyncSession) -> None:
    await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))


async def _unflushed(s: AsyncSession) -> None:
    """Commit a chunk without waiting for its WAL to reach the disk. A server crash may lose
    the last few such commits, each whole (its rows with its record in the progress), so the
    job's retry redoes them: nothing is lost or written twice."""
    await s.execute(text("SET LOCAL synchronous_commit = off"))


# --- preview -----------------------------------------------------------------------------


async def preview_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Validate every row into the staging table; count creates, updates and skips."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with _exclusive(i) as mine:
        if not mine:
            return "already running"
        return await _guarded(ctx, t, i, _preview(ctx, t, i))


async def _preview(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    imp = await _load(ctx, t, i, "validating")
    if imp is None:
        return "not validating"
    async with _uow(ctx) as s:
        await _long(s)
        await sql.clear_staging(s, t, i)
        defs = await custom_fields.list_definitions(s, t)
        started = await _still(s, t, i, "validating")
        if started is not None:  # a retry starts over: progress from zero, heartbeat now
            _beat(started, "validating", 0, 0)
    mapping = Mapping(**imp.mapping)
    d = detected_of(imp)
    path = get_storage().local_path(imp.storage_key)

    def spec() -> Spec:
        cf = {x.key: (x.type, x.choices) for x in defs}
        return Spec(header=d.header, mapping=mapping, custom_fields=cf)

    try:
        staged = await _stage_file(ctx, t, i, path, d, spec)
    except FileProblem as exc:
        await _fail(ctx, t, i, exc.message)
        return "failed"
    if staged is None:
        await _drop_staging_unless(ctx, t, i, "validating")
        return "cancelled"
    rows, duplicates = staged
    columns = {tgt: col for col, tgt in mapping.columns.items() if tgt}
    async with _uow(ctx, queue=True) as s:
        current = await _still(s, t, i, "validating")
        if current is None:
            return "cancelled"
        await _long(s)
        await sql.reject_rows(s, t, i, duplicates)
        await sql.match_in_base(s, t, i, mapping.dedupe_key, mapping.on_duplicate, columns, rows)
        await suppression.reject_erased_subjects(s, t, i, columns)
        counts = await sql.staging_counts(s, t, i)
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
        current.progress = _progress("validated", rows, rows)
        current.status = "validated"
        if current.auto_commit:
            current.status = "committing"
            current.progress = _progress("committing", 0, counts["to_create"] + counts["to_update"])
            jobs.enqueue(
                s,
                "commit_import",
                job_id=f"import-commit-{i}",
                tenant_id=str(t),
                import_id=str(i),
            )
    return "validated"


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
            async with _uow(ctx) as s:
                await _long(s)
                await sql.clear_staging(s, t, i)
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
        async with _uow(ctx) as s:
            await _unflushed(s)
            await sql.copy_rows(s, t, i, valid)
            await sql.copy_errors(s, t, i, errors)
            # The import's row is locked only now, briefly: chunks COPY side by side, and a
            # cancel does not wait for a COPY. Cancelled meanwhile: the chunk rolls back.
            imp = await _still(s, t, i, "validating")
            if imp is None:
                raise _Stopped()
            # Chunks may commit out of order: progress never goes back.
            _beat(imp, "validating", max(done, int(imp.progress.get("done", 0))), total)
    except _Stopped:
        return False
    return True


async def _fail(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, reason: str) -> None:
    async with _uow(ctx) as s:
        imp = await _still(s, t, i, "validating")
        if imp is None:
            return
        await _long(s)
        await sql.clear_staging(s, t, i)
        imp.status = "failed"
        imp.error = reason
        imp.progress = {**imp.progress, "phase": "failed"}


async def _drop_staging_unless(
    ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, status: str
) -> None:
    """Drop a stopped preview's staging rows (unless the import went back to `status`)."""
    async with _uow(ctx) as s:
        imp = await s.scalar(
            select(Import).where(Import.tenant_id == t, Import.id == i).with_for_update()
        )
        if imp is not None and imp.status != status:
            await _long(s)
            await sql.clear_staging(s, t, i)


# --- commit and revert: ranges of rows, side by side ----------------------------------------

Work = Callable[[AsyncSession, int, int], Awaitable[tuple[list[int], int]]]


def _ranges(first: int, last: int, done: list[list[int]]) -> list[tuple[int, int]]:
    """The ranges of `first`..`last` not covered by `done` (`[lo, hi, …]`), in chunks."""
    todo: list[tuple[int, int]] = []
    lo = first
    for d_lo, d_hi, *_ in [*sorted(done), [last + 1, last + 1]]:
        while lo < d_lo and lo <= last:
            hi = min(lo + WRITE_CHUNK - 1, d_lo - 1, last)
            todo.append((lo, hi))
            lo = hi + 1
        lo = max(lo, d_hi + 1)
    return todo


class _Stopped(Exception):
    """The import left the status the chunks run in (it was cancelled)."""


async def _run_chunks(
    ctx: dict[str, Any],
    t: uuid.UUID,
    i: uuid.UUID,
    status: str,
    ranges: list[tuple[int, int]],
    work: Work,
) -> bool:
    """Run `work` over the ranges, on `import_write_connections` connections side by side;
    False when the import left `status` (then no range after it is written)."""
    todo = iter(ranges)
    stopped = False

    async def writer() -> None:
        nonlocal stopped
        for lo, hi in todo:  # one iterator: every range is taken by exactly one writer
            if stopped or not await _chunk(ctx, t, i, status, lo, hi, work):
                stopped = True
                return

    parallel = ctx.get("write_connections") or get_settings().import_write_connections
    async with asyncio.TaskGroup() as group:
        for _ in range(max(1, min(parallel, len(ranges)))):
            group.create_task(writer())
    return not stopped


async def _chunk(
    ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, status: str, lo: int, hi: int, work: Work
) -> bool:
    """One range in one transaction, recorded in the import's progress by the same transaction."""
    for attempt in range(3):
        try:
            async with _uow(ctx) as s:
                now = await s.scalar(
                    select(Import.status).where(Import.tenant_id == t, Import.id == i)
                )
                if now != status:
                    return False
                await _long(s)
                await _unflushed(s)
                record, rows = await work(s, lo, hi)
                if not await sql.record_chunk(s, t, i, status, record, rows):
                    raise _Stopped()
            return True
        except _Stopped:
            return False
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK or attempt == 2:
                raise
            log.info("import.chunk_deadlock", import_id=str(i), rows=(lo, hi))
    return False


async def commit_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Write the staged rows, range by range, several ranges side by side."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with _exclusive(i) as mine:
        if not mine:
            return "already running"
        return await _guarded(ctx, t, i, _commit(ctx, t, i))


async def _commit(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    imp = await _load(ctx, t, i, "committing")
    if imp is None:
        return await _discard(ctx, t, i)
    mapping = Mapping(**imp.mapping)
    async with _uow(ctx) as s:
        await _long(s)
        names = await sql.staged_tag_names(s, t, i)
        names += mapping.add_tags
        for k in range(0, len(names), 100):
            await tags_service.ensure_tags(s, t, names[k : k + 100])
        first, last, staged = await sql.staged_range(s, t, i)
        current = await _still(s, t, i, "committing")
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
            _beat(current, "committing", current.progress.get("done", 0), staged)
    if event_id is None:
        return await _discard(ctx, t, i)

    async def write(s: AsyncSession, lo: int, hi: int) -> tuple[list[int], int]:
        created, updated, rows = await sql.write_chunk(
            s, t, i, lo, hi, mapping.on_duplicate, event_id
        )
        return [lo, hi, created, updated], rows

    if not await _run_chunks(ctx, t, i, "committing", _ranges(first, last, done), write):
        return await _discard(ctx, t, i)
    await _merge_search_index(ctx, i)
    async with _uow(ctx) as s:
        # The chunks are committed: a revert right after plans on fresh statistics.
        await statistics.refresh_after(s, WRITTEN_TABLES, staged)
    async with _uow(ctx) as s:
        current = await _still(s, t, i, "committing")
        if current is None:
            return await _discard(ctx, t, i)
        chunks = current.progress.get("chunks", [])
        created = sum(c[2] for c in chunks)
        updated = sum(c[3] for c in chunks)
        counts = {"created": created, "updated": updated, "skipped": staged - created - updated}
        current.counts = {**current.counts, **counts}
        await s.execute(
            update(AuditEvent)
            .where(AuditEvent.tenant_id == t, AuditEvent.id == current.audit_event_id)
            .values(meta=AuditEvent.meta.op("||")(_json_patch(**counts, done=staged)))
        )
        current.status = "completed"
        current.progress = _progress("completed", staged, staged)
    return "completed"


async def _merge_search_index(ctx: dict[str, Any], i: uuid.UUID) -> None:
    """Merge the quick-search index's pending entries (the chunks leave up to
    `gin_pending_list_limit` of them) into the index now: until then every quick search reads
    them all, and the next write to customers, an API request as likely as not, would merge
    them itself and pay seconds for it."""
    try:
        async with _uow(ctx) as s:
            await _long(s)
            await s.execute(
                text(f"SELECT gin_clean_pending_list('{CUSTOMER_SEARCH_INDEX}'::regclass)")
            )
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        # Only the index's owner may; autovacuum merges it later otherwise.
        log.warning("import.search_index_not_merged", import_id=str(i), reason=str(exc.orig))


async def _system(s: AsyncSession, t: uuid.UUID) -> Context:
    tenant = tenants_service.info(await tenants_service.get(s, t))
    return Context(tenant=tenant, principal=SYSTEM)


async def _discard(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    """Undo what a cancelled (or given up) commit wrote, with its audit event, and drop the
    staging rows; all in one transaction."""
    async with _uow(ctx) as s:
        imp = await s.scalar(
            select(Import)
            .where(Import.tenant_id == t, Import.id == i)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if imp is None or imp.status not in ("cancelled", "failed"):
            return "nothing to do"
        await _long(s)
        if imp.audit_event_id is not None:
            await sql.undo(s, t, i, Mapping(**imp.mapping).on_duplicate)
            await s.execute(
                text("DELETE FROM audit_events WHERE tenant_id = :t AND id = :e"),
                {"t": t, "e": imp.audit_event_id},
            )
            imp.audit_event_id = None
        await sql.clear_staging(s, t, i)
    return imp.status


async def revert_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Undo a completed import, range by range (see `commit.undo_chunk`)."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    async with _exclusive(i) as mine:
        if not mine:
            return "already running"
        return await _guarded(ctx, t, i, _revert(ctx, t, i))


async def _revert(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    imp = await _load(ctx, t, i, "reverting")
    if imp is None:
        return "not reverting"
    on_duplicate = Mapping(**imp.mapping).on_duplicate
    async with _uow(ctx) as s:
        first, last, staged = await sql.staged_range(s, t, i)
        current = await _still(s, t, i, "reverting")
        if current is None:
            return "not reverting"
        done = current.progress.get("chunks", [])
        _beat(
            current, "reverting", current.progress.get("done", 0), current.progress.get("total", 0)
        )

    async def undo(s: AsyncSession, lo: int, hi: int) -> tuple[list[int], int]:
        n = await sql.undo_chunk(s, t, i, lo, hi, on_duplicate)
        return [lo, hi, n, 0], n

    if not await _run_chunks(ctx, t, i, "reverting", _ranges(first, last, done), undo):
        return "not reverting"
    async with _uow(ctx) as s:
        await statistics.refresh_after(s, WRITTEN_TABLES, staged)
    async with _uow(ctx) as s:
        current = await _still(s, t, i, "reverting")
        if current is None:
            return "not reverting"
        current.status = "reverted"
        total = current.progress.get("total", 0)
        current.progress = _progress("reverted", current.progress.get("done", 0), total)
        current.updated_at = func.clock_timestamp()  # type: ignore[assignment]
    return "reverted"


# --- recovery -------------------------------------------------------------------------------

# The job of each running status, and the prefix of its arq job ids (see service.py).
RUNNING = {"validating": "preview", "committing": "commit", "reverting": "revert"}
JOB_OF = {"preview": "preview_import", "commit": "commit_import", "revert": "revert_import"}


async def recover_stalled_imports(ctx: dict[str, Any]) -> int:
    """Hand the imports whose job died (no progress for a while, and no job holding the
    import's lock) to a live worker; after `MAX_RECOVERIES` of one phase, give up: the
    import fails with the reason, and a commit's partial writes are undone."""
    stale = get_settings().import_stale_after_seconds
    recovered = 0
    async with _uow(ctx, queue=True) as s:
        stalled = await s.scalars(
            select(Import)
            .where(
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
                lock=_lock_name(imp.id),
                job_ids=f"import-{kind}-{imp.id}*",
                recoveries=tries - 1,
                max_recoveries=MAX_RECOVERIES,
            )
            if verdict is Verdict.ALIVE:
                continue
            imp.updated_at = func.clock_timestamp()  # type: ignore[assignment]
            if verdict is Verdict.WAITING:
                continue  # waiting for a free worker, not lost
            if verdict is Verdict.GIVE_UP:
                _give_up(s, imp, kind)
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


def _give_up(s: AsyncSession, imp: Import, kind: str) -> None:
    progress = imp.progress or {}
    last = progress.get("last_error")
    imp.error = (
        f"The import stopped {MAX_RECOVERIES + 1} times while {imp.status} and was given up"
        + (f"; the last error: {last}" if last else " (its worker was lost each time).")
    )
    if kind == "revert":
        imp.error += " Part of it may be reverted already."
    imp.status = "failed"
    imp.progress = {**progress, "phase": "failed"}
    imp.updated_at = func.clock_timestamp()  # type: ignore[assignment]
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
    async with _exclusive(i) as mine:
        if not mine:
            return "already running"
        return await _discard(ctx, t, i)


# Listed by app/worker.py, which also runs `recover_stalled_imports` in its sweeper cron.
FUNCTIONS = [
    job_func(preview_import, timeout=3600, max_tries=5),
    job_func(commit_import, timeout=3600, max_tries=5),
    job_func(revert_import, timeout=3600, max_tries=5),
    job_func(discard_import, timeout=3600, max_tries=5),
]
