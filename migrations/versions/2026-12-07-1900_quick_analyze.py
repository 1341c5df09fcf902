"""quick analyze: after a bulk write that is large but a small part of its table, ANALYZE
the columns at the default statistics target only

`customers.search_text` has a 1,000-entry histogram (migration 0007: quick search's LIKE
estimates), and ANALYZE samples 300 rows per entry of the largest target among the columns it
analyses: 300,000 rows, with every column's statistics computed over them. On the bench base
(1.1 million customers) that took 7.5 s of CPU after each import of 50,000 rows or more; the
other columns alone (a 30,000-row sample) take 0.65 s. What a bulk write must not wait for is
the planner's row counts and the tenant's share of the table (`tenant_id`), which any ANALYZE
refreshes; a fine histogram moves little when a tenth of the table changes, and autovacuum
refreshes it. `core.statistics` takes this form below that tenth, the whole ANALYZE above.

Whoever may run `kt_analyze` (the app's role, migration 0032) may run this one.

Revision ID: 0037_quick_analyze
Revises: 0036_loyalty_lots_customer_index
Create Date: 2026-12-07 19:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

from app.core.rls_sql import grant_like_analyze

revision: str = "0037_quick_analyze"
down_revision: str | Sequence[str] | None = "0036_loyalty_lots_customer_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# attstattarget: -1 (PostgreSQL 15 and 16) or NULL (17 and later) when the column keeps the
# default; the columns listed are those, so the sample is the default's.
QUICK_ANALYZE = """
CREATE OR REPLACE FUNCTION kt_quick_analyze(p_table text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    columns text;
BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
      FROM pg_attribute a
     WHERE a.attrelid = format('public.%I', p_table)::regclass
       AND a.attnum > 0 AND NOT a.attisdropped
       AND coalesce(a.attstattarget, -1) < 0;
    IF columns IS NULL THEN
        EXECUTE format('ANALYZE public.%I', p_table);
    ELSE
        EXECUTE format('ANALYZE public.%I (%s)', p_table, columns);
    END IF;
END
$$"""

def upgrade() -> None:
    op.execute(QUICK_ANALYZE)
    op.execute("REVOKE ALL ON FUNCTION kt_quick_analyze(text) FROM PUBLIC")
    op.execute(grant_like_analyze("kt_quick_analyze(text)"))


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS kt_quick_analyze(text)")
