"""How an import's jobs run: one at a time per import, in units of work, with a heartbeat.

Each job is safe to kill and retry, and never runs twice at once: a job holds its import's
advisory lock on a connection of its own while it runs (a killed worker's connection closes
and frees it), so a retry or a recovery of a job that is only slow waits instead of running
beside it. The commit and the revert work in ranges of rows, several side by side; each
range is one transaction that also adds the range to the import's progress, so a retry does
exactly the ranges not yet recorded.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import structlog
from sqlalchemy import cast, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import sweeper, tenancy
from app.core.config import get_settings
from app.core.db import bound_statements_to, unit_of_work
from app.imports import staging
from app.imports.models import Import
from app.imports.schemas import Progress

log = structlog.get_logger()

# Staged rows written (or undone) in one transaction.
WRITE_CHUNK = 25_000
# How long a job waits for its import's lock: a killed worker's last statement may still be
# running on the server, which frees the lock when it notices the closed connection.
LOCK_WAIT_SECONDS = 30
# A chunk that lost a deadlock (two ranges updating one customer) is simply run again.
DEADLOCK = "40P01"

UnitOfWork = Callable[..., AbstractAsyncContextManager[AsyncSession]]


@asynccontextmanager
async def uow(
    ctx: dict[str, Any], tenant_id: uuid.UUID | None, *, queue: bool = False
) -> AsyncIterator[AsyncSession]:
    """The worker's unit of work, for the import's tenant (row-level security);
    `ctx["unit_of_work"]` replaces it (tests share one session)."""
    factory: UnitOfWork = ctx.get("unit_of_work", unit_of_work)
    async with factory(ctx.get("queue")) if queue else factory() as s:
        if tenant_id is not None:
            await tenancy.use_tenant(s, tenant_id)
        yield s


def exclusive(import_id: uuid.UUID) -> AbstractAsyncContextManager[bool]:
    """Hold the import's job lock while the job runs; False if another job of it holds it."""
    return sweeper.running_alone(lock_name(import_id), LOCK_WAIT_SECONDS)


def lock_name(import_id: uuid.UUID) -> str:
    return f"import {import_id}"


async def guarded(ctx: dict[str, Any], t: uuid.UUID, i: uuid.UUID, work: Awaitable[str]) -> str:
    """Run a job's work; on an unexpected error, note it for `recover_stalled_imports` (which
    retries the job, and reports the error if it gives up) and let arq record it too."""
    try:
        return await work
    except Exception as exc:
        try:
            async with uow(ctx, t) as s:
                await s.execute(
                    update(Import)
                    .where(Import.tenant_id == t, Import.id == i)
                    .values(progress=Import.progress.op("||")(json_patch(last_error=_why(exc))))
                )
        except SQLAlchemyError:
            log.warning("import.error_not_noted", import_id=str(i), exc_info=True)
        raise


def _why(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        return _why(exc.exceptions[0])
    return f"{type(exc).__name__}: {exc}"[:500]


def json_patch(**values: Any) -> Any:
    """A JSONB value to merge into a JSONB column with `||` (on the row's newest version)."""
    return cast(literal(values, JSONB), JSONB)


def beat(imp: Import, phase: str, done: int, total: int) -> None:
    """Record progress (keeping what else the progress holds); `updated_at` doubles as the
    heartbeat `recover_stalled_imports` reads."""
    imp.progress = {**(imp.progress or {}), **progress_of(phase, done, total)}
    imp.updated_at = func.statement_timestamp()  # type: ignore[assignment]


def progress_of(phase: str, done: int, total: int) -> dict[str, Any]:
    percent = round(100.0 * done / total, 1) if total else 0.0
    return Progress(phase=phase, done=done, total=total, percent=min(percent, 100.0)).model_dump()


async def load(
    ctx: dict[str, Any], tenant_id: uuid.UUID, import_id: uuid.UUID, status: str
) -> Import | None:
    async with uow(ctx, tenant_id) as s:
        imp = await s.scalar(
            select(Import).where(Import.tenant_id == tenant_id, Import.id == import_id)
        )
    return imp if imp is not None and imp.status == status else None


async def still(s: Any, tenant_id: uuid.UUID, import_id: uuid.UUID, status: str) -> Import | None:
    imp: Import | None = await s.scalar(
        select(Import)
        .where(Import.tenant_id == tenant_id, Import.id == import_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return imp if imp is not None and imp.status == status else None


async def long_statements(s: AsyncSession) -> None:
    """The set-based steps over a whole import (matching, a cancelled commit's undo) outlast
    the API's bound (the tests' jobs run on its engine): the worker's bound."""
    await bound_statements_to(s, get_settings().worker_statement_timeout_ms)


async def unflushed(s: AsyncSession) -> None:
    """Commit a chunk without waiting for its WAL to reach the disk. A server crash may lose
    the last few such commits, each whole (its rows with its record in the progress), so the
    job's retry redoes them: nothing is lost or written twice."""
    await s.execute(text("SET LOCAL synchronous_commit = off"))


# --- commit and revert: ranges of rows, side by side ----------------------------------------

Work = Callable[[AsyncSession, int, int], Awaitable[tuple[list[int], int]]]


def ranges(first: int, last: int, done: list[list[int]]) -> list[tuple[int, int]]:
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


class Stopped(Exception):
    """The import left the status the chunks run in (it was cancelled)."""


async def run_chunks(
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
            async with uow(ctx, t) as s:
                now = await s.scalar(
                    select(Import.status).where(Import.tenant_id == t, Import.id == i)
                )
                if now != status:
                    return False
                await long_statements(s)
                await unflushed(s)
                record, rows = await work(s, lo, hi)
                if not await staging.record_chunk(s, t, i, status, record, rows):
                    raise Stopped()
            return True
        except Stopped:
            return False
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK or attempt == 2:
                raise
            log.info("import.chunk_deadlock", import_id=str(i), rows=(lo, hi))
    return False
