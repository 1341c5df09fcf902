from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk


class Tag(TenantScoped, Base):
    __tablename__ = "tags"
    # `name_key` is the lower-cased name: "VIP" and "vip" are one tag.
    __table_args__ = (Index("uq_tags_tenant_id_name_key", "tenant_id", "name_key", unique=True),)

    id: Mapped[UUIDPk]
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str] = mapped_column(String(7), default="#228be6")
    created_at: Mapped[CreatedAt]
