"""Citus: the app's role runs no statement by local execution on the coordinator

The coordinator holds a placement of every reference table (`tenants`). A transaction that read
one by local execution and then had a task sent to the coordinator over a connection failed
with XX000 "cannot switch local execution status from local execution required to local
execution disabled" (Citus 13.2, executor/local_executor.c): `GET /auth/me` did, in the full
suite on a fresh clone, two runs out of two. With local execution off for the app's role every
task goes over a connection, the coordinator's own included, and a transaction never mixes the
two. The cost is a loopback connection for reads of `tenants` on the coordinator.

Plain PostgreSQL: nothing to do.

Revision ID: 0036_citus_no_local_execution
Revises: 0035_citus_row_triggers
Create Date: 2026-12-07 06:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import make_url

from app.core.config import get_settings

revision: str = "0036_citus_no_local_execution"
down_revision: str | Sequence[str] | None = "0035_citus_row_triggers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _role_and_database(bind: sa.Connection) -> tuple[str, str] | None:
    """The app's role (the user of DATABASE_URL, when not the one migrating) and this database,
    quoted; None on plain PostgreSQL or when the app migrates as itself."""
    if not bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        return None
    user = make_url(get_settings().database_url).username
    if not user or user == bind.scalar(sa.text("SELECT current_user")):
        return None
    role = str(bind.scalar(sa.text("SELECT quote_ident(:v)"), {"v": user}))
    database = str(bind.scalar(sa.text("SELECT quote_ident(current_database())")))
    return role, database


def upgrade() -> None:
    found = _role_and_database(op.get_bind())
    if found is not None:
        role, database = found
        op.execute(
            f"ALTER ROLE {role} IN DATABASE {database} SET citus.enable_local_execution = off"
        )


def downgrade() -> None:
    found = _role_and_database(op.get_bind())
    if found is not None:
        role, database = found
        op.execute(f"ALTER ROLE {role} IN DATABASE {database} RESET citus.enable_local_execution")
