"""stats days: a per-day cache of the dashboard figures, dropped when a past day changes

`/stats/overview` summed every transaction, voucher, redemption and customer of the period and
the one before (over a million index entries for 60 days on the bench base, 1.1-1.5 s). Closed
days now come from `stats_days` (one row per tenant, time zone, local day and location); only
today is read live.

Deleting customers (one, a merge, a bulk delete, an import undo) lowers `new_customers` of the
day each was created: a statement trigger drops those days, whichever path deleted them. It
takes the same per-tenant advisory lock as the code that fills the cache (app/stats/days.py),
so a fill running concurrently cannot store a day the delete has just changed.

Revision ID: 0009_stats_days
Revises: 0008_customer_fk_indexes
Create Date: 2026-11-23 13:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_stats_days"
down_revision: str | Sequence[str] | None = "0008_customer_fk_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stats_days",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("location_key", sa.Uuid(), nullable=False),
        sa.Column("new_customers", sa.Integer(), nullable=False),
        sa.Column("revenue", sa.Numeric(), nullable=True),
        sa.Column("transactions", sa.Integer(), nullable=False),
        sa.Column("vouchers_issued", sa.Integer(), nullable=False),
        sa.Column("vouchers_redeemed", sa.Integer(), nullable=False),
        sa.Column("redeemed_amount", sa.Numeric(), nullable=True),
        sa.Column(
            "computed_at",
            sa.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stats_days_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "timezone", "day", "location_key", name=op.f("pk_stats_days")
        ),
    )
    op.execute("""
    CREATE FUNCTION stats_days_forget_deleted_customers() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended('stats_days ' || t.tenant_id::text, 0))
      FROM (SELECT DISTINCT tenant_id FROM gone ORDER BY tenant_id) t;
      DELETE FROM stats_days s
      USING (
        SELECT DISTINCT g.tenant_id, z.timezone, (g.created_at AT TIME ZONE z.timezone)::date AS day
        FROM gone g
        JOIN (SELECT DISTINCT tenant_id, timezone FROM stats_days
              WHERE tenant_id IN (SELECT tenant_id FROM gone)) z ON z.tenant_id = g.tenant_id
      ) d
      WHERE s.tenant_id = d.tenant_id AND s.timezone = d.timezone AND s.day = d.day;
      RETURN NULL;
    END $$
    """)
    op.execute("""
    CREATE TRIGGER customers_forget_stats_days AFTER DELETE ON customers
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION stats_days_forget_deleted_customers()
    """)


def downgrade() -> None:
    op.execute("DROP TRIGGER customers_forget_stats_days ON customers")
    op.execute("DROP FUNCTION stats_days_forget_deleted_customers()")
    op.drop_table("stats_days")
