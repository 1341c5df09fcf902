"""kt_login_tenants in PL/pgSQL: Citus cannot plan a SQL function's parameters

Citus refuses a query on distributed tables inside a LANGUAGE sql function that uses the
function's parameters ("could not create distributed plan … parameters in SQL functions"), so
a login by email alone failed on a cluster. The same query, the same answers, in PL/pgSQL,
whose parameters Citus does plan. On PostgreSQL nothing changes for the caller (a SECURITY
DEFINER function is never inlined; PL/pgSQL keeps the plan). Owner and grants stay as they are
(CREATE OR REPLACE).

Revision ID: 0033_login_tenants_plpgsql
Revises: 0032_row_level_security
Create Date: 2026-12-06 06:10:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0033_login_tenants_plpgsql"
down_revision: str | Sequence[str] | None = "0032_row_level_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUERY = """
    SELECT u.tenant_id FROM users u JOIN tenants t ON t.id = u.tenant_id
     WHERE u.email = p_email AND (p_slug IS NULL OR t.slug = p_slug)
     ORDER BY u.is_active DESC, u.last_login_at DESC NULLS LAST, u.created_at
     LIMIT 2"""


def upgrade() -> None:
    op.execute(f"""
CREATE OR REPLACE FUNCTION kt_login_tenants(p_email text, p_slug text)
RETURNS TABLE (tenant_id uuid) LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY{QUERY};
END
$$""")


def downgrade() -> None:
    op.execute(f"""
CREATE OR REPLACE FUNCTION kt_login_tenants(p_email text, p_slug text)
RETURNS TABLE (tenant_id uuid) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $${QUERY}
$$""")
