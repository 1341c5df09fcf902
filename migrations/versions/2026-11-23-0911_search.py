"""search: unaccent/trigram indexes for quick search; segments, jobs, export log

Revision ID: 0002_search
Revises: 0001
Create Date: 2026-11-23 09:11:42.604053+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002_search"
down_revision: str | Sequence[str] | None = "0004_vouchers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# unaccent() is only STABLE (its dictionary can change); these wrappers pin the dictionary
# so they can be IMMUTABLE and back expression indexes. Quick search must call the same
# functions with the same arguments for the planner to use the indexes.
FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION kt_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """CREATE OR REPLACE FUNCTION kt_customer_search_text(
        text, text, text, text, text, text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT public.kt_unaccent(lower(concat_ws(' ', $1, $2, $3, $4, $5, $6))) $$""",
    """CREATE OR REPLACE FUNCTION kt_digits(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT regexp_replace($1, '[^0-9]', '', 'g') $$""",
)
# Expression indexes (Alembic autogenerate skips them, so `alembic check` stays clean);
# btree_gin lets tenant_id lead every GIN index.
SEARCH_INDEXES = (
    ("ix_customers_tenant_id_search", "customers",
     "tenant_id, kt_customer_search_text(first_name, last_name, middle_name, company_name, email, city) gin_trgm_ops"),
    ("ix_customers_tenant_id_phone_digits", "customers", "tenant_id, kt_digits(phone) gin_trgm_ops"),
    ("ix_customers_tenant_id_email_lower", "customers", "tenant_id, lower(email) gin_trgm_ops"),
    ("ix_cards_tenant_id_number_lower", "cards", "tenant_id, lower(number) gin_trgm_ops"),
)  # fmt: skip


def upgrade() -> None:
    for statement in FUNCTIONS:
        op.execute(statement)
    for name, table, expression in SEARCH_INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({expression})")
    op.create_table(
        "export_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("actor_type", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_label", sa.String(length=200), nullable=True),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("selection", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("columns", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_export_log_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_log")),
    )
    op.create_index(
        "ix_export_log_tenant_id_created_at",
        "export_log",
        ["tenant_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("done", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("params", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_jobs_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index(
        "ix_jobs_tenant_id_created_at", "jobs", ["tenant_id", "created_at"], unique=False
    )
    op.create_table(
        "segments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("filter", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("q", sa.String(length=500), nullable=True),
        sa.Column(
            "columns",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("sort", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("last_used_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_segments_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
    )
    op.create_index(
        "uq_segments_tenant_id_name_key", "segments", ["tenant_id", "name_key"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_segments_tenant_id_name_key", table_name="segments")
    op.drop_table("segments")
    op.drop_index("ix_jobs_tenant_id_created_at", table_name="jobs")
    op.drop_table("jobs")
    op.drop_index("ix_export_log_tenant_id_created_at", table_name="export_log")
    op.drop_table("export_log")
    for name, _, _ in SEARCH_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for function in (
        "kt_customer_search_text(text, text, text, text, text, text)",
        "kt_digits(text)",
        "kt_unaccent(text)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
