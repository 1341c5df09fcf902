"""loyalty: programme versions, accounts, the points ledger and its lots, level history,
promotional credit history

Revision ID: 0031_loyalty
Revises: 0030_segment_description
Create Date: 2026-12-06 05:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0031_loyalty"
down_revision: str | Sequence[str] | None = "0030_segment_description"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)
MONEY = sa.Numeric(14, 2)
# The customer's tables, distributed beside the customers on Citus.
CUSTOMER_TABLES = (
    "loyalty_accounts",
    "loyalty_entries",
    "loyalty_lots",
    "loyalty_level_changes",
    "loyalty_credit_entries",
)


def _created() -> sa.Column:
    return sa.Column("created_at", TS, server_default=sa.text("now()"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "loyalty_programmes",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("rules", postgresql.JSONB(), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("tenant_id", "version", name="pk_loyalty_programmes"),
    )
    op.create_table(
        "loyalty_accounts",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        *(
            sa.Column(name, sa.BigInteger(), server_default="0", nullable=False)
            for name in ("balance", "pending", "debt", "earned_total", "redeemed_total",
                         "expired_total")
        ),  # fmt: skip
        sa.Column("last_accrual_at", TS, nullable=True),
        sa.Column("last_redemption_at", TS, nullable=True),
        sa.Column("level", sa.String(64), nullable=True),
        sa.Column("level_since", TS, nullable=True),
        sa.Column("below_level_since", TS, nullable=True),
        sa.Column("discount_percent", sa.Numeric(5, 2), server_default="0", nullable=False),
        sa.Column("discount_limit", MONEY, nullable=True),
        sa.Column("discount_period", sa.String(8), server_default="month", nullable=False),
        sa.Column("discount_period_start", TS, nullable=True),
        sa.Column("discount_used", MONEY, server_default="0", nullable=False),
        sa.Column("discount_limit_lifted", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("promo_credit_balance", MONEY, server_default="0", nullable=False),
        sa.Column("updated_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "customer_id", name="pk_loyalty_accounts"),
        sa.CheckConstraint("balance >= 0 AND pending >= 0 AND debt >= 0",
                           name="ck_loyalty_accounts_not_negative"),  # fmt: skip
    )
    op.create_table(
        "loyalty_entries",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("debt_change", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("ref", sa.String(200), nullable=True),
        sa.Column("transaction_id", sa.Uuid(), nullable=True),
        sa.Column("amount", MONEY, nullable=True),
        sa.Column("programme_version", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(320), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_loyalty_entries"),
    )
    op.create_table(
        "loyalty_lots",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("transaction_id", sa.Uuid(), nullable=True),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("remaining", sa.BigInteger(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("available_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=True),
        _created(),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_loyalty_lots"),
    )
    op.create_table(
        "loyalty_level_changes",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("from_level", sa.String(64), nullable=True),
        sa.Column("to_level", sa.String(64), nullable=True),
        sa.Column("reason", sa.String(32), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_loyalty_level_changes"),
    )
    op.create_table(
        "loyalty_credit_entries",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor_label", sa.String(320), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_loyalty_credit_entries"),
    )
    bind = op.get_bind()
    if bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        # As 0028: distributed beside the customers before they hold keys to them.
        op.execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'")
        for table in ("loyalty_programmes", *CUSTOMER_TABLES):
            op.execute(
                f"SELECT create_distributed_table('{table}', 'tenant_id',"
                " colocate_with => 'customers')"
            )
    for table in ("loyalty_programmes", *CUSTOMER_TABLES):
        op.create_foreign_key(
            f"fk_{table}_tenant_id_tenants", table, "tenants", ["tenant_id"], ["id"],
            ondelete="CASCADE",
        )  # fmt: skip
    for table in CUSTOMER_TABLES:
        op.create_foreign_key(
            f"fk_{table}_customer_id_customers", table, "customers",
            ["tenant_id", "customer_id"], ["tenant_id", "id"], ondelete="CASCADE",
        )  # fmt: skip
    op.create_index(
        "ix_loyalty_accounts_tenant_id_balance", "loyalty_accounts", ["tenant_id", "balance"]
    )
    op.create_index(
        "ix_loyalty_entries_tenant_id_customer_id_seq",
        "loyalty_entries",
        ["tenant_id", "customer_id", "seq"],
    )
    op.create_index(
        "uq_loyalty_entries_tenant_id_customer_id_ref",
        "loyalty_entries",
        ["tenant_id", "customer_id", "ref"],
        unique=True,
        postgresql_where=sa.text("ref IS NOT NULL"),
    )
    op.create_index(
        "ix_loyalty_entries_tenant_id_transaction_id",
        "loyalty_entries",
        ["tenant_id", "transaction_id"],
        postgresql_where=sa.text("transaction_id IS NOT NULL"),
    )
    op.create_index(
        "ix_loyalty_entries_tenant_id_created_at", "loyalty_entries", ["tenant_id", "created_at"]
    )
    op.create_index(
        "ix_loyalty_lots_tenant_id_customer_id_expires_at",
        "loyalty_lots",
        ["tenant_id", "customer_id", "expires_at"],
        postgresql_where=sa.text("remaining > 0"),
    )
    op.create_index(
        "ix_loyalty_lots_tenant_id_expires_at",
        "loyalty_lots",
        ["tenant_id", "expires_at"],
        postgresql_where=sa.text("remaining > 0"),
    )
    op.create_index(
        "ix_loyalty_lots_tenant_id_available_at",
        "loyalty_lots",
        ["tenant_id", "available_at"],
        postgresql_where=sa.text("pending"),
    )
    op.create_index(
        "ix_loyalty_level_changes_tenant_id_customer_id",
        "loyalty_level_changes",
        ["tenant_id", "customer_id"],
    )
    op.create_index(
        "ix_loyalty_credit_entries_tenant_id_customer_id",
        "loyalty_credit_entries",
        ["tenant_id", "customer_id"],
    )
    # An import's opening balance from the old system, written into the ledger at commit.
    op.add_column("import_rows", sa.Column("opening_points", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column("import_rows", "opening_points")
    for table in (*reversed(CUSTOMER_TABLES), "loyalty_programmes"):
        op.drop_table(table)
