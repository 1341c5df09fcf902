"""arq jobs of the import: validate every row (preview), then write them (commit).

Both are safe to kill and retry: the preview starts over from a clean staging area; the
commit continues with the rows whose outcome is not yet recorded, one transaction per chunk.
"""

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import structlog
from arq.constants import default_queue_name, in_progress_key_prefix
from arq.cron import cron
from arq.worker import func as job_func
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core import jobs
from app.core.config import get_settings
from app.core.context import SYSTEM, Context
from app.core.db import unit_of_work
from app.custom_fields import service as custom_fields
from app.imports import commit as sql
from app.imports.detect import FileProblem, ReadPosition, iter_rows
from app.imports.models import Import, ImportRow
from app.imports.schemas import Mapping, Progress
from app.imports.service import detected_of
from app.imports.storage import get_storage
from app.imports.validate import STAGE_COLUMNS, Spec, validate_chunk
from app.tags import service as tags_service
from app.tenants import service as tenants_service
from app.worker import CRON_JOBS, FUNCTIONS

log = structlog.get_logger()

PREVIEW_CHUNK = 50_000
COMMIT_CHUNK = 20_000
# The set-based steps over a whole import (duplicates, matching) outlast the API's bound.
LONG_STATEMENT = "10min"


UnitOfWork = Callable[..., AbstractAsyncContextManager[AsyncSession]]


def _uow(ctx: dict[str, Any], *, queue: bool = False) -> AbstractAsyncContextManager[AsyncSession]:
    """The worker's unit of work; `ctx["unit_of_work"]` replaces it (tests share one session)."""
    factory: UnitOfWork = ctx.get("unit_of_work", unit_of_work)
    return factory(ctx.get("queue")) if queue else factory()


def _beat(imp: Import, phase: str, done: int, total: int) -> None:
    """Record progress; `updated_at` doubles as the heartbeat `recover_stalled_imports` reads."""
    imp.progress = _progress(phase, done, total)
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


async def preview_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Validate every row into the staging table; count creates, updates and skips.

    One pass over the file: progress is estimated from the bytes (or sheet rows) read.
    """
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    imp = await _load(ctx, t, i, "validating")
    if imp is None:
        return "not validating"
    async with _uow(ctx) as s:
        await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
        await sql.clear_staging(s, t, i)
        defs = await custom_fields.list_definitions(s, t)
        started = await _still(s, t, i, "validating")
        if started is not None:  # a retry starts over: progress from zero, heartbeat now
            _beat(started, "validating", 0, 0)
    mapping = Mapping(**imp.mapping)
    d = detected_of(imp)
    path = get_storage().local_path(imp.storage_key)
    spec = Spec(
        header=d.header,
        mapping=mapping,
        custom_fields={x.key: (x.type, x.choices) for x in defs},
    )
    pos = ReadPosition()
    rows = 0
    try:
        chunk: list[tuple[int, list[str]]] = []
        for row in iter_rows(path, d, pos):
            chunk.append(row)
            if len(chunk) >= PREVIEW_CHUNK:
                rows += len(chunk)
                total = max(rows, round(rows * pos.total / max(pos.done, 1)))
                if not await _stage(ctx, t, i, spec, chunk, rows, total):
                    return "cancelled"
                chunk = []
        rows += len(chunk)
        if not await _stage(ctx, t, i, spec, chunk, rows, rows):
            return "cancelled"
    except FileProblem as exc:
        await _fail(ctx, t, i, exc.message)
        return "failed"
    columns = {tgt: col for col, tgt in mapping.columns.items() if tgt}
    async with _uow(ctx, queue=True) as s:
        current = await _still(s, t, i, "validating")
        if current is None:
            return "cancelled"
        await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
        await sql.mark_duplicates_in_file(s, t, i, columns)
        await sql.match_in_base(s, t, i, mapping.dedupe_key, mapping.on_duplicate, columns)
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
                "SELECT " + ", ".join(STAGE_COLUMNS[2:]) + " FROM import_rows "
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
                tenant_id=tenant_id,
                import_id=import_id,
            )
    return "validated"


async def _stage(
    ctx: dict[str, Any],
    t: uuid.UUID,
    i: uuid.UUID,
    spec: Spec,
    chunk: list[tuple[int, list[str]]],
    done: int,
    total: int,
) -> bool:
    result = validate_chunk(chunk, spec)
    async with _uow(ctx) as s:
        imp = await _still(s, t, i, "validating")
        if imp is None:
            return False
        await sql.copy_rows(s, t, i, result.valid)
        await sql.copy_errors(s, t, i, result.errors)
        _beat(imp, "validating", done, total)
    return True


async def _fail(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, reason: str) -> None:
    async with _uow(ctx) as s:
        imp = await _still(s, t, i, "validating")
        if imp is None:
            return
        await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
        await sql.clear_staging(s, t, i)
        imp.status = "failed"
        imp.error = reason
        imp.progress = {**imp.progress, "phase": "failed"}


async def commit_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Write the staged rows chunk by chunk (row-number ranges); each chunk records its rows'
    outcomes in the same transaction, so a retry resumes after the last committed chunk."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    imp = await _load(ctx, t, i, "committing")
    if imp is None:
        return await _undo_if_cancelled(ctx, t, i)
    mapping = Mapping(**imp.mapping)
    async with _uow(ctx) as s:
        names = await sql.staged_tag_names(s, t, i)
        names += mapping.add_tags
        for k in range(0, len(names), 100):
            await tags_service.ensure_tags(s, t, names[k : k + 100])
        lo, last, done = await sql.resume_point(s, t, i)
    total = (
        imp.counts.get("to_create", 0)
        + imp.counts.get("to_update", 0)
        + imp.counts.get("to_skip", 0)
    )
    while True:
        async with _uow(ctx) as s:
            current = await _still(s, t, i, "committing")
            if current is None:
                break
            if lo > last:
                await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
                counts = await sql.staging_counts(s, t, i)
                current.counts = {
                    **current.counts,
                    "created": counts["created"],
                    "updated": counts["updated"],
                    "skipped": counts["skipped"],
                }
                if current.audit_event_id is None:
                    tenant = tenants_service.info(await tenants_service.get(s, t))
                    actor = Context(tenant=tenant, principal=SYSTEM)
                    event = await audit.record_bulk(
                        s,
                        actor,
                        "customer.imported",
                        select(ImportRow.customer_id).where(
                            ImportRow.tenant_id == t,
                            ImportRow.import_id == i,
                            ImportRow.outcome.in_(("created", "updated")),
                        ),
                        meta={
                            "import_id": str(i),
                            "file_name": current.file_name,
                            "by": current.created_by,
                            **counts,
                        },
                    )
                    current.audit_event_id = event.id
                current.status = "completed"
                current.progress = _progress("completed", counts["done"], total)
                return "completed"
            hi = lo + COMMIT_CHUNK - 1
            await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
            done += await sql.write_chunk(s, t, i, lo, hi, mapping.on_duplicate)
            _beat(current, "committing", done, total)
            lo = hi + 1
    return await _undo_if_cancelled(ctx, t, i)


async def _undo_if_cancelled(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID) -> str:
    async with _uow(ctx) as s:
        imp = await _still(s, t, i, "cancelled")
        if imp is None:
            return "nothing to do"
        await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
        await sql.undo(s, t, i, Mapping(**imp.mapping).on_duplicate)
        await sql.clear_staging(s, t, i)
    return "cancelled"


async def revert_import(ctx: dict[str, Any], *, tenant_id: str, import_id: str) -> str:
    """Undo a completed import chunk by chunk (row-number ranges), each chunk marking its rows
    `reverted` in the same transaction, so a retry continues where the killed run stopped."""
    t, i = uuid.UUID(tenant_id), uuid.UUID(import_id)
    imp = await _load(ctx, t, i, "reverting")
    if imp is None:
        return "not reverting"
    on_duplicate = Mapping(**imp.mapping).on_duplicate
    async with _uow(ctx) as s:
        lo, last, done = await sql.revert_point(s, t, i)
    total = imp.counts.get("created", 0) + imp.counts.get("updated", 0)
    while True:
        async with _uow(ctx) as s:
            current = await _still(s, t, i, "reverting")
            if current is None:
                return "not reverting"
            if lo > last:
                current.status = "reverted"
                _beat(current, "reverted", done, total)
                return "reverted"
            hi = lo + COMMIT_CHUNK - 1
            await s.execute(text(f"SET LOCAL statement_timeout = '{LONG_STATEMENT}'"))
            done += await sql.undo_chunk(s, t, i, lo, hi, on_duplicate)
            _beat(current, "reverting", done, total)
            lo = hi + 1


# The job of each running status, and the prefix of its arq job ids (see service.py).
RUNNING = {"validating": "preview", "committing": "commit", "reverting": "revert"}
JOB_OF = {"preview": "preview_import", "commit": "commit_import", "revert": "revert_import"}


async def _release_killed_job(redis: Any, kind: str, import_id: uuid.UUID) -> bool:
    """Let arq retry the import's job at once; False when no job of it is left in the queue.

    A worker killed mid-job leaves arq's in-progress key behind for the job's whole timeout
    (an hour); deleting it makes the job (still in the queue) runnable again now."""
    pattern = f"import-{kind}-{import_id}*"
    found = False
    async for key in redis.scan_iter(match=in_progress_key_prefix + pattern):
        await redis.delete(key)
        found = True
    async for _member, _score in redis.zscan_iter(default_queue_name, match=pattern):
        found = True
    return found


async def recover_stalled_imports(ctx: dict[str, Any]) -> int:
    """Hand the imports whose worker died (no progress for a while) to a live worker."""
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
            redis = ctx.get("redis")
            if redis is None or not await _release_killed_job(redis, kind, imp.id):
                jobs.enqueue(
                    s,
                    JOB_OF[kind],
                    job_id=f"import-{kind}-{imp.id}-{uuid.uuid4().hex[:8]}",
                    tenant_id=str(imp.tenant_id),
                    import_id=str(imp.id),
                )
            imp.updated_at = func.clock_timestamp()  # type: ignore[assignment]
            log.warning("import.recovered", import_id=str(imp.id), status=imp.status)
            recovered += 1
    return recovered


FUNCTIONS.extend(
    [
        job_func(preview_import, timeout=3600, max_tries=5),
        job_func(commit_import, timeout=3600, max_tries=5),
        job_func(revert_import, timeout=3600, max_tries=5),
    ]
)
CRON_JOBS.append(
    cron(
        recover_stalled_imports,
        second={0, 15, 30, 45},
        run_at_startup=True,
        unique=True,
        timeout=60,
    )
)
