"""vouchers, voucher redemptions, transactions and locations

Revision ID: 0004_vouchers
Revises: 0001
Create Date: 2026-11-23 09:07:52.272704+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_vouchers"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "locations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_locations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
    )
    op.create_index("uq_locations_tenant_id_code", "locations", ["tenant_id", "code"], unique=True)
    op.create_table(
        "transactions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("occurred_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("external_ref", sa.String(length=200), nullable=True),
        sa.Column("items_count", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_transactions_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_transactions_location_id_locations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_transactions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transactions")),
    )
    op.create_index(
        "ix_transactions_tenant_id_customer_id_occurred_at",
        "transactions",
        ["tenant_id", "customer_id", "occurred_at"],
        unique=False,
    )
    op.create_index(
        "ix_transactions_tenant_id_occurred_at",
        "transactions",
        ["tenant_id", "occurred_at"],
        unique=False,
    )
    op.create_index(
        "uq_transactions_tenant_id_external_ref",
        "transactions",
        ["tenant_id", "external_ref"],
        unique=True,
        postgresql_where=sa.text("external_ref IS NOT NULL"),
    )
    op.create_table(
        "vouchers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("initial_value", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("balance", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_from", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("valid_until", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("assigned_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("updated_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_vouchers_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_vouchers_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vouchers")),
    )
    op.create_index(
        "ix_vouchers_tenant_id_created_at", "vouchers", ["tenant_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_vouchers_tenant_id_customer_id", "vouchers", ["tenant_id", "customer_id"], unique=False
    )
    op.create_index("uq_vouchers_tenant_id_code", "vouchers", ["tenant_id", "code"], unique=True)
    op.create_table(
        "voucher_redemptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("voucher_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("transaction_ref", sa.String(length=200), nullable=True),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("redeemed_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_voucher_redemptions_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_voucher_redemptions_location_id_locations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_voucher_redemptions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["voucher_id"],
            ["vouchers.id"],
            name=op.f("fk_voucher_redemptions_voucher_id_vouchers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voucher_redemptions")),
    )
    op.create_index(
        "ix_voucher_redemptions_tenant_id_customer_id",
        "voucher_redemptions",
        ["tenant_id", "customer_id"],
        unique=False,
    )
    op.create_index(
        "ix_voucher_redemptions_tenant_id_redeemed_at",
        "voucher_redemptions",
        ["tenant_id", "redeemed_at"],
        unique=False,
    )
    op.create_index(
        "ix_voucher_redemptions_tenant_id_voucher_id",
        "voucher_redemptions",
        ["tenant_id", "voucher_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_voucher_redemptions_tenant_id_voucher_id", table_name="voucher_redemptions")
    op.drop_index("ix_voucher_redemptions_tenant_id_redeemed_at", table_name="voucher_redemptions")
    op.drop_index("ix_voucher_redemptions_tenant_id_customer_id", table_name="voucher_redemptions")
    op.drop_table("voucher_redemptions")
    op.drop_index("uq_vouchers_tenant_id_code", table_name="vouchers")
    op.drop_index("ix_vouchers_tenant_id_customer_id", table_name="vouchers")
    op.drop_index("ix_vouchers_tenant_id_created_at", table_name="vouchers")
    op.drop_table("vouchers")
    op.drop_index(
        "uq_transactions_tenant_id_external_ref",
        table_name="transactions",
        postgresql_where=sa.text("external_ref IS NOT NULL"),
    )
    op.drop_index("ix_transactions_tenant_id_occurred_at", table_name="transactions")
    op.drop_index("ix_transactions_tenant_id_customer_id_occurred_at", table_name="transactions")
    op.drop_table("transactions")
    op.drop_index("uq_locations_tenant_id_code", table_name="locations")
    op.drop_table("locations")
