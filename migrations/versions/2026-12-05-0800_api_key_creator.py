"""api key creator: which user created a key, so deactivating the user revokes it

Keys made before this (and by the CLI) have no creator and keep working.

Revision ID: 0012_api_key_creator
Revises: 0011_child_tenant_fks
Create Date: 2026-12-05 08:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_api_key_creator"
down_revision: str | Sequence[str] | None = "0011_child_tenant_fks"
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


def downgrade() -> None:
    op.drop_index("ix_api_keys_tenant_id_created_by_user_id", table_name="api_keys")
    op.drop_constraint("fk_api_keys_created_by_user_id_users", "api_keys", type_="foreignkey")
    op.drop_column("api_keys", "created_by_user_id")
