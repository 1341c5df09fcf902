"""Loyalty tables: the programme's versions, each customer's account, the append-only points
ledger with its lots, level history, and promotional credit history."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Identity,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk, tenant_fk

Money = Numeric(14, 2)


class LoyaltyProgramme(TenantScoped, Base):
    """One version of a tenant's rules; the highest version is in force. Never changed:
    a ledger entry names the version it was computed by."""

    __tablename__ = "loyalty_programmes"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    rules: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[CreatedAt]


class LoyaltyAccount(TenantScoped, Base):
    """A customer's balances, moved in the same transaction as each ledger entry; the
    reconciliation recomputes them from the ledger and the lots."""

    __tablename__ = "loyalty_accounts"
    __table_args__ = (
        tenant_fk("loyalty_accounts", "customer_id", "customers.id", ondelete="CASCADE"),
        Index("ix_loyalty_accounts_tenant_id_balance", "tenant_id", "balance"),
        CheckConstraint("balance >= 0 AND pending >= 0 AND debt >= 0", name="not_negative"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    balance: Mapped[int] = mapped_column(BigInteger, default=0)  # available points
    pending: Mapped[int] = mapped_column(BigInteger, default=0)  # earned, not yet available
    # Points a claw-back could not take (the balance never goes below zero): the next
    # earnings settle it first.
    debt: Mapped[int] = mapped_column(BigInteger, default=0)
    earned_total: Mapped[int] = mapped_column(BigInteger, default=0)
    redeemed_total: Mapped[int] = mapped_column(BigInteger, default=0)
    expired_total: Mapped[int] = mapped_column(BigInteger, default=0)
    last_accrual_at: Mapped[datetime | None]
    last_redemption_at: Mapped[datetime | None]
    level: Mapped[str | None] = mapped_column(String(64))
    level_since: Mapped[datetime | None]
    # Since when the customer qualifies only for a lower level (the grace period runs).
    below_level_since: Mapped[datetime | None]
    # The staff's percent; the level's percent applies when it is higher.
    discount_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    discount_limit: Mapped[Decimal | None] = mapped_column(Money)  # per period, None: none
    discount_period: Mapped[str] = mapped_column(String(8), default="month")
    discount_period_start: Mapped[datetime | None]
    discount_used: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    discount_limit_lifted: Mapped[bool] = mapped_column(Boolean, default=False)
    promo_credit_balance: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    updated_at: Mapped[datetime | None]


class LoyaltyEntry(TenantScoped, Base):
    """One event of the points ledger; never updated or deleted (with the customer only)."""

    __tablename__ = "loyalty_entries"
    __table_args__ = (
        tenant_fk("loyalty_entries", "customer_id", "customers.id", ondelete="CASCADE"),
        Index("ix_loyalty_entries_tenant_id_customer_id_seq", "tenant_id", "customer_id", "seq"),
        # A till's call, a birthday of a year, a transaction's earning: once each.
        Index(
            "uq_loyalty_entries_tenant_id_customer_id_ref",
            "tenant_id",
            "customer_id",
            "ref",
            unique=True,
            postgresql_where=text("ref IS NOT NULL"),
        ),
        Index(
            "ix_loyalty_entries_tenant_id_transaction_id",
            "tenant_id",
            "transaction_id",
            postgresql_where=text("transaction_id IS NOT NULL"),
        ),
        Index("ix_loyalty_entries_tenant_id_created_at", "tenant_id", "created_at"),
    )

    id: Mapped[UUIDPk]
    # Order of entries (the cursor of the ledger's pages).
    seq: Mapped[int] = mapped_column(BigInteger, Identity())
    customer_id: Mapped[uuid.UUID]
    # earn | redeem | expire | adjust | clawback | opening
    kind: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(BigInteger)  # signed
    # Of a credit: the part that settled a debt; of a claw-back: the part that became debt.
    debt_change: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str | None] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(200))
    transaction_id: Mapped[uuid.UUID | None]
    # What a redemption paid: points × the programme's point value.
    amount: Mapped[Decimal | None] = mapped_column(Money)
    programme_version: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[CreatedAt]


class LoyaltyLot(TenantScoped, Base):
    """The points one credit entry brought, and what of them is left: debits take from the
    lots first in, first out (the soonest to expire first)."""

    __tablename__ = "loyalty_lots"
    __table_args__ = (
        tenant_fk("loyalty_lots", "customer_id", "customers.id", ondelete="CASCADE"),
        # A customer's lots, the first to expire first (FIFO). Whole, spent lots included:
        # deleting a customer finds its lots here (a partial index cannot serve the cascade).
        Index(
            "ix_loyalty_lots_tenant_id_customer_id_expires_at",
            "tenant_id",
            "customer_id",
            "expires_at",
        ),
        # The crons: what expires or matures next, per tenant.
        Index(
            "ix_loyalty_lots_tenant_id_expires_at",
            "tenant_id",
            "expires_at",
            postgresql_where=text("remaining > 0"),
        ),
        Index(
            "ix_loyalty_lots_tenant_id_available_at",
            "tenant_id",
            "available_at",
            postgresql_where=text("pending"),
        ),
    )

    id: Mapped[UUIDPk]
    customer_id: Mapped[uuid.UUID]
    entry_id: Mapped[uuid.UUID]
    transaction_id: Mapped[uuid.UUID | None]
    points: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger)
    pending: Mapped[bool] = mapped_column(Boolean)
    available_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]


class LoyaltyLevelChange(TenantScoped, Base):
    __tablename__ = "loyalty_level_changes"
    __table_args__ = (
        tenant_fk("loyalty_level_changes", "customer_id", "customers.id", ondelete="CASCADE"),
        Index("ix_loyalty_level_changes_tenant_id_customer_id", "tenant_id", "customer_id"),
    )

    id: Mapped[UUIDPk]
    customer_id: Mapped[uuid.UUID]
    from_level: Mapped[str | None] = mapped_column(String(64))
    to_level: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))  # qualified | grace_ended | manual
    created_at: Mapped[CreatedAt]


class LoyaltyCreditEntry(TenantScoped, Base):
    """Promotional credit granted (amount > 0) or used (amount < 0)."""

    __tablename__ = "loyalty_credit_entries"
    __table_args__ = (
        tenant_fk("loyalty_credit_entries", "customer_id", "customers.id", ondelete="CASCADE"),
        Index("ix_loyalty_credit_entries_tenant_id_customer_id", "tenant_id", "customer_id"),
    )

    id: Mapped[UUIDPk]
    customer_id: Mapped[uuid.UUID]
    amount: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str | None] = mapped_column(Text)
    actor_label: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[CreatedAt]
