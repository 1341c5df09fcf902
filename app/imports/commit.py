"""Set-based SQL of the import: COPY into staging, dedupe, match, upsert, revert.

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
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

FIELDS = (
    "external_id", "first_name", "last_name", "middle_name", "company_name", "tax_id", "email",
    "phone", "birth_date", "gender", "country", "city", "street", "building", "apartment",
    "postal_code", "notes",
)  # fmt: skip
ERROR_COLUMNS = ("row_no", "column", "code", "message", "value", "skipped")
# Staged rows from which matching them against the base is done by hash joins.
HASH_JOIN_FROM = 50_000
UNIQUE_VIOLATION = "23505"


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

    await (await _raw(session)).copy_to_table(
        table, source=data(), columns=frame.columns, format="csv"
    )


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
        text(f"DELETE FROM import_rows r WHERE {_SCOPE} AND r.row_no = ANY(:rows)"),
        {"t": tenant_id, "i": import_id, "rows": errors["row_no"].unique().to_list()},
    )
    await copy_errors(session, tenant_id, import_id, errors)


async def clear_staging(session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID) -> None:
    p = {"t": tenant_id, "i": import_id}
    await session.execute(text("DELETE FROM import_rows WHERE tenant_id=:t AND import_id=:i"), p)
    await session.execute(text("DELETE FROM import_errors WHERE tenant_id=:t AND import_id=:i"), p)


_SCOPE = "r.tenant_id = :t AND r.import_id = :i"


async def match_in_base(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    dedupe_key: str,
    on_duplicate: str,
    columns: dict[str, str],
    staged: int,
) -> None:
    """Point matched rows at the existing customer; reject rows taken by another customer."""
    p: dict[str, Any] = {"t": tenant_id, "i": import_id}
    action = "skip" if on_duplicate == "skip" else "update"
    if staged >= HASH_JOIN_FROM:
        # The staging table's statistics never know a fresh import (it is analyzed later, if
        # at all), so the planner takes a million staged rows for a few and probes the
        # customers' index once a row: a hash join over the tenant's customers is 2x faster.
        await session.execute(text("SET LOCAL enable_nestloop = off"))
    if dedupe_key in ("email", "external_id"):
        source = f"SELECT {dedupe_key} AS k, id FROM customers WHERE tenant_id = :t"
    elif dedupe_key == "phone":
        source = (
            "SELECT DISTINCT ON (phone) phone AS k, id FROM customers WHERE tenant_id = :t"
            " AND phone IS NOT NULL ORDER BY phone, created_at, id"
        )
    else:
        source = "SELECT number AS k, customer_id AS id FROM cards WHERE tenant_id = :t"
    if dedupe_key in columns:
        await session.execute(
            text(f"""
            UPDATE import_rows r SET customer_id = m.id, action = '{action}'
            FROM ({source}) m WHERE {_SCOPE} AND m.k = r.{dedupe_key}
            """),
            p,
        )
        await session.execute(
            text(f"""
            INSERT INTO import_errors (tenant_id, import_id, row_no, "column", code, message, value, skipped)
            SELECT :t, :i, row_no, CAST(:col AS text), 'duplicate_in_base',
                   'A customer with this {dedupe_key.replace("_", " ")} is already in the base; the row will be skipped.',
                   {dedupe_key}, true
            FROM import_rows r WHERE {_SCOPE} AND r.action = 'skip'
            """),
            {**p, "col": columns[dedupe_key]},
        )
    # Unique keys other than the dedupe key must not collide with another customer.
    for key in ("email", "external_id"):
        if key == dedupe_key or key not in columns:
            continue
        await session.execute(
            text(f"""
            WITH taken AS (
              SELECT r.row_no, r.{key} AS v FROM import_rows r
              JOIN customers c ON c.tenant_id = :t AND c.{key} = r.{key} AND c.id <> r.customer_id
              WHERE {_SCOPE} AND r.action <> 'skip'),
            ins AS (
              INSERT INTO import_errors (tenant_id, import_id, row_no, "column", code, message, value, skipped)
              SELECT :t, :i, row_no, CAST(:col AS text), 'duplicate_in_base',
                     'Another customer already has this {key.replace("_", " ")}.', v, false
              FROM taken RETURNING row_no)
            DELETE FROM import_rows r USING ins WHERE {_SCOPE} AND r.row_no = ins.row_no
            """),
            {**p, "col": columns[key]},
        )


async def staging_counts(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> dict[str, int]:
    """What the preview found: rows to create, update and skip, and rejected rows."""
    p = {"t": tenant_id, "i": import_id}
    row = (
        await session.execute(
            text(f"""SELECT count(*) FILTER (WHERE action='create'),
                   count(*) FILTER (WHERE action='update'), count(*) FILTER (WHERE action='skip')
                   FROM import_rows r WHERE {_SCOPE}"""),
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
            text(f"SELECT min(row_no), max(row_no), count(*) FROM import_rows r WHERE {_SCOPE}"),
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
    side never lose each other's record; the row is locked only for this statement."""
    done = "COALESCE((progress->>'done')::int, 0) + :rows"
    result = await session.execute(
        text(f"""
        UPDATE imports SET updated_at = clock_timestamp(),
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


async def write_chunk(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    lo: int,
    hi: int,
    on_duplicate: str,
    event_id: int,
) -> tuple[int, int, int]:
    """Create, update and link the staged rows `lo`..`hi`: (created, updated, staged rows).

    Run once per range, in one transaction with `record_chunk`: a killed run leaves nothing of
    the range behind, so nothing here needs to tell a retry from a first run. Per-row outcomes
    are not written: a created customer carries the import's id, an updated one's row keeps
    `outcome = 'updated'` with the customer as it was (for the revert)."""
    p = {"t": tenant_id, "i": import_id, "lo": lo, "hi": hi, "event": event_id}
    rng = f"{_SCOPE} AND r.row_no BETWEEN :lo AND :hi"
    # The trigram (GIN) index of customers takes new rows into its pending list and merges
    # it in bulk: far cheaper than merging every few thousand rows as the 4 MB default does.
    await session.execute(text("SET LOCAL gin_pending_list_limit = '256MB'"))
    cols = ", ".join(FIELDS)
    creates, updates, staged = (
        await session.execute(
            text(f"SELECT count(*) FILTER (WHERE r.action = 'create'), "
                 f"count(*) FILTER (WHERE r.action = 'update'), count(*) "
                 f"FROM import_rows r WHERE {rng}"),
            p,
        )
    ).one()  # fmt: skip
    trusted = await _checks_by_set(session, p)
    insert = f"""
        INSERT INTO customers (id, tenant_id, {cols}, custom_fields, type, status, source,
                               import_id, version)
        SELECT r.customer_id, r.tenant_id, {", ".join("r." + f for f in FIELDS)},
               COALESCE(r.custom_fields, '{{}}'::jsonb), 'customer', 'active', 'import',
               r.import_id, 1
        FROM import_rows r WHERE {rng} AND r.action = 'create'
        """
    try:
        # A plain insert: `ON CONFLICT` would probe every unique index before each row and
        # log a confirmation record after it. The preview checked the keys against the base;
        # only a customer added since then can collide, and then the range goes the careful way.
        async with session.begin_nested():
            inserted = await session.execute(text(insert), p)
    except IntegrityError as exc:
        if getattr(exc.orig, "sqlstate", None) != UNIQUE_VIOLATION:
            raise
        inserted = await session.execute(text(insert + " ON CONFLICT DO NOTHING"), p)
    created = int(inserted.rowcount)  # type: ignore[attr-defined]
    # Rows whose email was taken meanwhile (by another import, or the API) created nothing:
    # in the usual case there are none, and the new customers are the range's `create` rows.
    new = f"{rng} AND r.action = 'create'"
    if created < creates:
        new += (
            " AND EXISTS (SELECT FROM customers c WHERE c.tenant_id = :t AND c.id = r.customer_id"
            " AND c.import_id IS NOT DISTINCT FROM :i)"
        )
    if trusted:  # the tags the rows name stay until this transaction ends (see _checks_by_set)
        tag_keys = f"""
            SELECT DISTINCT {_TAG_KEY} FROM import_rows r
            CROSS JOIN LATERAL unnest(r.tags) AS n(name) WHERE {new}"""
        await session.execute(
            text(
                f"SELECT FROM tags WHERE tenant_id = :t AND name_key IN ({tag_keys}) FOR KEY SHARE"
            ),
            p,
        )
    # Everything hanging off the new customers, in one statement: a new customer has no tags
    # or consents yet, so these are plain inserts. (Its history is the import's event, found
    # through its `import_id`: no row per customer.)
    await session.execute(
        text(f"""
        WITH new AS MATERIALIZED (
          SELECT r.customer_id, r.tags, r.consents, r.card FROM import_rows r WHERE {new}),
        consented AS (
          INSERT INTO customer_consents (tenant_id, customer_id, channel, granted, changed_at,
                                         source, actor_type)
          SELECT CAST(:t AS uuid), new.customer_id, e.key, (e.value)::text::boolean, now(),
                 'import', 'import'
          FROM new CROSS JOIN LATERAL jsonb_each(new.consents) e),
        tagged AS (
          INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
          SELECT DISTINCT CAST(:t AS uuid), new.customer_id, tg.id FROM new
          CROSS JOIN LATERAL unnest(new.tags) AS n(name)
          JOIN tags tg ON tg.tenant_id = :t AND tg.name_key = {_TAG_KEY})
        INSERT INTO cards (id, tenant_id, customer_id, number)
        SELECT gen_random_uuid(), CAST(:t AS uuid), new.customer_id, new.card FROM new
        WHERE new.card IS NOT NULL ON CONFLICT DO NOTHING
        """),
        p,
    )
    if trusted:
        await session.execute(text("SET LOCAL session_replication_role = origin"))
    if not updates:
        return created, 0, int(staged)
    if on_duplicate == "fill_empty":
        sets = ", ".join(f"{f} = COALESCE(c.{f}, s.{f})" for f in FIELDS)
        cf = "COALESCE(s.custom_fields, '{}'::jsonb) || c.custom_fields"
    else:
        sets = ", ".join(f"{f} = COALESCE(s.{f}, c.{f})" for f in FIELDS)
        cf = "c.custom_fields || COALESCE(s.custom_fields, '{}'::jsonb)"
    updated = await session.execute(
        text(f"""
        WITH s AS (
          SELECT r.*, to_jsonb(c.*) AS snap FROM import_rows r
          JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
          WHERE {rng} AND r.action = 'update' FOR UPDATE OF c),
        upd AS (
          UPDATE customers c SET {sets}, custom_fields = {cf}, version = c.version + 1,
                 updated_at = now()
          FROM s WHERE c.tenant_id = :t AND c.id = s.customer_id RETURNING c.id)
        UPDATE import_rows r SET outcome = 'updated', before = s.snap FROM s
        WHERE r.tenant_id = :t AND r.import_id = :i AND r.row_no = s.row_no
        """),
        p,
    )
    n_updated = int(updated.rowcount)  # type: ignore[attr-defined]
    if n_updated:
        await _link_updated(session, p, f"{rng} AND r.outcome = 'updated'", on_duplicate)
    return created, n_updated, int(staged)


async def _checks_by_set(session: AsyncSession, p: dict[str, Any]) -> bool:
    """Check the new customers' references once for the range instead of once per row, where
    the role may (a superuser, or `GRANT SET ON PARAMETER session_replication_role`); False
    (and the usual per-row checks) otherwise.

    The per-row foreign-key checks are a fifth of the work of writing a large import, and
    these rows cannot fail them: new customers of the import's tenant, whose row this locks
    as each check would; their consents, tags and cards, which point at those customers
    (written by this transaction: no one else can see or delete them) and at tags that the
    caller locks before linking them. `replica` mode skips every trigger, and so must end
    before anything is deleted or updated (a cascade is a trigger too)."""
    may = await session.scalar(
        text("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    )
    if not may:
        return False
    await session.execute(text("SELECT FROM tenants WHERE id = :t FOR KEY SHARE"), p)
    await session.execute(text("SET LOCAL session_replication_role = replica"))
    return True


# How `tags.name_key` is made from a name (app/tags/service.py).
_TAG_KEY = "lower(regexp_replace(btrim(n.name), '\\s+', ' ', 'g'))"


async def _link_updated(
    session: AsyncSession, p: dict[str, Any], updated: str, on_duplicate: str
) -> None:
    """Tags, consents and history of the customers a chunk updated (they may have some)."""
    await session.execute(
        text(f"""
        INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
        SELECT DISTINCT CAST(:t AS uuid), r.customer_id, tg.id FROM import_rows r
        CROSS JOIN LATERAL unnest(r.tags) AS n(name)
        JOIN tags tg ON tg.tenant_id = :t AND tg.name_key = {_TAG_KEY}
        WHERE {updated} AND r.tags IS NOT NULL ON CONFLICT DO NOTHING
        """),
        p,
    )
    conflict = (
        "DO NOTHING"
        if on_duplicate == "fill_empty"
        else "DO UPDATE SET granted = excluded.granted, changed_at = excluded.changed_at, "
        "source = excluded.source, wording_version = NULL, actor_type = excluded.actor_type, "
        "actor_label = NULL WHERE customer_consents.granted IS DISTINCT FROM excluded.granted"
    )
    await session.execute(
        text(f"""
        INSERT INTO customer_consents (tenant_id, customer_id, channel, granted, changed_at, source,
                                       actor_type)
        SELECT CAST(:t AS uuid), r.customer_id, e.key, (e.value)::text::boolean, now(), 'import',
               'import'
        FROM import_rows r CROSS JOIN LATERAL jsonb_each(r.consents) e
        WHERE {updated} AND r.consents IS NOT NULL
        ON CONFLICT (tenant_id, customer_id, channel) {conflict}
        """),
        p,
    )
    await session.execute(
        text(f"""
        INSERT INTO audit_event_subjects (tenant_id, customer_id, event_id)
        SELECT DISTINCT CAST(:t AS uuid), r.customer_id, CAST(:event AS bigint) FROM import_rows r
        WHERE {updated} ON CONFLICT DO NOTHING
        """),
        p,
    )


def _written(field: str, on_duplicate: str) -> str:
    """The value `write_chunk` gave a field of an updated customer (b = before, r = row)."""
    if field == "custom_fields":
        if on_duplicate == "fill_empty":
            return "COALESCE(r.custom_fields, '{}'::jsonb) || b.custom_fields"
        return "b.custom_fields || COALESCE(r.custom_fields, '{}'::jsonb)"
    if on_duplicate == "fill_empty":
        return f"COALESCE(b.{field}, r.{field})"
    return f"COALESCE(r.{field}, b.{field})"


async def undo_chunk(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    lo: int,
    hi: int,
    on_duplicate: str,
) -> int:
    """Undo what the rows `lo`..`hi` wrote: how many customers were restored or deleted.

    Run once per range, in one transaction with `record_chunk` (as `write_chunk`). Tags and
    consents the import added to existing customers stay."""
    p = {"t": tenant_id, "i": import_id, "lo": lo, "hi": hi}
    rng = f"{_SCOPE} AND r.row_no BETWEEN :lo AND :hi"
    restored = await _restore_updated(session, p, rng, on_duplicate)
    # `IS NOT DISTINCT FROM` keeps the import_id check off the customers' import_id index:
    # its statistics rarely know a fresh import, and driving the join from it cost a scan of
    # the whole import per chunk instead of a primary-key probe per row.
    deleted = await session.execute(
        text(f"""
        DELETE FROM customers c USING import_rows r
        WHERE {rng} AND r.action = 'create' AND c.tenant_id = :t AND c.id = r.customer_id
          AND c.import_id IS NOT DISTINCT FROM :i AND c.erased_at IS NULL
        """),
        p,
    )
    return restored + int(deleted.rowcount)  # type: ignore[attr-defined]


async def undo(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, on_duplicate: str
) -> None:
    """Undo everything the import wrote, in one transaction (a cancelled or failed commit)."""
    p = {"t": tenant_id, "i": import_id}
    await _restore_updated(session, p, _SCOPE, on_duplicate)
    await session.execute(
        text("DELETE FROM customers WHERE tenant_id = :t AND import_id = :i AND erased_at IS NULL"),
        p,
    )


async def _restore_updated(
    session: AsyncSession, p: dict[str, Any], rows: str, on_duplicate: str
) -> int:
    """Give the customers the `rows` updated back the value each field had before the import,
    unless the field was changed again since (then the later change is kept). An erased
    customer stays erased (and a revert never deletes its tombstone)."""
    sets = ", ".join(
        f"{f} = CASE WHEN c.{f} IS NOT DISTINCT FROM {_written(f, on_duplicate)} "
        f"THEN b.{f} ELSE c.{f} END"
        for f in (*FIELDS, "custom_fields")
    )
    restored = await session.execute(
        text(f"""
        UPDATE customers c SET {sets}, version = c.version + 1, updated_at = now()
        FROM import_rows r CROSS JOIN LATERAL jsonb_populate_record(NULL::customers, r.before) b
        WHERE {rows} AND r.outcome = 'updated' AND c.tenant_id = :t AND c.id = r.customer_id
          AND c.erased_at IS NULL
        """),
        p,
    )
    return int(restored.rowcount)  # type: ignore[attr-defined]


async def staged_tag_names(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> list[str]:
    rows = await session.scalars(
        text(f"SELECT DISTINCT unnest(tags) FROM import_rows r WHERE {_SCOPE}"),
        {"t": tenant_id, "i": import_id},
    )
    return [str(n) for n in rows]
