"""SQL of the import's staging area: COPY rows and errors in, count, range and clear them,
record a written range in the import's progress.

Every statement is parameterised; file values only ever travel as COPY data or bind values.
"""

import io
import json
import os
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import polars as pl
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

ERROR_COLUMNS = ("row_no", "column", "code", "message", "value", "skipped")
# What a commit or revert writes (the staging rows are what the revert's DELETE joins on):
# analysed after a large one (`core.statistics`).
WRITTEN_TABLES = ("customers", "customer_tags", "customer_consents", "cards", "import_rows")


async def _raw(session: AsyncSession) -> Any:
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    return raw.driver_connection


async def copy_rows(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, rows: pl.DataFrame
) -> None:
    """COPY staging rows (`STAGE_COLUMNS`, as `validate_frame` makes them) as CSV text."""
    if not rows.height:
        return
    frame = rows.select(
        pl.lit(str(tenant_id)).alias("tenant_id"),
        pl.lit(str(import_id)).alias("import_id"),
        pl.lit("create").alias("action"),
        new_uuids(rows.height).alias("customer_id"),
        pl.all(),
    )
    await _copy_csv(session, "import_rows", frame)


async def copy_errors(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, errors: pl.DataFrame
) -> None:
    """COPY rejected rows' errors (`validate.ERROR_SCHEMA`) as CSV text."""
    if not errors.height:
        return
    frame = errors.select(
        pl.lit(str(tenant_id)).alias("tenant_id"),
        pl.lit(str(import_id)).alias("import_id"),
        "row_no",
        # PostgreSQL text cannot hold NUL (a header name or a raw row may).
        *(pl.col(c).str.replace_all("\x00", "", literal=True) for c in ERROR_COLUMNS[1:-1]),
        pl.lit(False).alias("skipped"),
    )
    await _copy_csv(session, "import_errors", frame)


async def _copy_csv(session: AsyncSession, table: str, frame: pl.DataFrame) -> None:
    buf = io.BytesIO()
    frame.write_csv(buf, include_header=False, null_value="")

    async def data() -> AsyncIterator[bytes]:
        # Handed over at once: a file object would be read piece by piece in the default
        # executor, a thread hop (and a wait for the GIL) every 512 KB.
        yield buf.getvalue()

    # COPY FROM is refused on a table under row-level security for any role it applies to
    # (ours): the rows go into a temporary twin of the table, then in by one INSERT … SELECT
    # that the policy checks like any other write. The twin lives for the transaction.
    columns = ", ".join(f'"{c}"' for c in frame.columns)  # our column names, never input
    twin = f"copy_{table}"
    await session.execute(
        text(
            f"CREATE TEMP TABLE IF NOT EXISTS {twin} ON COMMIT DELETE ROWS AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
    )
    await (await _raw(session)).copy_to_table(
        twin, source=data(), columns=frame.columns, format="csv"
    )
    await session.execute(text(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {twin}"))
    await session.execute(text(f"TRUNCATE {twin}"))


# "000" … "fff": three hex digits of 12 bits, looked up rather than formatted row by row.
HEX3 = pl.Series([f"{v:03x}" for v in range(4096)])


def new_uuids(n: int) -> pl.Series:
    """`n` new ids as text, in the UUIDv7 layout (RFC 9562): the time in milliseconds, a
    26-bit counter, 48 random bits. A new customer's id is fixed at preview, so re-running a
    commit chunk can never create a second customer for a row. The ids grow with the row
    number, so the commit's inserts land at the right edge of the customers' (tenant_id, id)
    and (tenant_id, <sort>, id) indexes instead of all over them: about a quarter less work
    per row than random (version 4) ids, and fewer index pages to split and to log."""
    if n >= 1 << 26:
        raise ValueError("at most 2**26 ids at once")
    millis = f"{time.time_ns() // 1_000_000:012x}"
    counter = pl.int_range(0, n, eager=True)
    randoms = pl.Series([os.urandom(6 * n).hex("\n", 6)]).str.split("\n").explode().head(n)
    # 32 hex digits without hyphens: PostgreSQL reads them as well. The variant digit (8-b)
    # carries two bits of the counter, so that the text sorts as the counter does.
    variant = pl.Series(list("89ab")).gather(counter // 2**12 % 4)
    parts = [pl.lit(millis), pl.lit("7"), HEX3.gather(counter // 2**14), variant,
             HEX3.gather(counter % 2**12), randoms]  # fmt: skip
    return pl.select(pl.concat_str(parts)).to_series().head(n)


async def reject_rows(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, errors: pl.DataFrame
) -> None:
    """Take staged rows out of the import with their errors (`validate.ERROR_SCHEMA`)."""
    if not errors.height:
        return
    await session.execute(
        text(f"DELETE FROM import_rows r WHERE {SCOPE} AND r.row_no = ANY(:rows)"),
        {"t": tenant_id, "i": import_id, "rows": errors["row_no"].unique().to_list()},
    )
    await copy_errors(session, tenant_id, import_id, errors)


async def clear_staging(session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID) -> None:
    p = {"t": tenant_id, "i": import_id}
    await session.execute(text("DELETE FROM import_rows WHERE tenant_id=:t AND import_id=:i"), p)
    await session.execute(text("DELETE FROM import_errors WHERE tenant_id=:t AND import_id=:i"), p)


SCOPE = "r.tenant_id = :t AND r.import_id = :i"


async def staging_counts(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> dict[str, int]:
    """What the preview found: rows to create, update and skip, and rejected rows."""
    p = {"t": tenant_id, "i": import_id}
    row = (
        await session.execute(
            text(f"""SELECT count(*) FILTER (WHERE action='create'),
                   count(*) FILTER (WHERE action='update'), count(*) FILTER (WHERE action='skip')
                   FROM import_rows r WHERE {SCOPE}"""),
            p,
        )
    ).one()
    invalid = await session.scalar(
        text(
            "SELECT count(DISTINCT row_no) FROM import_errors "
            "WHERE tenant_id=:t AND import_id=:i AND NOT skipped"
        ),
        p,
    )
    keys = ("to_create", "to_update", "to_skip")
    return {**dict(zip(keys, (int(v) for v in row), strict=True)), "invalid": int(invalid or 0)}


async def staged_range(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> tuple[int, int, int]:
    """(first, last, how many) staged rows: the span the commit and the revert cut in chunks."""
    row = (
        await session.execute(
            text(f"SELECT min(row_no), max(row_no), count(*) FROM import_rows r WHERE {SCOPE}"),
            {"t": tenant_id, "i": import_id},
        )
    ).one()
    return int(row[0] or 1), int(row[1] or 0), int(row[2])


async def record_chunk(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    status: str,
    chunk: list[int],
    rows: int,
) -> bool:
    """Add a written chunk (`[first row, last row, created, updated]`) to the import's
    progress, in the chunk's own transaction; False (roll the chunk back) when the import
    left `status` meanwhile (cancelled).

    A merge on the row's newest version (`||` in one UPDATE), so chunks committing side by
    side never lose each other's record; the row is locked only for this statement.
    `statement_timestamp()` moves inside a long transaction like `clock_timestamp()` would, and
    Citus allows it in an UPDATE (it refuses volatile functions there)."""
    done = "COALESCE((progress->>'done')::int, 0) + :rows"
    result = await session.execute(
        text(f"""
        UPDATE imports SET updated_at = statement_timestamp(),
          progress = progress || jsonb_build_object(
            'done', {done},
            'percent', LEAST(100, round(100.0 * ({done})
                                        / GREATEST(COALESCE((progress->>'total')::int, 0), 1), 1)),
            'chunks', COALESCE(progress->'chunks', '[]'::jsonb) || jsonb_build_array(CAST(:chunk AS jsonb)))
        WHERE tenant_id = :t AND id = :i AND status = :status
        """),
        {
            "t": tenant_id,
            "i": import_id,
            "status": status,
            "rows": rows,
            "chunk": json.dumps(chunk),
        },
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def staged_tag_names(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> list[str]:
    rows = await session.scalars(
        text(f"SELECT DISTINCT unnest(tags) FROM import_rows r WHERE {SCOPE}"),
        {"t": tenant_id, "i": import_id},
    )
    return [str(n) for n in rows]
