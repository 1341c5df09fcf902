"""citus distribution: where the citus extension is installed, every tenant table is distributed
by tenant_id, co-located with customers, and tenants is a reference table; on plain PostgreSQL
nothing happens (one migration history for both; docs/scaling.md)

Revision ID: 0024_citus_distribution
Revises: 0023_consent_proof
Create Date: 2026-12-05 23:50:00+00:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024_citus_distribution"
down_revision: str | Sequence[str] | None = "0023_consent_proof"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Replicated to every node: read by every tenant's queries, joined locally on each shard.
REFERENCE_TABLES = ("tenants",)
# Customers first: the others are co-located with it, so one tenant's rows of every table live
# on one node and a tenant's joins, foreign keys and triggers stay on that node.
ANCHOR = "customers"


# Citus refuses ON DELETE SET NULL on a key that includes the distribution column, even with
# PostgreSQL 15's column list (`SET NULL (customer_id)` leaves tenant_id alone, but Citus does not
# look at the list). There such a key becomes NO ACTION plus a row trigger on the parent that
# clears the column first; the trigger runs on the parent's shard and its UPDATE is routed to
# the co-located child shard of the same tenant, on the same node.
_SET_NULL = re.compile(
    r"^FOREIGN KEY \(tenant_id, (\w+)\) REFERENCES (\w+)\(tenant_id, id\) ON DELETE SET NULL \(\1\)$"
)
_SET_NULL_FUNCTION = """
CREATE OR REPLACE FUNCTION kt_clear_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE %I SET %I = NULL WHERE tenant_id = $1 AND %I = $2',
                 TG_ARGV[0], TG_ARGV[1], TG_ARGV[1])
    USING OLD.tenant_id, OLD.id;
  RETURN OLD;
END $$"""


# Statement triggers with transition tables cannot run on shards (Citus plans their
# `INSERT … SELECT FROM new_rows` as a distributed query that cannot see the tuplestore). On
# Citus the same rules become row triggers, whose statements name one tenant and so are routed
# to the co-located shard on the same node. Still ALWAYS: the import's replica mode must not
# skip the consent proof.
_CONSENT_COLUMNS = (
    "tenant_id, customer_id, channel, granted, source, wording_version, actor_type, actor_label,"
    " occurred_at"
)
_CONSENT_NEW = (
    "NEW.tenant_id, NEW.customer_id, NEW.channel, NEW.granted, NEW.source, NEW.wording_version,"
    " NEW.actor_type, NEW.actor_label, NEW.changed_at"
)
_ROW_TRIGGERS = (
    "DROP TRIGGER consent_inserted ON customer_consents",
    "DROP TRIGGER consent_updated ON customer_consents",
    "DROP TRIGGER customers_forget_stats_days ON customers",
    f"""CREATE OR REPLACE FUNCTION kt_consent_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO consent_events ({_CONSENT_COLUMNS}) VALUES ({_CONSENT_NEW});
      RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION stats_days_forget_deleted_customer() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM stats_days s WHERE s.tenant_id = OLD.tenant_id
         AND s.day = (OLD.created_at AT TIME ZONE s.timezone)::date;
      RETURN NULL;
    END $$""",
    """CREATE TRIGGER consent_inserted AFTER INSERT ON customer_consents
       FOR EACH ROW EXECUTE FUNCTION kt_consent_row()""",
    """CREATE TRIGGER consent_updated AFTER UPDATE ON customer_consents FOR EACH ROW
       WHEN (NEW.granted IS DISTINCT FROM OLD.granted
             OR NEW.wording_version IS DISTINCT FROM OLD.wording_version)
       EXECUTE FUNCTION kt_consent_row()""",
    "ALTER TABLE customer_consents ENABLE ALWAYS TRIGGER consent_inserted",
    "ALTER TABLE customer_consents ENABLE ALWAYS TRIGGER consent_updated",
    """CREATE TRIGGER customers_forget_stats_days AFTER DELETE ON customers
       FOR EACH ROW EXECUTE FUNCTION stats_days_forget_deleted_customer()""",
)


def _citus(bind: sa.Connection) -> bool:
    return bool(bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")))


def _tenant_tables(bind: sa.Connection) -> list[str]:
    rows = bind.execute(
        sa.text(
            """SELECT c.relname FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                WHERE c.relkind = 'r' ORDER BY c.relname"""
        )
    )
    return [r[0] for r in rows]


def _foreign_keys(bind: sa.Connection, tables: Sequence[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of every foreign key of these tables."""
    rows = bind.execute(
        sa.text(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                 FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(:t)
                ORDER BY 1, 2"""
        ),
        {"t": list(tables)},
    )
    return [(r[0], r[1], r[2]) for r in rows]


def upgrade() -> None:
    bind = op.get_bind()
    if not _citus(bind):
        return
    tables = [t for t in _tenant_tables(bind) if t not in REFERENCE_TABLES]
    # All of it in one transaction over connections to the same nodes (foreign keys to a
    # reference table forbid parallel shard connections in one transaction).
    op.execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'")
    keys = _foreign_keys(bind, tables)
    # Citus distributes a table only once every table it references is distributed or a
    # reference table: drop the keys, distribute everything, put the same keys back.
    for table, name, _ in keys:
        op.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for statement in _ROW_TRIGGERS:
        op.execute(statement)
    for table in REFERENCE_TABLES:
        op.execute(f"SELECT create_reference_table('{table}')")
    op.execute(f"SELECT create_distributed_table('{ANCHOR}', 'tenant_id')")
    for table in tables:
        if table != ANCHOR:
            op.execute(
                f"SELECT create_distributed_table('{table}', 'tenant_id', colocate_with => '{ANCHOR}')"
            )
    op.execute(_SET_NULL_FUNCTION)
    for table, name, definition in keys:
        set_null = _SET_NULL.match(definition)
        if set_null is None:
            op.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            continue
        column, parent = set_null.groups()
        plain = definition.removesuffix(f" ON DELETE SET NULL ({column})")
        op.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {plain}')
        op.execute(
            f'CREATE TRIGGER "{name}" BEFORE DELETE ON "{parent}" FOR EACH ROW '
            f"EXECUTE FUNCTION kt_clear_reference('{table}', '{column}')"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if not _citus(bind):
        return
    tables = [t for t in _tenant_tables(bind) if t not in REFERENCE_TABLES]
    keys = _foreign_keys(bind, [*tables, *REFERENCE_TABLES])
    # The triggers that stand in for SET NULL keys: (parent, trigger = key name, child, column).
    cleared = {
        r[1]: r[3]
        for r in bind.execute(
            sa.text(
                """SELECT tgrelid::regclass::text, tgname,
                          encode(tgargs, 'escape'), split_part(encode(tgargs, 'escape'), '\\000', 2)
                     FROM pg_trigger WHERE tgfoid = 'kt_clear_reference'::regproc"""
            )
        )
    }
    for table, name, _ in keys:
        op.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for trigger in cleared:
        parent = bind.scalar(
            sa.text("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = :n"),
            {"n": trigger},
        )
        op.execute(f'DROP TRIGGER "{trigger}" ON "{parent}"')
    op.execute("DROP FUNCTION kt_clear_reference()")
    for table in [*tables, *REFERENCE_TABLES]:
        op.execute(f"SELECT undistribute_table('{table}')")
    for table, name, definition in keys:
        if name in cleared:
            definition += f" ON DELETE SET NULL ({cleared[name]})"
        op.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
