"""erasure: a customer's identity can be erased (tombstone), and erased identities are kept as
keyed hashes so that they are not re-created unnoticed

Revision ID: 0021_erasure
Revises: 0020_api_key_expiry
Create Date: 2026-12-05 23:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021_erasure"
down_revision: str | Sequence[str] | None = "0020_api_key_expiry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "erased_subjects",
        sa.Column("tenant_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("digest", postgresql.BYTEA(), nullable=False),
        sa.Column(
            "erased_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_erased_subjects_tenant_id_tenants",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "kind", "digest", name="pk_erased_subjects"),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("erased_subjects")
    op.drop_column("customers", "erased_at")
