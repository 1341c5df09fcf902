"""SQL of the import's staging area: COPY rows and errors in, count, range and clear them,
record a written range in the import's progress.

Every statement is parameterised; file values only ever travel as COPY data or bind values.
"""

import json
import os
import time
import uuid

import polars as pl
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import bulk_insert

ERROR_COLUMNS = ("row_no", "column", "code", "message", "value", "skipped")
# What a commit or revert writes (the staging rows are what the revert's DELETE joins on):
# analysed after a large one (`core.statistics`).
WRITTEN_TABLES = ("customers", "customer_tags", "customer_consents", "cards", "import_rows")


async def copy_rows(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, rows: pl.DataFrame
) -> None:
    """COPY staging rows (`STAGE_COLUMNS`, as `validate_frame` makes them) as CSV text
    (`core.bulk_insert`)."""
    if not rows.height:
        return
    frame = rows.select(
        pl.lit(str(tenant_id)).alias("tenant_id"),
        pl.lit(str(import_id)).alias("import_id"),
        pl.lit("create").alias("action"),
        new_uuids(rows.height).alias("customer_id"),
        pl.all(),
    )
    await bulk_insert.copy_frame(session, "import_rows", frame)


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
    await bulk_insert.copy_frame(session, "import_errors", frame)


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
