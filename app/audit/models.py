import uuid
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, tenant_fk


class AuditEvent(TenantScoped, Base):
    """Who changed what, when: one row per change, or one per bulk action or import."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_tenant_id_entity", "tenant_id", "entity_type", "entity_id", "id"),
        Index("ix_audit_events_tenant_id_occurred_at", "tenant_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    occurred_at: Mapped[CreatedAt]
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_label: Mapped[str | None] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID | None]
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSONB)


class AuditEventSubject(TenantScoped, Base):
    """Links one bulk event to each customer it touched, so their history lists it."""

    __tablename__ = "audit_event_subjects"
    __table_args__ = (
        tenant_fk("audit_event_subjects", "event_id", "audit_events.id", ondelete="CASCADE"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
