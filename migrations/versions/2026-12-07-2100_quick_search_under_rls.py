"""quick search under row-level security: the trigram indexes are read through two narrow
SECURITY DEFINER functions

Under row-level security PostgreSQL uses a condition as an index condition only when its
function is LEAKPROOF or no policy condition must run before it (`restriction_is_securely_
promotable`). LIKE (`textlike`) is not leakproof and only a superuser may mark a function so,
so since migration 0032 quick search's `search_text LIKE '%…%'` could not use the trigram GIN
index: the planner walked a sort index and tested every customer of the tenant. On the bench
base (1,000,000 customers) a card number that matches nothing took 953 ms instead of 0.8 ms.

These functions run as the owner, who bypasses row-level security (a superuser or BYPASSRLS,
README), and read the tenant from the same `app.tenant_id` setting as the policy: unset, they
return nothing. Each answers one thing, capped by its caller:
- `kt_search_text_ids(patterns, limit)`: how many of the tenant's customers have a `search_text`
  matching every LIKE pattern (the planner's estimate), and when that is within the limit,
  which (one index scan intersects the patterns; one more than the limit at most);
- `kt_card_prefix_customers(pattern, limit)`: the tenant's cards whose lower-cased number
  matches a LIKE pattern, with their customer.

Whoever may run `kt_analyze` (the app's role, migration 0032) may run these.

Revision ID: 0038_quick_search_under_rls
Revises: 0037_quick_analyze
Create Date: 2026-12-07 21:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

from app.core.rls_sql import grant_like_analyze

revision: str = "0038_quick_search_under_rls"
down_revision: str | Sequence[str] | None = "0037_quick_analyze"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT = "nullif(current_setting('app.tenant_id', true), '')::uuid"

# The patterns are bound, never spliced: the statement only names their positions ($2[i]).
# The first row is the owner's planner estimate of the matches (the app's role gets a default
# one: PostgreSQL keeps the column's statistics from a non-leakproof operator under row
# security); the ids follow only when that estimate is within the limit: a common term is
# cheaper to find by testing rows in the list's order than by listing all its customers.
# On Citus the estimate is the tenant's shard's (the coordinator's own is a constant), and the
# EXPLAIN runs in a block undone at once (VOLATILE: PostgreSQL allows EXPLAIN in no other).
SEARCH_TEXT_IDS = f"""
CREATE OR REPLACE FUNCTION kt_search_text_ids(p_patterns text[], p_limit integer)
RETURNS TABLE (customer_id uuid, estimate bigint) LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
    tenant uuid := {TENANT};
    statement text := 'SELECT id FROM public.customers WHERE tenant_id = $1';
    plan jsonb;
    rows bigint;
BEGIN
    IF tenant IS NULL OR coalesce(cardinality(p_patterns), 0) = 0 THEN
        RETURN;
    END IF;
    FOR i IN 1 .. cardinality(p_patterns) LOOP
        statement := statement || format(' AND search_text LIKE public.kt_unaccent($2[%s])', i);
    END LOOP;
    BEGIN
        EXECUTE 'EXPLAIN (FORMAT JSON) ' || statement INTO plan USING tenant, p_patterns;
        -- Undone at once: on Citus an EXPLAIN turns local execution off for the rest of the
        -- transaction, which a later write to a reference table cannot take (counts.py).
        RAISE EXCEPTION USING ERRCODE = 'KT001';
    EXCEPTION WHEN SQLSTATE 'KT001' THEN
        NULL;
    END;
    plan := plan -> 0 -> 'Plan';
    rows := coalesce(
        plan #>> '{{Distributed Query,Job,Tasks,0,Remote Plan,0,0,Plan,Plan Rows}}',
        plan ->> 'Plan Rows'
    )::numeric::bigint;
    RETURN QUERY SELECT NULL::uuid, rows;
    IF rows <= p_limit THEN
        RETURN QUERY EXECUTE 'SELECT id, NULL::bigint FROM (' || statement || ' LIMIT $3) m'
            USING tenant, p_patterns, p_limit + 1;
    END IF;
END
$$"""

# The tenant in a variable: a parameter to the statement, by which Citus routes it to one shard.
CARD_PREFIX_CUSTOMERS = f"""
CREATE OR REPLACE FUNCTION kt_card_prefix_customers(p_pattern text, p_limit integer)
RETURNS TABLE (customer_id uuid, number text) LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
    tenant uuid := {TENANT};
BEGIN
    RETURN QUERY SELECT c.customer_id, c.number::text FROM public.cards c
     WHERE c.tenant_id = tenant AND lower(c.number) LIKE p_pattern
     LIMIT p_limit;
END
$$"""

FUNCTIONS = ("kt_search_text_ids(text[], integer)", "kt_card_prefix_customers(text, integer)")

def upgrade() -> None:
    op.execute(SEARCH_TEXT_IDS)
    op.execute(CARD_PREFIX_CUSTOMERS)
    for function in FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        op.execute(grant_like_analyze(function))


def downgrade() -> None:
    for function in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
