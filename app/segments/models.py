import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk


class Segment(TenantScoped, Base):
    """A saved filter: filter tree, quick-search terms, chosen columns and sort."""

    __tablename__ = "segments"
    __table_args__ = (
        Index("uq_segments_tenant_id_name_key", "tenant_id", "name_key", unique=True),
    )

    id: Mapped[UUIDPk]
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    filter: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    q: Mapped[str | None] = mapped_column(String(500))
    columns: Mapped[list[str]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    sort: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    last_used_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    owner_id: Mapped[uuid.UUID | None]
