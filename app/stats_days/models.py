"""The dashboard's per-day cache: the figures of each closed local day, per location."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped

# The location_key of events without a location, and of the figures that have none
# (new customers, vouchers issued). Its row is also the marker "this day is cached".
NO_LOCATION = uuid.UUID(int=0)


class StatsDay(TenantScoped, Base):
    """Figures of one local day (in `timezone`) and location; only days before today.

    `revenue` and `redeemed_amount` are NULL when the day had no such rows, so a cached day
    reads exactly like the live sums (0 vs 0.00). Rows are dropped by whatever changes a
    past day (app/stats_days/service.py lists each) and refilled by the next overview.
    """

    __tablename__ = "stats_days"

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True
    )
    timezone: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    location_key: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    new_customers: Mapped[int] = mapped_column(Integer, default=0)
    revenue: Mapped[Decimal | None] = mapped_column(Numeric)
    transactions: Mapped[int] = mapped_column(Integer, default=0)
    vouchers_issued: Mapped[int] = mapped_column(Integer, default=0)
    vouchers_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    redeemed_amount: Mapped[Decimal | None] = mapped_column(Numeric)
    computed_at: Mapped[CreatedAt]
