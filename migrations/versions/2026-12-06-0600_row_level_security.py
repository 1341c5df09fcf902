"""row-level security: the app's own login role, and every tenant table behind a tenant policy

The API, the worker and the CLI connect as the role named in DATABASE_URL; migrations, backups
and tenant exports as the owner (MIGRATIONS_DATABASE_URL). When the two users differ, this
creates (or corrects) the app's role: LOGIN, NOSUPERUSER, NOBYPASSRLS, owner of nothing, with
read/write grants on the tables and sequences, now and (default privileges) for the tables
later migrations create. Every table with a tenant_id gets ENABLE + FORCE ROW LEVEL SECURITY and
the policy of `app.core.rls_sql`.

Login by email is the one lookup made before a tenant is known: `kt_login_tenants(email,
slug)`, SECURITY DEFINER (run as the owner, who bypasses row security), answers only which
tenants have an account for that email, at most two, the most likely first.

Revision ID: 0032_row_level_security
Revises: 0031_loyalty
Create Date: 2026-12-06 06:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import make_url

from app.core.config import get_settings
from app.core.rls_sql import disable_tenant_rls, enable_tenant_rls

revision: str = "0032_row_level_security"
down_revision: str | Sequence[str] | None = "0031_loyalty"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOGIN_TENANTS = """
CREATE OR REPLACE FUNCTION kt_login_tenants(p_email text, p_slug text)
RETURNS TABLE (tenant_id uuid) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
    SELECT u.tenant_id FROM users u JOIN tenants t ON t.id = u.tenant_id
     WHERE u.email = p_email AND (p_slug IS NULL OR t.slug = p_slug)
     ORDER BY u.is_active DESC, u.last_login_at DESC NULLS LAST, u.created_at
     LIMIT 2
$$"""

# ANALYZE needs the owner; the app's role asks for it after a bulk write (core.statistics).
ANALYZE = """
CREATE OR REPLACE FUNCTION kt_analyze(p_table text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    EXECUTE format('ANALYZE public.%I', p_table);
END
$$"""

# Merging the quick-search index's pending list needs the index's owner; the import commit asks
# for it through this (one fixed index, no argument).
MERGE_SEARCH_INDEX = """
CREATE OR REPLACE FUNCTION kt_merge_search_index() RETURNS bigint LANGUAGE sql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT gin_clean_pending_list('public.ix_customers_tenant_id_search_text'::regclass)
$$"""


def _tenant_tables(bind: sa.Connection) -> list[str]:
    rows = bind.execute(
        sa.text(
            """SELECT c.relname FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname"""
        )
    )
    return [r[0] for r in rows]


def _app_role(bind: sa.Connection) -> tuple[str, str | None] | None:
    """The user of DATABASE_URL (and its password) when it is not the one migrating."""
    url = make_url(get_settings().database_url)
    owner = bind.scalar(sa.text("SELECT current_user"))
    if not url.username or url.username == owner:
        return None
    return url.username, url.password


def _quote(bind: sa.Connection, value: str, kind: str = "ident") -> str:
    return str(bind.scalar(sa.text(f"SELECT quote_{kind}(:v)"), {"v": value}))


def upgrade() -> None:
    bind = op.get_bind()
    for table in _tenant_tables(bind):
        enable_tenant_rls(op, table)
    op.execute(LOGIN_TENANTS)
    op.execute("REVOKE ALL ON FUNCTION kt_login_tenants(text, text) FROM PUBLIC")
    op.execute(ANALYZE)
    op.execute("REVOKE ALL ON FUNCTION kt_analyze(text) FROM PUBLIC")
    op.execute(MERGE_SEARCH_INDEX)
    op.execute("REVOKE ALL ON FUNCTION kt_merge_search_index() FROM PUBLIC")
    role = _app_role(bind)
    if role is None:
        return
    name, password = role
    ident = _quote(bind, name)
    attributes = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION"
    if password:
        attributes += f" PASSWORD {_quote(bind, password, 'literal')}"
    fine = bind.scalar(
        sa.text(
            """SELECT rolcanlogin AND NOT rolsuper AND NOT rolbypassrls AND NOT rolcreaterole
                 FROM pg_roles WHERE rolname = :n"""
        ),
        {"n": name},
    )
    # Roles belong to the whole server: another database's migration may create it at the
    # same moment (the tests' parallel databases), so a lost race is an ALTER.
    if not fine or password:
        op.execute(
            f"""DO $$ BEGIN
                  CREATE ROLE {ident} {attributes};
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                  ALTER ROLE {ident} {attributes};
                END $$"""
        )
    database = _quote(bind, str(bind.scalar(sa.text("SELECT current_database()"))))
    if bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        # The workers evaluate the policy on their shards: the tenant's SET LOCAL goes along.
        op.execute(
            f"ALTER ROLE {ident} IN DATABASE {database} "
            "SET citus.propagate_set_commands = 'local'"
        )
    op.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {ident}")
    op.execute(f"GRANT USAGE ON SCHEMA public TO {ident}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ident}")
    op.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {ident}")
    # The worker checks the schema is at head; only the owner moves it.
    op.execute(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {ident}")
    op.execute(f"GRANT EXECUTE ON FUNCTION kt_login_tenants(text, text) TO {ident}")
    op.execute(f"GRANT EXECUTE ON FUNCTION kt_analyze(text) TO {ident}")
    op.execute(f"GRANT EXECUTE ON FUNCTION kt_merge_search_index() TO {ident}")
    op.execute(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ident}"
    )
    op.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {ident}"
    )


def downgrade() -> None:
    bind = op.get_bind()
    op.execute("DROP FUNCTION IF EXISTS kt_login_tenants(text, text)")
    op.execute("DROP FUNCTION IF EXISTS kt_analyze(text)")
    op.execute("DROP FUNCTION IF EXISTS kt_merge_search_index()")
    for table in _tenant_tables(bind):
        disable_tenant_rls(op, table)
    role = _app_role(bind)
    if role is None:
        return
    ident = _quote(bind, role[0])
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {ident}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {ident}")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {ident}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {ident}")
