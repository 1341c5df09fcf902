"""Quick search's trigram indexes, declared so `alembic check` knows they belong.

`ix_customers_tenant_id_search_text` (migration 0005_search_speed) indexes the stored column
`customers.search_text`; the card index (0002_search) serves card-number prefixes.
"""

from sqlalchemy import Index, text

from app.customers.models import Card, Customer

CUSTOMER_SEARCH_INDEX = "ix_customers_tenant_id_search_text"

SEARCH_INDEXES = (
    Index(
        CUSTOMER_SEARCH_INDEX,
        Customer.tenant_id,
        Customer.search_text,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    ),
    Index(
        "ix_cards_tenant_id_number_lower",
        Card.tenant_id,
        text("lower((number)::text) gin_trgm_ops"),
        postgresql_using="gin",
    ),
)
