"""customer notes: what staff wrote on a customer, with its author

Revision ID: 0028_customer_notes
Revises: 0027_desk_indexes
Create Date: 2026-12-06 02:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028_customer_notes"
down_revision: str | Sequence[str] | None = "0027_desk_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_notes",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_type", sa.String(16), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("author_label", sa.String(320), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_customer_notes"),
    )
    bind = op.get_bind()
    if bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        # On Citus (0024) the table is distributed by tenant beside the customers before it may
        # hold keys to them (one transaction, one connection per node).
        op.execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'")
        op.execute(
            "SELECT create_distributed_table('customer_notes', 'tenant_id',"
            " colocate_with => 'customers')"
        )
    op.create_foreign_key(
        "fk_customer_notes_tenant_id_tenants", "customer_notes", "tenants",
        ["tenant_id"], ["id"], ondelete="CASCADE",
    )
    op.create_foreign_key(
        "fk_customer_notes_customer_id_customers", "customer_notes", "customers",
        ["tenant_id", "customer_id"], ["tenant_id", "id"], ondelete="CASCADE",
    )  # fmt: skip
    op.create_index(
        "ix_customer_notes_tenant_id_customer_id",
        "customer_notes",
        ["tenant_id", "customer_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_table("customer_notes")
