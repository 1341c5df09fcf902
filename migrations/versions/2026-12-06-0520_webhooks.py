"""events and webhooks: the transactional outbox, webhook endpoints and their deliveries

Revision ID: 0029_webhooks
Revises: 0028_customer_notes
Create Date: 2026-12-06 05:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0029_webhooks"
down_revision: str | Sequence[str] | None = "0028_customer_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column(
            "txid",
            sa.BigInteger(),
            server_default=sa.text("(pg_current_xact_id())::text::bigint"),
            nullable=False,
        ),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("data", postgresql.JSONB(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_events"),
    )
    op.create_table(
        "webhook_endpoints",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("description", sa.String(500), nullable=True),
        sa.Column("events", postgresql.ARRAY(sa.String(64)), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("previous_secret", sa.String(100), nullable=True),
        sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_webhook_endpoints"),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("endpoint_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("response_snippet", sa.String(1000), nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_webhook_deliveries"),
    )
    bind = op.get_bind()
    if bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        # Distributed by tenant beside the customers before they hold keys to each other
        # (one transaction, one connection per node), as 0028 does.
        op.execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'")
        for table in ("events", "webhook_endpoints", "webhook_deliveries"):
            op.execute(
                f"SELECT create_distributed_table('{table}', 'tenant_id',"
                " colocate_with => 'customers')"
            )
    for table in ("events", "webhook_endpoints"):
        op.create_foreign_key(
            f"fk_{table}_tenant_id_tenants", table, "tenants", ["tenant_id"], ["id"],
            ondelete="CASCADE",
        )  # fmt: skip
    op.create_foreign_key(
        "fk_webhook_deliveries_endpoint_id_webhook_endpoints", "webhook_deliveries",
        "webhook_endpoints", ["tenant_id", "endpoint_id"], ["tenant_id", "id"], ondelete="CASCADE",
    )  # fmt: skip
    op.create_foreign_key(
        "fk_webhook_deliveries_event_id_events", "webhook_deliveries", "events",
        ["tenant_id", "event_id"], ["tenant_id", "id"], ondelete="CASCADE",
    )  # fmt: skip
    op.create_index("ix_events_tenant_id_txid", "events", ["tenant_id", "txid", "id"])
    op.create_index("ix_events_tenant_id_occurred_at", "events", ["tenant_id", "occurred_at"])
    op.create_index(
        "ix_webhook_deliveries_tenant_id_endpoint_id",
        "webhook_deliveries",
        ["tenant_id", "endpoint_id", "id"],
    )
    op.create_index(
        "ix_webhook_deliveries_tenant_id_event_id", "webhook_deliveries", ["tenant_id", "event_id"]
    )
    op.create_index(
        "ix_webhook_deliveries_tenant_id_due",
        "webhook_deliveries",
        ["tenant_id", "next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_endpoints")
    op.drop_table("events")
