"""tenant keys: every primary key and foreign key between tenant tables leads with tenant_id

Primary keys become (tenant_id, id) and the foreign keys between tenant tables become
(tenant_id, x_id) -> (tenant_id, id): a row can no longer point into another tenant, and the
schema can be distributed by tenant (Citus requires the distribution column in every unique
key and in every foreign key between distributed tables). `ON DELETE SET NULL (customer_id)`
(PostgreSQL 15+) clears the reference, never the tenant.

The cascades now probe the (tenant_id, customer_id) indexes every referencing table already
has, so the `customer_id`-only indexes of 0008 go.

Revision ID: 0010_tenant_keys
Revises: 0009_stats_days
Create Date: 2026-11-23 14:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_tenant_keys"
down_revision: str | Sequence[str] | None = "0009_stats_days"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables whose primary key was `id` alone.
KEYED = (
    "api_keys", "audit_events", "cards", "custom_field_definitions", "customers", "export_log",
    "import_errors", "imports", "jobs", "locations", "segments", "tags", "transactions",
    "user_sessions", "users", "voucher_redemptions", "vouchers",
)  # fmt: skip
# (table, column, referenced table, on delete)
REFERENCES = (
    ("audit_event_subjects", "event_id", "audit_events", "CASCADE"),
    ("cards", "customer_id", "customers", "CASCADE"),
    ("customer_consents", "customer_id", "customers", "CASCADE"),
    ("customer_tags", "customer_id", "customers", "CASCADE"),
    ("customer_tags", "tag_id", "tags", "CASCADE"),
    ("transactions", "customer_id", "customers", "SET NULL"),
    ("transactions", "location_id", "locations", "SET NULL"),
    ("user_sessions", "user_id", "users", "CASCADE"),
    ("vouchers", "customer_id", "customers", "SET NULL"),
    ("voucher_redemptions", "voucher_id", "vouchers", "CASCADE"),
    ("voucher_redemptions", "customer_id", "customers", "SET NULL"),
    ("voucher_redemptions", "location_id", "locations", "SET NULL"),
)
ALWAYS = ("cards", "customer_tags", "customer_consents")
NULLABLE = ("transactions", "vouchers", "voucher_redemptions")


def _fk_name(table: str, column: str, target: str) -> str:
    return f"fk_{table}_{column}_{target}"


def upgrade() -> None:
    for table, column, target, _ in REFERENCES:
        op.drop_constraint(_fk_name(table, column, target), table, type_="foreignkey")
    for table in KEYED:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["tenant_id", "id"])
    for table, column, target, on_delete in REFERENCES:
        op.create_foreign_key(
            _fk_name(table, column, target),
            table,
            target,
            ["tenant_id", column],
            ["tenant_id", "id"],
            ondelete=f"SET NULL ({column})" if on_delete == "SET NULL" else on_delete,
        )
    for table in (*ALWAYS, *NULLABLE):
        op.drop_index(f"ix_{table}_customer_id", table_name=table)


def downgrade() -> None:
    for table in ALWAYS:
        op.create_index(f"ix_{table}_customer_id", table, ["customer_id"])
    for table in NULLABLE:
        op.create_index(
            f"ix_{table}_customer_id",
            table,
            ["customer_id"],
            postgresql_where=sa.text("customer_id IS NOT NULL"),
        )
    for table, column, target, _ in REFERENCES:
        op.drop_constraint(_fk_name(table, column, target), table, type_="foreignkey")
    for table in KEYED:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["id"])
    for table, column, target, on_delete in REFERENCES:
        op.create_foreign_key(
            _fk_name(table, column, target), table, target, [column], ["id"], ondelete=on_delete
        )
