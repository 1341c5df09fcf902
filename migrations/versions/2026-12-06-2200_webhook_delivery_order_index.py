"""webhook deliveries: indexes that let the dispatcher's claim walk, never sort, the backlog

The claim takes the oldest due deliveries, a batch at a time, each only when it is its
customer's oldest pending delivery to that endpoint. The index on due time made the planner sort
every due delivery and check each one's order with a scan of the endpoint's deliveries: with
statistics taken while the table was empty (a fresh install's first burst), 20,000 queued
deliveries ran the claim into its statement timeout. Now pending deliveries are indexed in event
order (the claim walks them and stops after a batch) and by (endpoint, customer, event) (the
order check is one probe); the claim forbids itself a sort (app/webhooks/dispatcher.py).

Revision ID: 0034_webhook_delivery_order
Revises: 0033_login_tenants_plpgsql
Create Date: 2026-12-06 22:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034_webhook_delivery_order"
down_revision: str | Sequence[str] | None = "0033_login_tenants_plpgsql"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "webhook_deliveries"
PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_tenant_id_pending", TABLE, ["tenant_id", "event_id"],
        postgresql_where=PENDING,
    )  # fmt: skip
    op.create_index(
        "ix_webhook_deliveries_tenant_id_pending_order", TABLE,
        ["tenant_id", "endpoint_id", "subject_id", "event_id"], postgresql_where=PENDING,
    )  # fmt: skip
    op.drop_index("ix_webhook_deliveries_tenant_id_due", TABLE)


def downgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_tenant_id_due", TABLE, ["tenant_id", "next_attempt_at"],
        postgresql_where=PENDING,
    )  # fmt: skip
    op.drop_index("ix_webhook_deliveries_tenant_id_pending_order", TABLE)
    op.drop_index("ix_webhook_deliveries_tenant_id_pending", TABLE)
