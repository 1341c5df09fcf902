"""api key rate limit: a key's own request units a minute (null: the configured default)

Revision ID: 0015_api_key_rate_limit
Revises: 0014_api_key_creator
Create Date: 2026-12-05 08:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_api_key_rate_limit"
down_revision: str | Sequence[str] | None = "0014_api_key_creator"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("rate_limit_per_minute", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("api_keys", "rate_limit_per_minute")
