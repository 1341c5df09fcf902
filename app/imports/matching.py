"""SQL of the preview's matching: point staged rows at the customers they match, reject the
ones whose unique keys another customer holds."""

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.imports.staging import SCOPE

# Staged rows from which matching them against the base is done by hash joins.
HASH_JOIN_FROM = 50_000


async def match_in_base(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    dedupe_key: str,
    on_duplicate: str,
    columns: dict[str, str],
    staged: int,
    *,
    shared_phone: bool = False,
) -> None:
    """Point matched rows at the existing customer; reject rows taken by another customer.

    A phone is a key like an email unless the tenant lets customers share one
    (`shared_phone_allowed`), the same rule as `POST /customers` without `allow_duplicate`."""
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
            FROM ({source}) m WHERE {SCOPE} AND m.k = r.{dedupe_key}
            """),
            p,
        )
        # The errors' ids come from a sequence, which keeps Citus from running the insert on
        # the shards: it goes through the coordinator (`core.citus`).
        pulled = await citus.pulled_insert(session)
        await session.execute(
            text(f"""
            INSERT INTO import_errors (tenant_id, import_id, row_no, "column", code, message, value, skipped)
            SELECT :t, :i, row_no, CAST(:col AS text), 'duplicate_in_base',
                   'A customer with this {dedupe_key.replace("_", " ")} is already in the base; the row will be skipped.',
                   {dedupe_key}, true
            FROM import_rows r WHERE {SCOPE} AND r.action = 'skip'{pulled}
            """),
            {**p, "col": columns[dedupe_key]},
        )
    # Unique keys other than the dedupe key must not collide with another customer (a row
    # to create has no customer_id: any holder is another one).
    for key in ("email", "external_id") if shared_phone else ("email", "phone", "external_id"):
        if key == dedupe_key or key not in columns:
            continue
        await session.execute(
            text(f"""
            WITH taken AS (
              SELECT DISTINCT r.row_no, r.{key} AS v FROM import_rows r
              JOIN customers c ON c.tenant_id = :t AND c.{key} = r.{key}
                                AND c.id IS DISTINCT FROM r.customer_id
              WHERE {SCOPE} AND r.action <> 'skip'),
            ins AS (
              INSERT INTO import_errors (tenant_id, import_id, row_no, "column", code, message, value, skipped)
              SELECT :t, :i, row_no, CAST(:col AS text), 'duplicate_in_base',
                     'Another customer already has this {key.replace("_", " ")}.', v, false
              FROM taken RETURNING row_no)
            DELETE FROM import_rows r USING ins WHERE {SCOPE} AND r.row_no = ins.row_no
            """),
            {**p, "col": columns[key]},
        )
