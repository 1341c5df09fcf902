"""SQL of the revert (and of a cancelled commit's undo): give updated customers back their
values, delete the created ones."""

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.imports.staging import SCOPE
from app.imports.writing import FIELDS


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
    rng = f"{SCOPE} AND r.row_no BETWEEN :lo AND :hi"
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
    await _restore_updated(session, p, SCOPE, on_duplicate)
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
