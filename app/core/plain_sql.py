"""A `text()` statement of the session's kind (`:name` parameters) on a plain asyncpg connection.

The till's hot writes run on the read pool's plain connection (app/transactions/record.py):
without the ORM session each round trip costs a fraction of the CPU. Statements shared with
the session's paths stay written once, with named parameters; SQLAlchemy's asyncpg dialect
turns them into the `$n` form once per text (the same SQL the session would prepare).
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession

_DIALECT = asyncpg_dialect()


@lru_cache(maxsize=512)
def positional(sql: str) -> tuple[str, tuple[str, ...]]:
    """The statement with `$n` parameters, and the names in their order (a name used twice is
    one parameter)."""
    compiled = text(sql).compile(dialect=_DIALECT)
    return compiled.string, tuple(compiled.positiontup or ())


async def fetchrow(
    connection: asyncpg.Connection, sql: str, params: Mapping[str, Any]
) -> asyncpg.Record | None:
    query, names = positional(sql)
    return await connection.fetchrow(query, *(params[name] for name in names))


async def of_session(session: AsyncSession) -> asyncpg.Connection:
    """The session's own connection, in its database transaction (nothing may wait in the
    session: its statements go past it)."""
    await session.flush()
    raw = await (await session.connection()).get_raw_connection()
    return raw.driver_connection
