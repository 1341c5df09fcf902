import uuid

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import ChildOfTenantRow, CreatedAt, TenantScoped, UUIDPk, tenant_fk


class Tag(TenantScoped, Base):
    __tablename__ = "tags"
    # `name_key` is the lower-cased name: "VIP" and "vip" are one tag.
    __table_args__ = (Index("uq_tags_tenant_id_name_key", "tenant_id", "name_key", unique=True),)

    id: Mapped[UUIDPk]
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str] = mapped_column(String(7), default="#228be6")
    created_at: Mapped[CreatedAt]


# Which customer has which tag. Owned here, below customers, so that customers (filters,
# search, bulk actions) read tags downward and tags never import customers.
class CustomerTag(ChildOfTenantRow, Base):
    __tablename__ = "customer_tags"
    __table_args__ = (
        Index("ix_customer_tags_tenant_id_tag_id", "tenant_id", "tag_id", "customer_id"),
        tenant_fk("customer_tags", "customer_id", "customers.id", ondelete="CASCADE"),
        tenant_fk("customer_tags", "tag_id", "tags.id", ondelete="CASCADE"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tag_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
