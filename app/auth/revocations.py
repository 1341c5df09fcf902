"""Revocations reach every API process at once, through PostgreSQL's LISTEN/NOTIFY.

Each process keeps resolved API keys a few seconds (`deps._key_cache`): a POS calls many
times a second. A revocation (a key, a user's keys, a deactivated user) sends `NOTIFY` in
its own transaction, so the message goes out exactly when the revocation commits — never
for one that rolls back, never before a re-read could still see the key valid — and every
process listening drops its cache. If the listening connection is lost, the cache's few
seconds still bound how long a revoked key works, and the listener reconnects."""

import asyncio
import contextlib
from collections.abc import Callable

import asyncpg
import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

CHANNEL = "kartoteka_credentials_revoked"
_RECONNECT_SECONDS = 2.0

log = structlog.get_logger(__name__)


async def announce(session: AsyncSession) -> None:
    """Tell every API process, when this unit of work commits, to forget cached keys."""
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


async def _until_closed(connection: asyncpg.Connection) -> None:
    lost = asyncio.Event()
    connection.add_termination_listener(lambda _: lost.set())
    await lost.wait()


async def listen(dsn: str, forget: Callable[[], None], ready: asyncio.Event | None = None) -> None:
    """Run until cancelled: call `forget` on every revocation any process commits."""

    def on_notice(*_: object) -> None:
        forget()

    while True:
        connection: asyncpg.Connection | None = None
        try:
            connection = await asyncpg.connect(dsn)
            await connection.add_listener(CHANNEL, on_notice)
            # Anything revoked while we were not listening: forget it too.
            forget()
            if ready is not None:
                ready.set()
            await _until_closed(connection)
            log.warning("revocation_listener_lost")
        except asyncio.CancelledError:
            raise
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("revocation_listener_unavailable", error=type(exc).__name__)
        finally:
            if connection is not None and not connection.is_closed():
                with contextlib.suppress(Exception):
                    await connection.close(timeout=1)
        await asyncio.sleep(_RECONNECT_SECONDS)
