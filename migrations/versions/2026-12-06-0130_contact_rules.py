"""contact rules: whether the tenant's customers may share a phone

Revision ID: 0025_contact_rules
Revises: 0024_citus_distribution
Create Date: 2026-12-06 01:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025_contact_rules"
down_revision: str | Sequence[str] | None = "0024_citus_distribution"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column("shared_phone_allowed", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("tenants", "shared_phone_allowed")
