"""search speed: one stored `search_text` column with one trigram GIN index

Replaces the three trigram expression indexes of 0002_search (search text, phone digits,
lower(email)), each of which called a non-inlinable SQL function per row on every insert and
on every heap recheck, by one stored generated column (names, company, email, city without
accents and lower-cased, then the phone's digits) and one GIN index on it.

Revision ID: 0005_search_speed
Revises: 0003_imports
Create Date: 2026-11-23 11:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_search_speed"
down_revision: str | Sequence[str] | None = "0003_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Must stay identical to `Customer.search_text` (app/customers/models.py). The leading space
# makes every word start after a space, so a short term can match word starts (`% ko%`),
# which pg_trgm can still serve from the index (the padded trigram ` ko`).
SEARCH_TEXT = (
    "' ' || kt_unaccent(lower("
    "coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(middle_name, '') || ' ' || coalesce(company_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(city, ''))) || ' ' || "
    "coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '')"
)
OLD_INDEXES = (
    ("ix_customers_tenant_id_search",
     "tenant_id, kt_customer_search_text(first_name, last_name, middle_name, company_name, email, city) gin_trgm_ops"),
    ("ix_customers_tenant_id_phone_digits", "tenant_id, kt_digits(phone) gin_trgm_ops"),
    ("ix_customers_tenant_id_email_lower", "tenant_id, lower(email) gin_trgm_ops"),
)  # fmt: skip
OLD_FUNCTION = """CREATE OR REPLACE FUNCTION kt_customer_search_text(
    text, text, text, text, text, text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT public.kt_unaccent(lower(concat_ws(' ', $1, $2, $3, $4, $5, $6))) $$"""


def upgrade() -> None:
    # Drop first: adding a stored column rewrites the table and would rebuild them.
    for name, _ in OLD_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute(
        "DROP FUNCTION IF EXISTS kt_customer_search_text(text, text, text, text, text, text)"
    )
    op.add_column(
        "customers",
        sa.Column("search_text", sa.Text(), sa.Computed(SEARCH_TEXT, persisted=True)),
    )
    op.create_index(
        "ix_customers_tenant_id_search_text",
        "customers",
        ["tenant_id", "search_text"],
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.execute("ANALYZE customers")


def downgrade() -> None:
    op.drop_index("ix_customers_tenant_id_search_text", table_name="customers")
    op.drop_column("customers", "search_text")
    op.execute(OLD_FUNCTION)
    for name, expression in OLD_INDEXES:
        op.execute(f"CREATE INDEX {name} ON customers USING gin ({expression})")
