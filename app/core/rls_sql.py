"""Row-level security DDL, shared by the migration that turned it on and every later migration
that adds a tenant table: `enable_tenant_rls(op, "new_table")` right after `create_table`.

Every table with a `tenant_id` column is `ENABLE`d and `FORCE`d under one policy: a row is
visible, and may be written, only while the transaction's `app.tenant_id` names its tenant
(`core.tenancy.use_tenant`). Unset, nothing is visible: a query that forgets its tenant
condition finds no rows instead of every tenant's. The setting is read in a scalar subquery,
an InitPlan evaluated once per statement, so the condition is a constant to the planner and
the `(tenant_id, …)` indexes stay usable (on Citus without the subquery, see below).
"""

from typing import Any

POLICY = "tenant_isolation"
TENANT = "nullif(current_setting('app.tenant_id', true), '')::uuid"
TENANT_CONDITION = f"tenant_id = (SELECT {TENANT})"
# Citus cannot carry a subquery in a policy to the shards ("unexpected non-SELECT command in
# SubLink" when it deparses CREATE POLICY): there the setting is a plain stable expression,
# evaluated once per index scan as its key (row by row only in a filter), on the worker that
# holds the shard.
CITUS_TENANT_CONDITION = f"tenant_id = {TENANT}"
# The application's login role: neither superuser nor owner nor BYPASSRLS (migration 0032).
APP_ROLE_SETTING = "kartoteka.app_role"


def tenant_rls_statements(table: str, *, citus: bool = False) -> list[str]:
    condition = CITUS_TENANT_CONDITION if citus else TENANT_CONDITION
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY} ON {table}",
        f"CREATE POLICY {POLICY} ON {table} USING ({condition}) WITH CHECK ({condition})",
    ]


def enable_tenant_rls(op: Any, table: str) -> None:
    """Put a (new) tenant table behind the tenant policy."""
    citus = bool(
        op.get_bind()
        .exec_driver_sql("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")
        .scalar()
    )
    for statement in tenant_rls_statements(table, citus=citus):
        op.execute(statement)


def disable_tenant_rls(op: Any, table: str) -> None:
    op.execute(f"DROP POLICY IF EXISTS {POLICY} ON {table}")
    op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


def grant_like_analyze(function: str) -> str:
    """A block granting EXECUTE on `function` (its signature) to whoever may run `kt_analyze`:
    the app's role, which migration 0032 created or named (none when the two URLs are one)."""
    return f"""
DO $$
DECLARE
    grantee text;
BEGIN
    FOR grantee IN
        SELECT DISTINCT r.grantee FROM information_schema.routine_privileges r
         WHERE r.routine_schema = 'public' AND r.routine_name = 'kt_analyze'
           AND r.privilege_type = 'EXECUTE' AND r.grantee NOT IN (current_user, 'PUBLIC')
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION {function} TO %I', grantee);
    END LOOP;
END
$$"""
