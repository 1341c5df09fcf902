import uuid
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk


class ExportLog(TenantScoped, Base):
    """Who took which customers, when and in what form: the data-protection record."""

    __tablename__ = "export_log"
    __table_args__ = (Index("ix_export_log_tenant_id_created_at", "tenant_id", "created_at"),)

    id: Mapped[UUIDPk]
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_label: Mapped[str | None] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(8))
    selection: Mapped[dict[str, Any]] = mapped_column(JSONB)
    columns: Mapped[list[str]] = mapped_column(JSONB)
    row_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[CreatedAt]
