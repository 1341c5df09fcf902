"""Vouchers (amount or percent) and each redemption of one."""

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk, tenant_fk
from app.transactions.models import Location, Transaction

__all__ = ["Location", "Transaction", "Voucher", "VoucherRedemption"]

Money = Numeric(14, 2)


class Voucher(TenantScoped, Base):
    __tablename__ = "vouchers"
    __table_args__ = (
        Index("uq_vouchers_tenant_id_code", "tenant_id", "code", unique=True),
        Index("ix_vouchers_tenant_id_customer_id", "tenant_id", "customer_id"),
        Index(
            "ix_vouchers_tenant_id_created_at",
            "tenant_id",
            "created_at",
            postgresql_include=["customer_id"],
        ),
        # The vouchers about to expire, at the desk (migration 0027_desk_indexes).
        Index(
            "ix_vouchers_tenant_id_valid_until",
            "tenant_id",
            "valid_until",
            postgresql_where=text("status = 'active' AND valid_until IS NOT NULL"),
        ),
        tenant_fk("vouchers", "customer_id", "customers.id", ondelete="SET NULL"),
    )

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # amount | percent
    currency: Mapped[str | None] = mapped_column(String(3))
    initial_value: Mapped[Decimal] = mapped_column(Money)
    balance: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(16), default="active")
    valid_from: Mapped[datetime | None]
    valid_until: Mapped[datetime | None]
    customer_id: Mapped[uuid.UUID | None]
    assigned_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime | None]


class VoucherRedemption(TenantScoped, Base):
    __tablename__ = "voucher_redemptions"
    __table_args__ = (
        Index("ix_voucher_redemptions_tenant_id_voucher_id", "tenant_id", "voucher_id"),
        # The till's reference redeems a voucher once: a retry finds the first redemption.
        Index(
            "uq_voucher_redemptions_tenant_id_voucher_id_transaction_ref",
            "tenant_id",
            "voucher_id",
            "transaction_ref",
            unique=True,
            postgresql_where=text("transaction_ref IS NOT NULL"),
        ),
        Index("ix_voucher_redemptions_tenant_id_customer_id", "tenant_id", "customer_id"),
        Index(
            "ix_voucher_redemptions_tenant_id_redeemed_at",
            "tenant_id",
            "redeemed_at",
            postgresql_include=["amount", "location_id", "customer_id"],
        ),
        tenant_fk("voucher_redemptions", "voucher_id", "vouchers.id", ondelete="CASCADE"),
        tenant_fk("voucher_redemptions", "customer_id", "customers.id", ondelete="SET NULL"),
        tenant_fk("voucher_redemptions", "location_id", "locations.id", ondelete="SET NULL"),
    )

    id: Mapped[UUIDPk]
    voucher_id: Mapped[uuid.UUID]
    # The voucher's customer at the time of redemption: the aggregates count it for them.
    customer_id: Mapped[uuid.UUID | None]
    # What was taken off: the amount, or a percent voucher's discount.
    amount: Mapped[Decimal] = mapped_column(Money)
    # The purchase it was given for, when the till says (always for a percent voucher).
    purchase_amount: Mapped[Decimal | None] = mapped_column(Money)
    transaction_ref: Mapped[str | None] = mapped_column(String(200))
    location_id: Mapped[uuid.UUID | None]
    redeemed_at: Mapped[datetime]
    # The till undid it (`POST …/undo`): the balance is back and no figure counts it.
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[str | None] = mapped_column(String(320))
