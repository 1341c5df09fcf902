"""vouchers speed: covering time indexes for the dashboard

`/stats/overview` sums transactions and redemptions of a period; with the amounts, kinds,
locations and customers in the tenant/time indexes it reads them by an index-only scan
instead of visiting a heap page per row. They replace the plain tenant/time indexes.

Revision ID: 0006_vouchers_speed
Revises: 0005_search_speed
Create Date: 2026-11-23 12:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_vouchers_speed"
down_revision: str | Sequence[str] | None = "0005_search_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_transactions_tenant_id_occurred_at", table_name="transactions")
    op.create_index(
        "ix_transactions_tenant_id_occurred_at",
        "transactions",
        ["tenant_id", "occurred_at"],
        postgresql_include=["amount", "kind", "location_id", "customer_id"],
    )
    op.drop_index("ix_voucher_redemptions_tenant_id_redeemed_at", table_name="voucher_redemptions")
    op.create_index(
        "ix_voucher_redemptions_tenant_id_redeemed_at",
        "voucher_redemptions",
        ["tenant_id", "redeemed_at"],
        postgresql_include=["amount", "location_id", "customer_id"],
    )
    op.drop_index("ix_vouchers_tenant_id_created_at", table_name="vouchers")
    op.create_index(
        "ix_vouchers_tenant_id_created_at",
        "vouchers",
        ["tenant_id", "created_at"],
        postgresql_include=["customer_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_vouchers_tenant_id_created_at", table_name="vouchers")
    op.create_index("ix_vouchers_tenant_id_created_at", "vouchers", ["tenant_id", "created_at"])
    op.drop_index("ix_voucher_redemptions_tenant_id_redeemed_at", table_name="voucher_redemptions")
    op.create_index(
        "ix_voucher_redemptions_tenant_id_redeemed_at",
        "voucher_redemptions",
        ["tenant_id", "redeemed_at"],
    )
    op.drop_index("ix_transactions_tenant_id_occurred_at", table_name="transactions")
    op.create_index(
        "ix_transactions_tenant_id_occurred_at", "transactions", ["tenant_id", "occurred_at"]
    )
