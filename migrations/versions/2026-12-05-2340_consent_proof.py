"""consent proof: each consent change is kept with its source, the wording's version, when and
who; the events are written by a trigger so that every writer (API, bulk, merge, import,
unsubscribe link) records them the same way

Revision ID: 0023_consent_proof
Revises: 0022_retention
Create Date: 2026-12-05 23:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0023_consent_proof"
down_revision: str | Sequence[str] | None = "0022_retention"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "tenant_id, customer_id, channel, granted, source, wording_version, actor_type, actor_label, occurred_at"
_FROM_NEW = "n.tenant_id, n.customer_id, n.channel, n.granted, n.source, n.wording_version, n.actor_type, n.actor_label, n.changed_at"


def upgrade() -> None:
    op.add_column("customer_consents", sa.Column("wording_version", sa.String(32), nullable=True))
    op.add_column("customer_consents", sa.Column("actor_type", sa.String(16), nullable=True))
    op.add_column("customer_consents", sa.Column("actor_label", sa.String(320), nullable=True))
    op.create_table(
        "consent_events",
        sa.Column("tenant_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("customer_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(64), nullable=True),
        sa.Column("wording_version", sa.String(32), nullable=True),
        sa.Column("actor_type", sa.String(16), nullable=True),
        sa.Column("actor_label", sa.String(320), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "customer_id"], ["customers.tenant_id", "customers.id"],
            name="fk_consent_events_customer_id_customers", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_consent_events"),
    )  # fmt: skip
    op.create_index(
        "ix_consent_events_tenant_id_customer_id",
        "consent_events",
        ["tenant_id", "customer_id", "id"],
    )
    # Set-based (transition tables): an import or bulk change of a million consents is one
    # INSERT … SELECT, not a million trigger calls. ALWAYS: the import's commit runs with
    # session_replication_role = replica, which would skip an ordinary trigger.
    for statement in (
        f"""
        CREATE FUNCTION kt_consent_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO consent_events ({_COLUMNS}) SELECT {_FROM_NEW} FROM new_rows n;
          RETURN NULL;
        END $$
        """,
        f"""
        CREATE FUNCTION kt_consent_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO consent_events ({_COLUMNS}) SELECT {_FROM_NEW}
          FROM new_rows n JOIN old_rows o USING (tenant_id, customer_id, channel)
          WHERE n.granted IS DISTINCT FROM o.granted
             OR n.wording_version IS DISTINCT FROM o.wording_version;
          RETURN NULL;
        END $$
        """,
        f"""
        CREATE TRIGGER consent_inserted AFTER INSERT ON customer_consents
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
          EXECUTE FUNCTION kt_consent_inserted()
        """,
        f"""
        CREATE TRIGGER consent_updated AFTER UPDATE ON customer_consents
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
          EXECUTE FUNCTION kt_consent_updated()
        """,
        f"""
        ALTER TABLE customer_consents ENABLE ALWAYS TRIGGER consent_inserted
        """,
        f"""
        ALTER TABLE customer_consents ENABLE ALWAYS TRIGGER consent_updated
        """,
    ):
        op.execute(statement)


def downgrade() -> None:
    for statement in (
        "DROP TRIGGER consent_updated ON customer_consents",
        "DROP TRIGGER consent_inserted ON customer_consents",
        "DROP FUNCTION kt_consent_updated()",
        "DROP FUNCTION kt_consent_inserted()",
    ):
        op.execute(statement)
    op.drop_table("consent_events")
    for column in ("actor_label", "actor_type", "wording_version"):
        op.drop_column("customer_consents", column)
