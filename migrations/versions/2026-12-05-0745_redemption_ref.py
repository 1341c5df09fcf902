"""redemption ref: a till's transaction_ref redeems a voucher once; the purchase amount is kept

A retried till call used to deduct twice. The unique index on (tenant_id, voucher_id,
transaction_ref) makes the reference a dedupe key per voucher that concurrent retries cannot
both pass. Redemptions that already share a reference on one voucher (the double deductions
this fixes) are kept, money and all: every one after the first gets ` #dup-N` appended to its
reference, so the index can be built and the duplicates can still be found and reviewed.

`purchase_amount`: the purchase a redemption was given for; a percent voucher's discount is
computed from it.

Revision ID: 0012_redemption_ref
Revises: 0011_child_tenant_fks
Create Date: 2026-12-05 07:45:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_redemption_ref"
down_revision: str | Sequence[str] | None = "0011_child_tenant_fks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_voucher_redemptions_tenant_id_voucher_id_transaction_ref"


def upgrade() -> None:
    op.add_column(
        "voucher_redemptions",
        sa.Column("purchase_amount", sa.Numeric(precision=14, scale=2), nullable=True),
    )
    # 200 characters at most: the suffix replaces the end of a reference that long.
    op.execute("""
        UPDATE voucher_redemptions r SET transaction_ref = left(r.transaction_ref, 180) || ' #dup-' || d.n
        FROM (
          SELECT tenant_id, id, row_number() OVER (
                   PARTITION BY tenant_id, voucher_id, transaction_ref ORDER BY redeemed_at, id) AS n
          FROM voucher_redemptions WHERE transaction_ref IS NOT NULL
        ) d
        WHERE r.tenant_id = d.tenant_id AND r.id = d.id AND d.n > 1
    """)
    op.create_index(
        INDEX,
        "voucher_redemptions",
        ["tenant_id", "voucher_id", "transaction_ref"],
        unique=True,
        postgresql_where=sa.text("transaction_ref IS NOT NULL"),
    )


def downgrade() -> None:
    # The ` #dup-N` references stay as they are: which rows they were is not recorded.
    op.drop_index(INDEX, table_name="voucher_redemptions")
    op.drop_column("voucher_redemptions", "purchase_amount")
