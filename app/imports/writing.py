"""SQL of the commit: create, update and link the staged rows of one range.

Every statement is parameterised; file values only ever travel as COPY data or bind values.
"""

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.customers.fields import IMPORTABLE
from app.imports.staging import SCOPE
from app.loyalty import opening as loyalty_opening

FIELDS = IMPORTABLE
UNIQUE_VIOLATION = "23505"


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
    rng = f"{SCOPE} AND r.row_no BETWEEN :lo AND :hi"
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
            SELECT DISTINCT {TAG_KEY} FROM import_rows r
            CROSS JOIN LATERAL unnest(r.tags) AS n(name) WHERE {new}"""
        await session.execute(
            text(
                f"SELECT FROM tags WHERE tenant_id = :t AND name_key IN ({tag_keys}) FOR KEY SHARE"
            ),
            p,
        )
    # Everything hanging off the new customers, in one statement: a new customer has no tags
    # or consents yet, so these are plain inserts. (Its history is the import's event, found
    # through its `import_id`: no row per customer.) Their source is a CTE: on Citus they go
    # through the coordinator (`core.citus`).
    pulled = await citus.pulled_insert(session)
    await session.execute(
        text(f"""
        WITH new AS MATERIALIZED (
          SELECT r.customer_id, r.tags, r.consents, r.card FROM import_rows r WHERE {new}),
        consented AS (
          INSERT INTO customer_consents (tenant_id, customer_id, channel, granted, changed_at,
                                         source, actor_type)
          SELECT CAST(:t AS uuid), new.customer_id, e.key, (e.value)::text::boolean, now(),
                 'import', 'import'
          FROM new CROSS JOIN LATERAL jsonb_each(new.consents) e{pulled}),
        tagged AS (
          INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
          SELECT DISTINCT CAST(:t AS uuid), new.customer_id, tg.id FROM new
          CROSS JOIN LATERAL unnest(new.tags) AS n(name)
          JOIN tags tg ON tg.tenant_id = :t AND tg.name_key = {TAG_KEY}{pulled})
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
TAG_KEY = "lower(regexp_replace(btrim(n.name), '\\s+', ' ', 'g'))"


async def _link_updated(
    session: AsyncSession, p: dict[str, Any], updated: str, on_duplicate: str
) -> None:
    """Tags, consents and history of the customers a chunk updated (they may have some)."""
    await session.execute(
        text(f"""
        INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
        SELECT DISTINCT CAST(:t AS uuid), r.customer_id, tg.id FROM import_rows r
        CROSS JOIN LATERAL unnest(r.tags) AS n(name)
        JOIN tags tg ON tg.tenant_id = :t AND tg.name_key = {TAG_KEY}
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


async def open_balances(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, lo: int, hi: int
) -> int:
    """The opening points of the range's customers that were created or updated (not the
    skipped ones), into the loyalty ledger: one set of statements for the whole range."""
    rows = f"""
        SELECT r.customer_id, r.opening_points AS points FROM import_rows r
        WHERE {SCOPE} AND r.row_no BETWEEN :lo AND :hi AND r.opening_points > 0
          AND (r.outcome = 'updated' OR (r.action = 'create' AND EXISTS (
               SELECT FROM customers c WHERE c.tenant_id = r.tenant_id AND c.id = r.customer_id
                 AND c.import_id = r.import_id)))"""
    return await loyalty_opening.open_balances(
        session, tenant_id, rows, {"t": tenant_id, "i": import_id, "lo": lo, "hi": hi},
        source=f"import:{import_id}", actor="import",
    )  # fmt: skip
