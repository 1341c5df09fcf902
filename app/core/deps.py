"""Dependencies every router uses: the unit-of-work session, and the read pool's connection."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Annotated, cast

import asyncpg
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.db import get_sessionmaker, unit_of_work

# `app.state.request_tenant`: the caller's tenant (None: not authenticated), resolved by the
# auth domain (set up in `app.main`; core does not import a domain).
TenantResolver = Callable[[Request], Awaitable[uuid.UUID | None]]


async def request_tenant(request: Request) -> uuid.UUID | None:
    resolver: TenantResolver | None = getattr(request.app.state, "request_tenant", None)
    return await resolver(request) if resolver is not None else None


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: committed when the route returns, rolled back if it raises
    (the same unit of work as jobs and the CLI, with the app's queue), for the caller's
    tenant (row-level security; an anonymous route's service sets its own)."""
    tenant_id = await request_tenant(request)
    async with unit_of_work(
        getattr(request.app.state, "job_queue", None), tenant_id=tenant_id
    ) as session:
        yield session


# scope="function": commit right after the route returns, before the response is sent,
# so a client never sees a success for a write that did not commit.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


@asynccontextmanager
async def _short_session() -> AsyncIterator[AsyncSession]:
    async with get_sessionmaker()() as session, session.begin():
        yield session


def read_session(request: Request) -> AbstractAsyncContextManager[AsyncSession]:
    """A short session of its own, committed at the end (a transaction: the tenant it works
    for, `tenancy.use_tenant`, lasts as long), opened only where needed: most requests
    resolve their API key from the cache and never touch it. Tests replace the factory
    through `app.state.read_sessions`."""
    factory = getattr(request.app.state, "read_sessions", None) or _short_session
    return cast(AbstractAsyncContextManager[AsyncSession], factory())


@asynccontextmanager
async def read_connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    """A plain asyncpg connection from the read pool (see `open_read_pool`) for the caller's
    tenant: the checkout is one transaction that starts with the tenant set
    (`tenancy.tenant_transaction`; an anonymous caller's is none), committed at the end.

    Hold it only while using it: an idle held connection whose backend is killed returns itself
    to the pool, and a later statement on it is a client error, not a retryable 503."""
    opener = getattr(request.app.state, "read_connections", None)  # tests: their own connection
    if opener is not None:
        async with opener(request) as connection:
            yield connection
        return
    tenant_id = await request_tenant(request)
    pool: asyncpg.Pool = request.app.state.read_pool
    connection = await pool.acquire()
    try:
        async with tenancy.tenant_transaction(connection, tenant_id):
            try:
                yield connection
            except asyncpg.InterfaceError as exc:
                # The server closed the connection (a failover, a killed backend): asyncpg
                # has returned it to the pool, and the route's statement says "released back
                # to the pool". A lost connection, to retry (503).
                if "released back to the pool" in str(exc):
                    raise ConnectionError("the database connection was lost") from exc
                raise
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
