"""Quick search's expression indexes, declared so `alembic check` knows they belong.

Created by migration 0002_search together with the IMMUTABLE functions they use; the
expressions must stay identical to the ones `app.customers.search` queries with.
"""

from sqlalchemy import Index, text

from app.customers.models import Card, Customer

SEARCH_INDEXES = (
    Index(
        "ix_customers_tenant_id_search",
        Customer.tenant_id,
        text(
            "kt_customer_search_text((first_name)::text, (last_name)::text, (middle_name)::text,"
            " (company_name)::text, (email)::text, (city)::text) gin_trgm_ops"
        ),
        postgresql_using="gin",
    ),
    Index(
        "ix_customers_tenant_id_phone_digits",
        Customer.tenant_id,
        text("kt_digits((phone)::text) gin_trgm_ops"),
        postgresql_using="gin",
    ),
    Index(
        "ix_customers_tenant_id_email_lower",
        Customer.tenant_id,
        text("lower((email)::text) gin_trgm_ops"),
        postgresql_using="gin",
    ),
    Index(
        "ix_cards_tenant_id_number_lower",
        Card.tenant_id,
        text("lower((number)::text) gin_trgm_ops"),
        postgresql_using="gin",
    ),
)
