"""Many rows from the application into a tenant table: `copy_frame`, on plain PostgreSQL
and on Citus alike, under row-level security.

COPY FROM is refused on a table under row-level security for every role it applies to (ours,
migration 0032). So the rows are COPYed into a temporary twin of the table (no policy; private
to the connection, emptied at commit), then moved in by one INSERT … SELECT that the policy
checks like any other write. On plain PostgreSQL that is all (the million-row import is
measured against it). On Citus the twin is the coordinator's own table, so the move is an
INSERT … SELECT through the coordinator and carries `core.citus.PULLED_INSERT`.
"""

import io
from collections.abc import AsyncIterator
from typing import Any

import polars as pl
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus


async def copy_frame(session: AsyncSession, table: str, frame: pl.DataFrame) -> None:
    """Insert `frame`'s rows into `table` (our name; the frame's columns named as the
    table's) in the session's transaction, under its tenant. The frame is the batch: callers
    pass a chunk of a file, so memory is bounded by the chunk, not by the file."""
    if not frame.height:
        return
    buf = io.BytesIO()
    frame.write_csv(buf, include_header=False, null_value="")

    async def data() -> AsyncIterator[bytes]:
        # Handed over at once: a file object would be read piece by piece in the default
        # executor, a thread hop (and a wait for the GIL) every 512 KB.
        yield buf.getvalue()

    columns = ", ".join(f'"{c}"' for c in frame.columns)  # our column names, never input
    twin = f"copy_{table}"
    await session.execute(
        text(
            f"CREATE TEMP TABLE IF NOT EXISTS {twin} ON COMMIT DELETE ROWS AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
    )
    raw = await _driver_connection(session)
    await raw.copy_to_table(twin, source=data(), columns=frame.columns, format="csv")
    tail = await citus.pulled_insert(session)
    # Without parameters asyncpg sends it as a simple query, which collects no result: the
    # rows RETURNING sends back on Citus are dropped as they come.
    await raw.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {twin}{tail}")
    await raw.execute(f"TRUNCATE {twin}")


async def _driver_connection(session: AsyncSession) -> Any:
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    return raw.driver_connection
