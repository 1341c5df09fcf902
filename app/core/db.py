"""Engine, session factory and the unit of work: commit on success, roll back on error."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import asyncpg
import orjson
from sqlalchemy import MetaData, func, select
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from app.core import jobs, tenancy
from app.core.config import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: TIMESTAMP(timezone=True)}  # noqa: RUF012


def make_engine(
    url: str | None = None, *, statement_timeout_ms: int | None = None, **kwargs: Any
) -> AsyncEngine:
    settings = get_settings()
    timeout = (
        statement_timeout_ms if statement_timeout_ms is not None else settings.statement_timeout_ms
    )
    kwargs.setdefault("pool_size", settings.db_pool_size)
    kwargs.setdefault("max_overflow", settings.db_max_overflow)
    # Parameters hold customers' emails, phones and names: never in an error's text or a log.
    kwargs.setdefault("hide_parameters", True)
    return create_async_engine(
        url or settings.database_url,
        # A connection the server closed (a restart, an idle timeout) is replaced on checkout
        # instead of failing the request that drew it.
        pool_pre_ping=True,
        json_deserializer=orjson.loads,
        connect_args={"server_settings": _server_settings(timeout)},
        **kwargs,
    )


def _server_settings(statement_timeout_ms: int) -> dict[str, str]:
    return {
        "statement_timeout": str(statement_timeout_ms),
        "application_name": "kartoteka",
        "timezone": "UTC",
    }


async def _nothing_to_reset(connection: asyncpg.Connection) -> None:
    """The plain pool's connections work in a transaction they finish themselves
    (`tenancy.tenant_transaction`, `SET LOCAL` only): no session state to reset, so no
    `RESET ALL` round trip on every release (asyncpg still rolls back a transaction left
    open)."""


async def _json_codecs(connection: asyncpg.Connection) -> None:
    """json and jsonb as Python values, as SQLAlchemy's connections give them."""
    for name in ("json", "jsonb"):
        await connection.set_type_codec(
            name,
            schema="pg_catalog",
            encoder=lambda v: orjson.dumps(v).decode(),
            decoder=orjson.loads,
        )


def plain_dsn(url: str) -> str:
    """A SQLAlchemy URL (`postgresql+asyncpg://…`) as the DSN plain asyncpg connects with."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def open_read_pool() -> asyncpg.Pool:
    """Plain asyncpg connections for the hottest reads (a customer by id, the till's lookup)
    and the till's receipt, a write that is one statement (app/transactions/record.py).

    A POS asks many times a second; without the ORM session, the pool checkout and the
    result processing of SQLAlchemy, such a read costs a third less CPU in the API."""
    settings = get_settings()
    pool = await asyncpg.create_pool(
        plain_dsn(settings.database_url),
        min_size=1,
        max_size=settings.db_pool_size,
        init=_json_codecs,
        reset=_nothing_to_reset,
        server_settings=_server_settings(settings.statement_timeout_ms),
    )
    assert pool is not None  # None only for a pool created without awaiting it
    return pool


_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None


def get_engine() -> AsyncEngine:
    global _engine
    if _engine is None:
        _engine = make_engine()
    return _engine


def bound_statements(statement_timeout_ms: int) -> None:
    """Give this process's engine another statement bound (before its first use): the worker's
    jobs work on whole tenants, which the API's interactive bound would cut short."""
    global _engine, _sessionmaker, _read_sessionmaker
    assert _engine is None, "bound the statements before the engine is used"
    _engine = make_engine(statement_timeout_ms=statement_timeout_ms)
    _sessionmaker = _read_sessionmaker = None


async def bound_statements_to(session: AsyncSession, timeout_ms: int) -> None:
    """Bound the statements of the session's transaction (`SET LOCAL`) by one of the
    settings' timeouts, for work the connection's own bound would cut short."""
    await session.execute(select(func.set_config("statement_timeout", str(timeout_ms), True)))


def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    global _sessionmaker
    if _sessionmaker is None:
        _sessionmaker = async_sessionmaker(get_engine(), expire_on_commit=False)
    return _sessionmaker


_read_sessionmaker: async_sessionmaker[AsyncSession] | None = None


def get_read_sessionmaker() -> async_sessionmaker[AsyncSession]:
    """Sessions in autocommit on the same pool: a single-statement read needs no BEGIN/COMMIT."""
    global _read_sessionmaker
    if _read_sessionmaker is None:
        engine = get_engine().execution_options(isolation_level="AUTOCOMMIT")
        _read_sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    return _read_sessionmaker


async def dispose_engine() -> None:
    global _engine, _sessionmaker, _read_sessionmaker
    if _engine is not None:
        await _engine.dispose()
    _engine, _sessionmaker, _read_sessionmaker = None, None, None


async def finish(session: AsyncSession, queue: jobs.JobQueue | None) -> None:
    """Commit, then hand the jobs buffered during the unit of work to the queue."""
    await session.commit()
    pending = jobs.take_buffer(session)
    if pending and queue is not None:
        await jobs.hand_over(queue, pending)


@asynccontextmanager
async def unit_of_work(
    queue: jobs.JobQueue | None = None, *, tenant_id: uuid.UUID | None = None
) -> AsyncIterator[AsyncSession]:
    """A session for jobs and the CLI: commits on success, rolls back (dropping jobs) on error.
    With a tenant, its transaction works for that tenant (row-level security, `core.tenancy`)."""
    async with get_sessionmaker()() as session:
        try:
            if tenant_id is not None:
                tenancy.bind_tenant(session, tenant_id)
            yield session
        except BaseException:
            await session.rollback()
            jobs.take_buffer(session)
            raise
        await finish(session, queue)
