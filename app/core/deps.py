"""Dependencies every router uses: the unit-of-work session, and autocommit reads."""

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Annotated, cast

import asyncpg
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import get_read_sessionmaker, unit_of_work


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: committed when the route returns, rolled back if it raises
    (the same unit of work as jobs and the CLI, with the app's queue)."""
    async with unit_of_work(getattr(request.app.state, "job_queue", None)) as session:
        yield session


# scope="function": commit right after the route returns, before the response is sent,
# so a client never sees a success for a write that did not commit.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


def read_session(request: Request) -> AbstractAsyncContextManager[AsyncSession]:
    """An autocommit session (one round trip per statement), opened only where needed: most
    requests resolve their API key from the cache and never touch it. Tests replace the
    factory through `app.state.read_sessions`."""
    factory = getattr(request.app.state, "read_sessions", None) or get_read_sessionmaker()
    return cast(AbstractAsyncContextManager[AsyncSession], factory())


@asynccontextmanager
async def read_connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    """A plain asyncpg connection from the read pool (see `open_read_pool`), in autocommit.

    Hold it only while using it: an idle held connection whose backend is killed returns itself
    to the pool, and a later statement on it is a client error, not a retryable 503."""
    opener = getattr(request.app.state, "read_connections", None)  # tests: their own connection
    if opener is not None:
        async with opener() as connection:
            yield connection
        return
    pool: asyncpg.Pool = request.app.state.read_pool
    connection = await pool.acquire()
    try:
        yield connection
    finally:
        try:
            await pool.release(connection)
        except asyncpg.InternalClientError as exc:
            # A connection the server closed just before its release (a failover, a killed
            # backend) has already returned itself to the pool: asyncpg finds its holder free.
            if "free connection holder" not in str(exc):
                raise


async def get_read_connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    async with read_connection(request) as connection:
        yield connection


# scope="function": back to the pool as soon as the route returns, not after the response.
ReadConnectionDep = Annotated[asyncpg.Connection, Depends(get_read_connection, scope="function")]
