"""Fresh planner statistics after a large write, without waiting for autovacuum.

A million rows committed by an import leave the planner believing the table is as it was until
autovacuum gets to analyse it, minutes later: the next statements (the revert's
`DELETE … USING import_rows`, a filter's estimated count in the SPA) are planned for a table
a fraction of its size, and a plan fit for 1,000 rows can turn quadratic on 1,000,000. So the
jobs that write in bulk (import commit and revert, bulk actions) ANALYZE the tables they wrote
when the change was large: at least `analyze_after_rows` rows (KARTOTEKA_ANALYZE_AFTER_ROWS,
default 50,000), or at least `analyze_after_fraction` of a table's rows as the planner last knew
them (KARTOTEKA_ANALYZE_AFTER_FRACTION, default 0.1). ANALYZE reads a sample (30,000 rows at
the default statistics target): well under a second for a million customers.

Below that fraction of the table the columns given a finer histogram keep theirs
(`kt_quick_analyze`, migration 0037): `customers.search_text`'s 1,000 entries make ANALYZE read
ten times the sample and took 7.5 s on 1.1 million customers; a tenth of the table moves them
little, and autovacuum refreshes them. The row counts and the tenant's share, what the next
statements are planned by, are refreshed either way. On Citus the whole ANALYZE, as before.
"""

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.core.config import get_settings

# The tables bulk jobs write: only these names are ever put into an ANALYZE statement.
BULK_TABLES = frozenset(
    {"customers", "customer_tags", "customer_consents", "cards", "import_rows", "tags"}
)


def is_whole_change(changed: int, table_rows: float) -> bool:
    """Whether `changed` rows are a large part of the table (or its size is unknown): every
    histogram is then refreshed, the finer ones included."""
    return table_rows <= 0 or changed >= get_settings().analyze_after_fraction * table_rows


def is_large(changed: int, table_rows: float) -> bool:
    """Whether `changed` rows are enough to make a table of `table_rows` rows worth analysing."""
    settings = get_settings()
    if changed <= 0:
        return False
    # reltuples is -1 for a table never analysed or vacuumed: any change is then large.
    return (
        changed >= settings.analyze_after_rows
        or changed >= settings.analyze_after_fraction * max(table_rows, 0)
    )


async def refresh_after(session: AsyncSession, tables: Sequence[str], changed: int) -> list[str]:
    """ANALYZE those of `tables` that `changed` rows make worth it; the names analysed.

    Call it after the rows are committed (ANALYZE only samples rows it can see)."""
    unknown = set(tables) - BULK_TABLES
    assert not unknown, f"not a bulk table: {unknown}"
    if changed <= 0:
        return []
    on_citus = await citus.on_citus(session)
    known = await (_rows_on_shards(session, tables) if on_citus else _rows_here(session, tables))
    analysed = sorted(name for name, rows in known.items() if is_large(changed, rows))
    if analysed and on_citus:
        # On Citus, ANALYZE of a distributed table runs on every shard; after the job's
        # transaction read `tenants` (a reference table they hold keys to) it must use one
        # connection per node, or Citus refuses it.
        await session.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
    done = []
    for name in analysed:
        # As the tables' owner (the app's role may not ANALYZE them; migrations 0032, 0037).
        if not on_citus:
            whole = is_whole_change(changed, known[name])
            function = "kt_analyze" if whole else "kt_quick_analyze"
            await session.execute(text(f"SELECT {function}(:name)"), {"name": name})
        elif not await _analyse_on_citus(session, name):
            break
        done.append(name)
    return done


async def _analyse_on_citus(session: AsyncSession, name: str) -> bool:
    """ANALYZE on Citus, False when it refused. Citus reaches the shards as the owner on
    connections of their own, and refuses that for a shard this transaction has written as
    the app's role ("modified in this transaction by a different user"): not so for the jobs,
    which ask in a transaction of their own, but so when a test runs a whole job in one. The
    statistics are only a help: then autovacuum's are the ones used, as without this."""
    try:
        async with session.begin_nested():
            await session.execute(text("SELECT kt_analyze(:name)"), {"name": name})
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != ACTIVE_SQL_TRANSACTION:
            raise
        return False
    return True


# "cannot perform query on placements that were modified in this transaction by a different user"
ACTIVE_SQL_TRANSACTION = "25001"


async def _rows_here(session: AsyncSession, tables: Sequence[str]) -> dict[str, float]:
    rows = await session.execute(
        text(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(:names) AND relkind = 'r'"
            " AND relnamespace = CAST(current_schema() AS regnamespace)"
        ),
        {"names": list(tables)},
    )
    return dict(rows.tuples().all())


async def _rows_on_shards(session: AsyncSession, tables: Sequence[str]) -> dict[str, float]:
    """On Citus the coordinator's table is an empty shell: its rows are the shards' sum (-1 for
    a shard never analysed, so an unknown table still counts as empty)."""
    known: dict[str, float] = {}
    for name in tables:
        known[name] = float(
            await session.scalar(
                text(
                    "SELECT coalesce(sum(nullif(result, '')::float8), -1) FROM"
                    " run_command_on_shards(CAST(:name AS regclass),"
                    " $$SELECT reltuples FROM pg_class WHERE oid = '%s'::regclass$$)"
                    " WHERE success"
                ),
                {"name": name},
            )
            or -1
        )
    return known


async def analyze_own_writes(session: AsyncSession, tables: Sequence[str]) -> list[str]:
    """ANALYZE tables this transaction has just filled, before it reads them again (the demo
    seed scores the history it wrote); the names analysed. On PostgreSQL ANALYZE counts the
    transaction's own uncommitted rows. Not on Citus: `kt_analyze` runs as the owner, whose
    connections to the workers cannot see those rows, and Citus refuses to touch the shards
    this transaction wrote as the app's role (see `_analyse_on_citus`); there the workers'
    autovacuum analyses the shards once the rows are committed."""
    if await citus.on_citus(session):
        return []
    for name in tables:
        await session.execute(text("SELECT kt_analyze(:name)"), {"name": name})
    return list(tables)
