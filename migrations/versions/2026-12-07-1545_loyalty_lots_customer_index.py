"""loyalty lots: the customer's index is whole, so deleting a customer finds its lots

The lots of a customer were indexed only where `remaining > 0` (the FIFO of redemptions and
expiry). The foreign key's `ON DELETE CASCADE` looks a customer's lots up with no such
predicate, and a partial index cannot serve it: every deleted customer scanned the whole
table. On the bench base (600,000 accounts, 1.2 million lots) the revert of a 10,000-row import
ran into its statement timeout, chunk after chunk, and was given up; a merge, an erasure or a
bulk delete paid the same. The index now holds every lot, by (tenant, customer, expiry): the
FIFO reads it as before and skips the spent lots of the customer, the cascade probes it.
`tests/test_schema.py` checks that every foreign key has such an index.

Revision ID: 0036_loyalty_lots_customer_index
Revises: 0035_citus_row_triggers
Create Date: 2026-12-07 15:45:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036_loyalty_lots_customer_index"
down_revision: str | Sequence[str] | None = "0035_citus_row_triggers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "loyalty_lots"
NAME = "ix_loyalty_lots_tenant_id_customer_id_expires_at"
COLUMNS = ["tenant_id", "customer_id", "expires_at"]


def upgrade() -> None:
    op.drop_index(NAME, TABLE)
    op.create_index(NAME, TABLE, COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, TABLE)
    op.create_index(NAME, TABLE, COLUMNS, postgresql_where=sa.text("remaining > 0"))
