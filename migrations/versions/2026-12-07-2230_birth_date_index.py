"""birthdays found by their dates: an index on (tenant_id, birth_date) instead of one on the
month and day

Under row-level security PostgreSQL uses a condition as an index condition only when its
function is leakproof, and `extract(month FROM birth_date)` (date_part) is not: since migration
0032 the desk's "birthdays today" walked the whole birthday index of the tenant (547 ms on the
bench base, 1,000,000 customers) and so did the birthday-bonus cron. They now ask for the
dates themselves, every year's day from the tenant's earliest birth date on
(`app.customers.birthdays`), which `date_eq` (leakproof) finds in this index.

Revision ID: 0039_birth_date_index
Revises: 0038_quick_search_under_rls
Create Date: 2026-12-07 22:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0039_birth_date_index"
down_revision: str | Sequence[str] | None = "0038_quick_search_under_rls"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DROP INDEX ix_customers_tenant_id_birthday")
    op.execute(
        "CREATE INDEX ix_customers_tenant_id_birth_date ON customers (tenant_id, birth_date)"
        " WHERE birth_date IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_customers_tenant_id_birth_date")
    op.execute(
        "CREATE INDEX ix_customers_tenant_id_birthday ON customers (tenant_id,"
        " (extract(month FROM birth_date)), (extract(day FROM birth_date)))"
        " WHERE birth_date IS NOT NULL"
    )
