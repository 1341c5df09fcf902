"""search statistics: a finer histogram for quick search's haystack

With the default 100-entry histogram, `search_text LIKE '%kowals%'` is estimated at 0.01 % of
the base whatever the term; a surname shared by 3 % of a million customers was then fetched in
full and sorted (130 ms) instead of read in list order until a page is full (a few ms).
1,000 entries let the planner tell common fragments from rare ones.

Revision ID: 0007_search_stats
Revises: 0006_vouchers_speed
Create Date: 2026-11-23 12:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_search_stats"
down_revision: str | Sequence[str] | None = "0006_vouchers_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE customers ALTER COLUMN search_text SET STATISTICS 1000")
    op.execute("ANALYZE customers (search_text)")


def downgrade() -> None:
    op.execute("ALTER TABLE customers ALTER COLUMN search_text SET STATISTICS -1")
