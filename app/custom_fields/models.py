from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk


class CustomFieldDefinition(TenantScoped, Base):
    __tablename__ = "custom_field_definitions"
    __table_args__ = (
        Index("uq_custom_field_definitions_tenant_id_key", "tenant_id", "key", unique=True),
    )

    id: Mapped[UUIDPk]
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(16))
    choices: Mapped[list[Any] | None] = mapped_column(JSONB)
    required: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[CreatedAt]
