"""redemption undo: the tenant's undo window and who undid a redemption, when

Revision ID: 0026_redemption_undo
Revises: 0025_contact_rules
Create Date: 2026-12-06 01:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_redemption_undo"
down_revision: str | Sequence[str] | None = "0025_contact_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column(
            "redemption_undo_minutes", sa.Integer(), server_default=sa.text("10"), nullable=False
        ),
    )
    op.add_column(
        "voucher_redemptions",
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column("voucher_redemptions", sa.Column("undone_by", sa.String(320), nullable=True))


def downgrade() -> None:
    op.drop_column("voucher_redemptions", "undone_by")
    op.drop_column("voucher_redemptions", "undone_at")
    op.drop_column("tenants", "redemption_undo_minutes")
