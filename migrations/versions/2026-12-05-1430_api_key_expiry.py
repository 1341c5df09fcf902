"""api key expiry: a key may stop working at a set time (null: until revoked)

Revision ID: 0020_api_key_expiry
Revises: 0015_api_key_rate_limit
Create Date: 2026-12-05 14:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_api_key_expiry"
down_revision: str | Sequence[str] | None = "0015_api_key_rate_limit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("api_keys", "expires_at")
