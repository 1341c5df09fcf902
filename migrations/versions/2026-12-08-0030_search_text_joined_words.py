"""search text with joined words: `customers.search_text` holds its words a second time without
the characters that join a word's parts (`.-_@+'`)

pg_trgm splits words at every character that is not a letter or a digit, so the trigram index
found an email fragment such as `agnieszka.p` as "agnieszka" and a word starting with "p": on
the bench base (1,000,000 customers) 33,333 candidates to recheck for 3,572 matches, 175 ms.
With the words repeated without their joins (`agnieszkapiotrowski105284onetpl`), quick search
adds the term without them (`agnieszkap`) as a second pattern, whose trigrams cross the joins
(`kap`), and the index hands over about the matches themselves. The same holds for double-
barrelled names (`kowalska-n`) and apostrophes.

The column is generated and stored: it is dropped and added again (a rewrite of the table), its
trigram index built again and its statistics target restored (migration 0007).

Revision ID: 0040_search_text_joined_words
Revises: 0039_birth_date_index
Create Date: 2026-12-08 00:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0040_search_text_joined_words"
down_revision: str | Sequence[str] | None = "0039_birth_date_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Must stay identical to `Customer.search_text` (app/customers/models.py SEARCH_TEXT).
WORDS = (
    "kt_unaccent(lower("
    "coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(middle_name, '') || ' ' || coalesce(company_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(city, '')))"
)
DIGITS = "coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '')"
SEARCH_TEXT = f"' ' || {WORDS} || ' ' || translate({WORDS}, '.-_@+''', '') || ' ' || {DIGITS}"
OLD_SEARCH_TEXT = f"' ' || {WORDS} || ' ' || {DIGITS}"


def _search_text(expression: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_customers_tenant_id_search_text")
    op.execute("ALTER TABLE customers DROP COLUMN search_text")
    op.execute(
        f"ALTER TABLE customers ADD COLUMN search_text text GENERATED ALWAYS AS ({expression}) STORED"
    )
    op.execute(
        "CREATE INDEX ix_customers_tenant_id_search_text ON customers"
        " USING gin (tenant_id, search_text gin_trgm_ops)"
    )
    target = "ALTER TABLE {} ALTER COLUMN search_text SET STATISTICS 1000"
    if op.get_bind().scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        # Citus refuses this ALTER on a distributed table: on each shard, and on the
        # coordinator's own table without propagating it.
        op.execute(f"SELECT run_command_on_shards('customers', $${target.format('%s')}$$)")
        op.execute("SET LOCAL citus.enable_ddl_propagation = off")
        op.execute(target.format("customers"))
        op.execute("SET LOCAL citus.enable_ddl_propagation = on")
    else:
        op.execute(target.format("customers"))
    op.execute("ANALYZE customers (search_text)")


def upgrade() -> None:
    _search_text(SEARCH_TEXT)


def downgrade() -> None:
    _search_text(OLD_SEARCH_TEXT)
