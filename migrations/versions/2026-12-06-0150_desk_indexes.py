"""desk indexes: today's birthdays and the vouchers about to expire (GET /desk/today)

Revision ID: 0027_desk_indexes
Revises: 0026_redemption_undo
Create Date: 2026-12-06 01:50:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0027_desk_indexes"
down_revision: str | Sequence[str] | None = "0026_redemption_undo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_customers_tenant_id_birthday ON customers (tenant_id,"
        " (extract(month FROM birth_date)), (extract(day FROM birth_date)))"
        " WHERE birth_date IS NOT NULL"
    )
    op.execute(
        "CREATE INDEX ix_vouchers_tenant_id_valid_until ON vouchers (tenant_id, valid_until)"
        " WHERE status = 'active' AND valid_until IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_vouchers_tenant_id_valid_until")
    op.execute("DROP INDEX ix_customers_tenant_id_birthday")
