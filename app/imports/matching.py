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
    # The staging table's statistics never know a fresh import (it is analyzed later, if at
    # all): the planner guesses its rows from the imports staged before, and plans a large one
    # as if it were small, or a small one as if it were large. We know how many it has. Each
    # statement is planned for this import (a cached generic plan was made for another one).
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    if staged >= HASH_JOIN_FROM:
        # Taken for a few, a million staged rows would probe the customers' index once a row:
        # a hash join over the tenant's customers is 2x faster.
        await session.execute(text("SET LOCAL enable_nestloop = off"))
    else:
        # Taken for a large one (guessed from the million-row imports staged before), ten
        # thousand rows would be read by a scan of the whole staging table and merge-joined
        # with every phone of a million customers. By the staging key and the customers' index.
        for plan in ("seqscan", "hashjoin", "mergejoin"):
            await session.execute(text(f"SET LOCAL enable_{plan} = off"))
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
    # The rejected rows leave the staging table by its key (`= ANY`, an index condition): a
    # join with `ins`, whose size the planner cannot know, nest-looped 10,000 rejected rows
    # over the import's 10,000 (12 s; 0.1 s now).
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
            DELETE FROM import_rows r WHERE {SCOPE} AND r.row_no = ANY (ARRAY(SELECT row_no FROM ins))
            """),
            {**p, "col": columns[key]},
        )
