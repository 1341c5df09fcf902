"""Purchases and refunds from the till or the shop, and the points of sale they happen at."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Index, Integer, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk, tenant_fk

Money = Numeric(14, 2)


class Location(TenantScoped, Base):
    """A point of sale; the till sends its `code`."""

    __tablename__ = "locations"
    __table_args__ = (Index("uq_locations_tenant_id_code", "tenant_id", "code", unique=True),)

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[CreatedAt]


class Transaction(TenantScoped, Base):
    """One purchase (amount > 0) or refund (amount < 0) of a customer."""

    __tablename__ = "transactions"
    __table_args__ = (
        Index(
            "uq_transactions_tenant_id_external_ref",
            "tenant_id",
            "external_ref",
            unique=True,
            postgresql_where=text("external_ref IS NOT NULL"),
        ),
        Index(
            "ix_transactions_tenant_id_customer_id_occurred_at",
            "tenant_id",
            "customer_id",
            "occurred_at",
        ),
        # Covering: the dashboard sums a period by an index-only scan (0006_vouchers_speed).
        Index(
            "ix_transactions_tenant_id_occurred_at",
            "tenant_id",
            "occurred_at",
            postgresql_include=["amount", "kind", "location_id", "customer_id"],
        ),
        # SET NULL: deleting a customer keeps the tenant's revenue history.
        tenant_fk("transactions", "customer_id", "customers.id", ondelete="SET NULL"),
        tenant_fk("transactions", "location_id", "locations.id", ondelete="SET NULL"),
    )

    id: Mapped[UUIDPk]
    customer_id: Mapped[uuid.UUID | None]
    kind: Mapped[str] = mapped_column(String(16))  # purchase | refund
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    occurred_at: Mapped[datetime]
    # The day in the tenant's time zone when it happened: visits are distinct local days.
    local_date: Mapped[date] = mapped_column(Date)
    location_id: Mapped[uuid.UUID | None]
    external_ref: Mapped[str | None] = mapped_column(String(200))
    items_count: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[CreatedAt]
