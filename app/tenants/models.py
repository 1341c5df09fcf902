import uuid
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt


class Tenant(Base):
    __tablename__ = "tenants"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), default="PL")
    currency: Mapped[str] = mapped_column(String(3), default="PLN")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Warsaw")
    locale: Mapped[str] = mapped_column(String(8), default="pl")
    # Whether two customers may share a phone (a family, a company's switchboard): then a
    # shared phone is no duplicate on a write or in an import. An email is never shared.
    shared_phone_allowed: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )
    # How long the till may undo a voucher's last redemption; 0: never.
    redemption_undo_minutes: Mapped[int] = mapped_column(
        Integer, default=10, server_default=text("10")
    )
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime | None]
