"""api key creator: which user created a key, so deactivating the user revokes it

Existing keys get their creator from `created_by`, which held the creating user's email; the
live keys of users already deactivated are revoked, as deactivation now does. Keys from the
CLI or made with another API key have no creator and keep working.

Revision ID: 0014_api_key_creator
Revises: 0013_job_recoveries
Create Date: 2026-12-05 08:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_api_key_creator"
down_revision: str | Sequence[str] | None = "0013_job_recoveries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("created_by_user_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        "fk_api_keys_created_by_user_id_users", "api_keys", "users",
        ["tenant_id", "created_by_user_id"], ["tenant_id", "id"], ondelete="CASCADE",
    )  # fmt: skip
    op.create_index(
        "ix_api_keys_tenant_id_created_by_user_id",
        "api_keys",
        ["tenant_id", "created_by_user_id"],
    )
    op.execute("""
        UPDATE api_keys AS k SET created_by_user_id = u.id
        FROM users AS u
        WHERE u.tenant_id = k.tenant_id AND u.email = lower(k.created_by)
    """)
    op.execute("""
        UPDATE api_keys AS k SET revoked_at = now()
        FROM users AS u
        WHERE u.tenant_id = k.tenant_id AND u.id = k.created_by_user_id
          AND NOT u.is_active AND k.revoked_at IS NULL
    """)


def downgrade() -> None:
    op.drop_index("ix_api_keys_tenant_id_created_by_user_id", table_name="api_keys")
    op.drop_constraint("fk_api_keys_created_by_user_id_users", "api_keys", type_="foreignkey")
    op.drop_column("api_keys", "created_by_user_id")
