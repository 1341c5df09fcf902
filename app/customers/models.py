import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    Date,
    Identity,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import ChildOfTenantRow, CreatedAt, TenantScoped, UUIDPk, tenant_fk
from app.customers.fields import length

Money = Numeric(14, 2)
# Quick search's haystack (migration 0040 keeps a copy): names, company, email and city
# lower-cased without accents, again without the characters that join a word's parts, then the
# phone's digits.
_SEARCH_WORDS = (
    "kt_unaccent(lower("
    "coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(middle_name, '') || ' ' || coalesce(company_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(city, '')))"
)
# Characters that join the parts of a word (`anna.kowal@`, `kowalska-nowak`, `o'neil`). pg_trgm
# splits words at them, so `%agnieszka.p%` is found by the index as "agnieszka" and a word
# starting with p: every Agnieszka is a candidate to recheck. The words follow a second time
# without them (`agnieszkapiotrowski105284onetpl`), where the same term without them
# (`agnieszkap`) has trigrams that cross the joins (quick search, migration 0040).
SEARCH_JOINERS = ".-_@+'"
_JOINERS_SQL = SEARCH_JOINERS.replace("'", "''")
# The leading space makes every word start after a space, so a short term can match word
# starts (`% ko%`), which pg_trgm serves from the index (the padded trigram ` ko`); the phone's
# digits end it.
SEARCH_TEXT = (
    f"' ' || {_SEARCH_WORDS} || ' ' || "
    f"translate({_SEARCH_WORDS}, '{_JOINERS_SQL}', '') || ' ' || "
    "coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '')"
)


class Customer(TenantScoped, Base):
    __tablename__ = "customers"
    __table_args__ = (
        # Partial unique keys: a customer may have no email / phone / external id.
        Index(
            "uq_customers_tenant_id_email",
            "tenant_id",
            "email",
            unique=True,
            postgresql_where=text("email IS NOT NULL"),
        ),
        Index(
            "uq_customers_tenant_id_external_id",
            "tenant_id",
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL"),
        ),
        Index(
            "ix_customers_tenant_id_phone",
            "tenant_id",
            "phone",
            postgresql_where=text("phone IS NOT NULL"),
        ),
        Index("ix_customers_tenant_id_created_at", "tenant_id", "created_at", "id"),
        # Today's birthdays, by their dates (migration 0039, app/customers/birthdays.py).
        Index(
            "ix_customers_tenant_id_birth_date",
            "tenant_id",
            "birth_date",
            postgresql_where=text("birth_date IS NOT NULL"),
        ),
        Index("ix_customers_tenant_id_last_name", "tenant_id", "last_name", "id"),
        Index("ix_customers_tenant_id_total_spent", "tenant_id", "total_spent", "id"),
        Index("ix_customers_tenant_id_last_visit_at", "tenant_id", "last_visit_at", "id"),
        Index(
            "ix_customers_tenant_id_import_id",
            "tenant_id",
            "import_id",
            postgresql_where=text("import_id IS NOT NULL"),
        ),
    )

    id: Mapped[UUIDPk]
    external_id: Mapped[str | None] = mapped_column(String(length("external_id")))
    type: Mapped[str] = mapped_column(String(length("type")), default="customer")
    status: Mapped[str] = mapped_column(String(length("status")), default="active")
    first_name: Mapped[str | None] = mapped_column(String(length("first_name")))
    last_name: Mapped[str | None] = mapped_column(String(length("last_name")))
    middle_name: Mapped[str | None] = mapped_column(String(length("middle_name")))
    company_name: Mapped[str | None] = mapped_column(String(length("company_name")))
    tax_id: Mapped[str | None] = mapped_column(String(length("tax_id")))
    email: Mapped[str | None] = mapped_column(String(length("email")))
    phone: Mapped[str | None] = mapped_column(String(length("phone")))
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(length("gender")))
    country: Mapped[str | None] = mapped_column(String(length("country")))
    city: Mapped[str | None] = mapped_column(String(length("city")))
    street: Mapped[str | None] = mapped_column(String(length("street")))
    building: Mapped[str | None] = mapped_column(String(length("building")))
    apartment: Mapped[str | None] = mapped_column(String(length("apartment")))
    postal_code: Mapped[str | None] = mapped_column(String(length("postal_code")))
    notes: Mapped[str | None] = mapped_column(Text)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(
        JSONB, default=dict, server_default=text("'{}'::jsonb")
    )
    source: Mapped[str] = mapped_column(String(16), default="manual")
    import_id: Mapped[uuid.UUID | None]
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    last_activity_at: Mapped[datetime | None]
    # Set when the identity was erased at the person's request: a tombstone keeping the amounts.
    erased_at: Mapped[datetime | None]

    # Per-customer aggregates, kept current in the same transaction as the events behind them.
    vouchers_assigned: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    vouchers_active: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    vouchers_redeemed: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    voucher_redeemed_amount: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("0.00"), server_default=text("0")
    )
    total_spent: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("0.00"), server_default=text("0")
    )
    transactions_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    visits: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    avg_check: Mapped[Decimal | None] = mapped_column(Money)
    first_visit_at: Mapped[datetime | None]
    last_visit_at: Mapped[datetime | None]
    last_purchase_amount: Mapped[Decimal | None] = mapped_column(Money)
    last_purchase_at: Mapped[datetime | None]
    rfm_recency: Mapped[int | None] = mapped_column(SmallInteger)
    rfm_frequency: Mapped[int | None] = mapped_column(SmallInteger)
    rfm_monetary: Mapped[int | None] = mapped_column(SmallInteger)
    rfm_segment: Mapped[str | None] = mapped_column(String(32))
    search_text: Mapped[str | None] = mapped_column(
        Text, Computed(SEARCH_TEXT, persisted=True), deferred=True, deferred_raiseload=True
    )


class Card(TenantScoped, Base):
    """A loyalty card; its number is unique within the tenant."""

    __tablename__ = "cards"
    __table_args__ = (
        Index("uq_cards_tenant_id_number", "tenant_id", "number", unique=True),
        Index("ix_cards_tenant_id_customer_id", "tenant_id", "customer_id"),
        tenant_fk("cards", "customer_id", "customers.id", ondelete="CASCADE"),
    )

    id: Mapped[UUIDPk]
    customer_id: Mapped[uuid.UUID]
    number: Mapped[str] = mapped_column(String(64))
    barcode: Mapped[str | None] = mapped_column(String(128))
    expires_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[CreatedAt]


class Consent(ChildOfTenantRow, Base):
    """The current state of one consent channel; its history is in the audit log."""

    __tablename__ = "customer_consents"
    __table_args__ = (
        tenant_fk("customer_consents", "customer_id", "customers.id", ondelete="CASCADE"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    granted: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime]
    source: Mapped[str | None] = mapped_column(String(64))
    # The proof of the last change: which wording the person agreed to, and who recorded it
    # (`user`, `api_key`, `import`, or `subject` through an unsubscribe link).
    wording_version: Mapped[str | None] = mapped_column(String(32))
    actor_type: Mapped[str | None] = mapped_column(String(16))
    actor_label: Mapped[str | None] = mapped_column(String(320))


class ConsentEvent(ChildOfTenantRow, Base):
    """Every change of a consent, append-only: written by a trigger on customer_consents
    (migration 0023_consent_proof), whoever the writer."""

    __tablename__ = "consent_events"
    __table_args__ = (
        Index("ix_consent_events_tenant_id_customer_id", "tenant_id", "customer_id", "id"),
        tenant_fk("consent_events", "customer_id", "customers.id", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    customer_id: Mapped[uuid.UUID]
    channel: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str | None] = mapped_column(String(64))
    wording_version: Mapped[str | None] = mapped_column(String(32))
    actor_type: Mapped[str | None] = mapped_column(String(16))
    actor_label: Mapped[str | None] = mapped_column(String(320))
    occurred_at: Mapped[datetime]


class CustomerNote(TenantScoped, Base):
    """A note staff wrote on a customer (`/customers/{id}/notes`); append-only, erased with
    the customer's identity."""

    __tablename__ = "customer_notes"
    __table_args__ = (
        Index("ix_customer_notes_tenant_id_customer_id", "tenant_id", "customer_id", "created_at"),
        tenant_fk("customer_notes", "customer_id", "customers.id", ondelete="CASCADE"),
    )

    id: Mapped[UUIDPk]
    customer_id: Mapped[uuid.UUID]
    text: Mapped[str] = mapped_column(Text)
    author_type: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[uuid.UUID | None]
    author_label: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[CreatedAt]
