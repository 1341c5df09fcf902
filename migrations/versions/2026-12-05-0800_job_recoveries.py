"""job recoveries: the sweeper counts how often it queued a job again, and finds unfinished jobs

A job whose arq job was lost (Redis down at the commit, Redis flushed, a worker killed) is
queued again from its row, up to a cap after which it fails with the reason.

Revision ID: 0013_job_recoveries
Revises: 0012_redemption_ref
Create Date: 2026-12-05 08:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_job_recoveries"
down_revision: str | Sequence[str] | None = "0012_redemption_ref"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "jobs", sa.Column("recoveries", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )
    op.create_index(
        "ix_jobs_tenant_id_updated_at_unfinished",
        "jobs",
        ["tenant_id", "updated_at"],
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )


def downgrade() -> None:
    op.drop_index("ix_jobs_tenant_id_updated_at_unfinished", table_name="jobs")
    op.drop_column("jobs", "recoveries")
