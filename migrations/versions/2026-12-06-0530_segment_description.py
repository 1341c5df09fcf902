"""segment description: what a saved segment is for, in the owner's words

Revision ID: 0030_segment_description
Revises: 0029_webhooks
Create Date: 2026-12-06 05:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030_segment_description"
down_revision: str | Sequence[str] | None = "0029_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column without a default: a catalogue-only change, no table rewrite.
    op.add_column("segments", sa.Column("description", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("segments", "description")
