"""Recovery of queued work whose arq job was lost: one cron sweeps every domain's rows.

Work that runs as a job has a row saying it is queued or running (an import, a row of
`jobs`); the arq job only carries it to a worker, and can be lost: Redis down at the commit
(`jobs.hand_over`), Redis flushed, a worker killed mid-job. Each domain has a sweep, and
app/worker.py lists them for `run_sweeps`; `triage` decides for one stalled row whether its job is alive, waiting, lost or to
be given up, so every domain recovers the same way.

A running job holds its work's advisory lock (`running_alone`) on a connection of its own:
a killed worker's connection closes and frees it, so a free lock means no job of it runs.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from enum import StrEnum
from typing import Any

import structlog
from arq.constants import default_queue_name, in_progress_key_prefix, result_key_prefix
from arq.worker import Retry
from sqlalchemy import Select, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.core.db import get_engine
from app.core.errors import database_unreachable

log = structlog.get_logger()

# Each domain's sweep: recovers its stalled rows, returns how many it handed on or gave up.
Sweep = Callable[[dict[str, Any]], Awaitable[int]]


class Verdict(StrEnum):
    ALIVE = "alive"  # its job holds the lock: slow, not lost
    WAITING = "waiting"  # its job waits in the queue for a free worker
    RELEASED = "released"  # a killed worker's job was made runnable again
    LOST = "lost"  # no job of it anywhere: queue it again
    GIVE_UP = "give_up"  # recovered too many times: fail it with the reason


def _lock_key(name: str) -> Any:
    return func.hashtextextended(name, 0)


# A job whose lock connection died before it began waits this long before its next try.
LOCK_RETRY_SECONDS = 1.0


@asynccontextmanager
async def running_alone(name: str, wait_seconds: float) -> AsyncIterator[bool]:
    """Hold the lock `name` while a job runs; False if another job holds it.

    It waits up to `wait_seconds`: a killed worker's last statement may still be running on
    the server, which frees the lock when it notices the closed connection."""
    key = _lock_key(name)
    async with get_engine().connect() as conn:
        try:
            held = await _take_lock(conn, key, wait_seconds)
        except Exception as exc:
            # The connection died before the job began (a restart, a killed backend): the
            # job has done nothing yet, so it goes back to the queue instead of failing.
            if database_unreachable(exc):
                raise Retry(defer=LOCK_RETRY_SECONDS) from exc
            raise
        try:
            yield held
        finally:
            if held:
                try:
                    await conn.scalar(select(func.pg_advisory_unlock(key)))
                    await conn.commit()
                except SQLAlchemyError:
                    # Never hand a connection that may still hold the lock back to the pool.
                    await conn.invalidate()


async def _take_lock(conn: AsyncConnection, key: int, wait_seconds: float) -> bool:
    deadline = time.monotonic() + wait_seconds
    while not (held := bool(await conn.scalar(select(func.pg_try_advisory_lock(key))))):
        await conn.rollback()
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    await conn.commit()  # the lock is the session's; the connection idles meanwhile
    return held


def lock_free(name: str) -> Select[tuple[bool]]:
    """True (and held to the end of the transaction) when no job holds the lock `name`."""
    return select(func.pg_try_advisory_xact_lock(_lock_key(name)))


async def release_killed_job(redis: Any, job_ids: str) -> str:
    """Where the arq job(s) matching the pattern `job_ids` are: `released` when a killed
    worker's job was made runnable again, `queued` when one waits in the queue untouched,
    `gone` if none is there.

    A worker killed mid-job leaves arq's in-progress key behind for the job's whole timeout
    (an hour); deleting it makes the job (still in the queue) runnable again now. A job that
    is gone may have left its result behind (arq gave up on it): that result is dropped, or
    arq would refuse to queue the same job id again while it lasts."""
    released = False
    async for key in redis.scan_iter(match=in_progress_key_prefix + job_ids):
        await redis.delete(key)
        released = True
    queue_name = getattr(redis, "default_queue_name", default_queue_name)
    async for _member, _score in redis.zscan_iter(queue_name, match=job_ids):
        return "released" if released else "queued"
    async for key in redis.scan_iter(match=result_key_prefix + job_ids):
        await redis.delete(key)
    return "gone"


async def triage(
    s: AsyncSession,
    redis: Any,
    *,
    lock: str,
    job_ids: str,
    recoveries: int,
    max_recoveries: int,
) -> Verdict:
    """What to do with one stalled row (locked by the caller) whose job holds `lock` while it
    runs and is queued with an arq id matching `job_ids`, after `recoveries` recoveries."""
    if not await s.scalar(lock_free(lock)):
        return Verdict.ALIVE  # inside a long statement
    job = "gone" if redis is None else await release_killed_job(redis, job_ids)
    if job == "queued":
        return Verdict.WAITING
    if recoveries + 1 > max_recoveries:
        return Verdict.GIVE_UP
    return Verdict.RELEASED if job == "released" else Verdict.LOST


async def run_sweeps(ctx: dict[str, Any], sweeps: Sequence[Sweep]) -> dict[str, int]:
    """Every domain's sweep in turn; one that fails does not stop the others."""
    recovered: dict[str, int] = {}
    for sweep in sweeps:
        try:
            recovered[sweep.__name__] = await sweep(ctx)
        except Exception:
            log.exception("sweep.failed", sweep=sweep.__name__)
    return recovered
