"""retention: when the purge took an import's upload file and its staging rows

Revision ID: 0022_retention
Revises: 0021_erasure
Create Date: 2026-12-05 23:35:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_retention"
down_revision: str | Sequence[str] | None = "0021_erasure"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for column in ("file_purged_at", "staging_purged_at"):
        op.add_column("imports", sa.Column(column, sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for column in ("staging_purged_at", "file_purged_at"):
        op.drop_column("imports", column)
