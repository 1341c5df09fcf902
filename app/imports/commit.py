"""Set-based SQL of the import: COPY into staging, dedupe, match, upsert, revert.

Every statement is parameterised; file values only ever travel as COPY data or bind values.
"""

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.imports.validate import STAGE_COLUMNS

FIELDS = (
    "external_id", "first_name", "last_name", "middle_name", "company_name", "tax_id", "email",
    "phone", "birth_date", "gender", "country", "city", "street", "building", "apartment",
    "postal_code", "notes",
)  # fmt: skip
ERROR_COLUMNS = ("row_no", "column", "code", "message", "value", "skipped")


async def _raw(session: AsyncSession) -> Any:
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    return raw.driver_connection


def _clean(v: Any) -> Any:
    return v.replace("\x00", "") if isinstance(v, str) else v


async def copy_rows(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    records: list[tuple[Any, ...]],
) -> None:
    if not records:
        return
    # Custom fields and consents come as JSON text already (validate._records).
    prefix = (tenant_id, import_id, "create")
    rows = [(*prefix, *r) for r in records]
    await (await _raw(session)).copy_records_to_table(
        "import_rows", records=rows, columns=["tenant_id", "import_id", "action", *STAGE_COLUMNS]
    )


async def copy_errors(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    errors: list[tuple[int, str | None, str, str, str | None]],
) -> None:
    if not errors:
        return
    rows = [(tenant_id, import_id, *(_clean(v) for v in e), False) for e in errors]
    await (await _raw(session)).copy_records_to_table(
        "import_errors", records=rows, columns=["tenant_id", "import_id", *ERROR_COLUMNS]
    )


async def clear_staging(session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID) -> None:
    p = {"t": tenant_id, "i": import_id}
    await session.execute(text("DELETE FROM import_rows WHERE tenant_id=:t AND import_id=:i"), p)
    await session.execute(text("DELETE FROM import_errors WHERE tenant_id=:t AND import_id=:i"), p)


_SCOPE = "r.tenant_id = :t AND r.import_id = :i"


async def mark_duplicates_in_file(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, columns: dict[str, str]
) -> None:
    """Later rows repeating an earlier row's email, phone, external id or card are errors."""
    keys = [k for k in ("email", "phone", "external_id", "card") if k in columns]
    if not keys:
        return
    ranks = ", ".join(
        f"CASE WHEN {k} IS NOT NULL THEN row_number() OVER (PARTITION BY {k} ORDER BY row_no) END AS n_{k}"
        for k in keys
    )
    which = " ".join(f"WHEN n_{k} > 1 THEN '{k}'" for k in keys)
    value = " ".join(f"WHEN n_{k} > 1 THEN {k}" for k in keys)
    column = " ".join(f"WHEN n_{k} > 1 THEN CAST(:col_{k} AS text)" for k in keys)
    params: dict[str, Any] = {"t": tenant_id, "i": import_id}
    params.update({f"col_{k}": columns[k] for k in keys})
    await session.execute(
        text(f"""
        WITH ranked AS (SELECT row_no, {", ".join(keys)}, {ranks} FROM import_rows r WHERE {_SCOPE}),
        dups AS (SELECT row_no, CASE {which} END AS k, CASE {value} END AS v,
                        CASE {column} END AS col FROM ranked),
        ins AS (
          INSERT INTO import_errors (tenant_id, import_id, row_no, "column", code, message, value, skipped)
          SELECT :t, :i, row_no, col, 'duplicate_in_file',
                 'The same ' || replace(k, '_', ' ') || ' appears in an earlier row of the file.', v, false
          FROM dups WHERE k IS NOT NULL RETURNING row_no)
        DELETE FROM import_rows r USING ins WHERE {_SCOPE} AND r.row_no = ins.row_no
        """),
        params,
    )


async def match_in_base(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    dedupe_key: str,
    on_duplicate: str,
    columns: dict[str, str],
) -> None:
    """Point matched rows at the existing customer; reject rows taken by another customer."""
    p: dict[str, Any] = {"t": tenant_id, "i": import_id}
    action = "skip" if on_duplicate == "skip" else "update"
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
    p = {"t": tenant_id, "i": import_id}
    row = (
        await session.execute(
            text(f"""SELECT count(*) FILTER (WHERE action='create'),
                   count(*) FILTER (WHERE action='update'), count(*) FILTER (WHERE action='skip'),
                   count(*) FILTER (WHERE outcome='created'), count(*) FILTER (WHERE outcome='updated'),
                   count(*) FILTER (WHERE outcome='skipped'), count(*) FILTER (WHERE outcome IS NOT NULL)
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
    keys = ("to_create", "to_update", "to_skip", "created", "updated", "skipped", "done")
    return {**dict(zip(keys, (int(v) for v in row), strict=True)), "invalid": int(invalid or 0)}


async def resume_point(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> tuple[int, int, int]:
    """(first row still to write, last staged row, rows already written) of a commit."""
    row = (
        await session.execute(
            text(f"""SELECT min(row_no) FILTER (WHERE outcome IS NULL), max(row_no),
                   count(*) FILTER (WHERE outcome IS NOT NULL) FROM import_rows r WHERE {_SCOPE}"""),
            {"t": tenant_id, "i": import_id},
        )
    ).one()
    last = int(row[1] or 0)
    return (int(row[0]) if row[0] is not None else last + 1), last, int(row[2])


async def write_chunk(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    lo: int,
    hi: int,
    on_duplicate: str,
) -> int:
    """Create, update and link one range of rows; marks each row's outcome (idempotent).

    Returns how many rows of the range got their outcome now."""
    p = {"t": tenant_id, "i": import_id, "lo": lo, "hi": hi}
    rng = f"{_SCOPE} AND r.row_no BETWEEN :lo AND :hi AND r.outcome IS NULL"
    # The trigram (GIN) indexes of customers take new rows into their pending list and merge
    # it in bulk: far cheaper than merging every few thousand rows as the 4 MB default does.
    await session.execute(text("SET LOCAL gin_pending_list_limit = '256MB'"))
    cols = ", ".join(FIELDS)
    created = await session.execute(
        text(f"""
        WITH ins AS (
          INSERT INTO customers (id, tenant_id, {cols}, custom_fields, type, status, source,
                                 import_id, version)
          SELECT r.customer_id, r.tenant_id, {", ".join("r." + f for f in FIELDS)},
                 COALESCE(r.custom_fields, '{{}}'::jsonb), 'customer', 'active', 'import', r.import_id, 1
          FROM import_rows r WHERE {rng} AND r.action = 'create'
          ON CONFLICT DO NOTHING RETURNING id)
        UPDATE import_rows r SET outcome = CASE WHEN r.customer_id IN (SELECT id FROM ins)
                                           THEN 'created' ELSE 'skipped' END
        WHERE {rng} AND r.action = 'create'
        """),
        p,
    )
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
    done = f"{_SCOPE} AND r.row_no BETWEEN :lo AND :hi AND r.outcome IN ('created', 'updated')"
    await session.execute(
        text(f"""
        INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
        SELECT DISTINCT :t, r.customer_id, tg.id FROM import_rows r
        CROSS JOIN LATERAL unnest(r.tags) AS n(name)
        JOIN tags tg ON tg.tenant_id = :t
             AND tg.name_key = lower(regexp_replace(btrim(n.name), '\\s+', ' ', 'g'))
        WHERE {done} AND r.tags IS NOT NULL ON CONFLICT DO NOTHING
        """),
        p,
    )
    conflict = (
        "DO NOTHING"
        if on_duplicate == "fill_empty"
        else "DO UPDATE SET granted = excluded.granted, changed_at = excluded.changed_at, "
        "source = excluded.source WHERE customer_consents.granted IS DISTINCT FROM excluded.granted"
    )
    await session.execute(
        text(f"""
        INSERT INTO customer_consents (tenant_id, customer_id, channel, granted, changed_at, source)
        SELECT :t, r.customer_id, e.key, (e.value)::text::boolean, now(), 'import'
        FROM import_rows r CROSS JOIN LATERAL jsonb_each(r.consents) e
        WHERE {done} AND r.consents IS NOT NULL
        ON CONFLICT (tenant_id, customer_id, channel) {conflict}
        """),
        p,
    )
    await session.execute(
        text(f"""
        INSERT INTO cards (id, tenant_id, customer_id, number)
        SELECT gen_random_uuid(), :t, r.customer_id, r.card FROM import_rows r
        WHERE {done} AND r.outcome = 'created' AND r.card IS NOT NULL ON CONFLICT DO NOTHING
        """),
        p,
    )
    skipped = await session.execute(
        text(f"UPDATE import_rows r SET outcome = 'skipped' WHERE {rng}"),
        p,
    )
    return sum(int(r.rowcount) for r in (created, updated, skipped))  # type: ignore[attr-defined,misc]


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
    """Undo one range of written rows and mark them `reverted` (idempotent: a retry skips them).

    An updated customer gets back the value each field had before the import, unless the
    field was changed again since (then the later change is kept); a created customer is
    deleted. Tags and consents the import added to existing customers stay."""
    p = {"t": tenant_id, "i": import_id, "lo": lo, "hi": hi}
    rng = f"{_SCOPE} AND r.row_no BETWEEN :lo AND :hi"
    # `IS NOT DISTINCT FROM` keeps the import_id check off the customers' import_id index:
    # its statistics rarely know a fresh import, and driving the join from it cost a scan of
    # the whole import per chunk instead of a primary-key probe per row.
    sets = ", ".join(
        f"{f} = CASE WHEN c.{f} IS NOT DISTINCT FROM {_written(f, on_duplicate)} "
        f"THEN b.{f} ELSE c.{f} END"
        for f in (*FIELDS, "custom_fields")
    )
    await session.execute(
        text(f"""
        UPDATE customers c SET {sets}, version = c.version + 1, updated_at = now()
        FROM import_rows r CROSS JOIN LATERAL jsonb_populate_record(NULL::customers, r.before) b
        WHERE {rng} AND r.outcome = 'updated' AND c.tenant_id = :t AND c.id = r.customer_id
        """),
        p,
    )
    await session.execute(
        text(f"""
        DELETE FROM customers c USING import_rows r
        WHERE {rng} AND r.outcome = 'created' AND c.tenant_id = :t AND c.id = r.customer_id
          AND c.import_id IS NOT DISTINCT FROM :i
        """),
        p,
    )
    marked = await session.execute(
        text(
            f"UPDATE import_rows r SET outcome = 'reverted' WHERE {rng} "
            "AND r.outcome IN ('created', 'updated')"
        ),
        p,
    )
    return int(marked.rowcount)  # type: ignore[attr-defined]


async def undo(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, on_duplicate: str
) -> None:
    """Undo everything the import wrote, in one statement set (a cancelled commit)."""
    await undo_chunk(session, tenant_id, import_id, 0, 2**31 - 1, on_duplicate)


async def revert_point(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> tuple[int, int, int]:
    """(first row still to undo, last staged row, rows already undone) of a revert."""
    row = (
        await session.execute(
            text(f"""SELECT min(row_no) FILTER (WHERE outcome IN ('created', 'updated')),
                   max(row_no), count(*) FILTER (WHERE outcome = 'reverted')
                   FROM import_rows r WHERE {_SCOPE}"""),
            {"t": tenant_id, "i": import_id},
        )
    ).one()
    last = int(row[1] or 0)
    return (int(row[0]) if row[0] is not None else last + 1), last, int(row[2])


async def staged_tag_names(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> list[str]:
    rows = await session.scalars(
        text(f"SELECT DISTINCT unnest(tags) FROM import_rows r WHERE {_SCOPE}"),
        {"t": tenant_id, "i": import_id},
    )
    return [str(n) for n in rows]
