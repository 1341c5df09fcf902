"""The outbox (`events`) and where its rows go: webhook endpoints and their deliveries.

The endpoints and deliveries live here, beside the outbox, because `emit` fans an event out
to the subscribed endpoints in the same statement that writes it; app/webhooks owns the
rules, the routes and the sending."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, String, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import ChildOfTenantRow, CreatedAt, TenantScoped, UUIDPk, tenant_fk


class Event(TenantScoped, Base):
    """Something that happened in a tenant, written in the transaction that made it happen."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_tenant_id_txid", "tenant_id", "txid", "id"),
        Index("ix_events_tenant_id_occurred_at", "tenant_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # The writing transaction's id: the feed pages by (txid, id) below the oldest transaction
    # still running, so a reader never steps over an event committed late (app/events/feed.py).
    txid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("(pg_current_xact_id())::text::bigint")
    )
    type: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[CreatedAt]
    # The customer (or other object) whose events are delivered in order.
    subject_id: Mapped[uuid.UUID | None]
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)


class WebhookEndpoint(TenantScoped, Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[UUIDPk]
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(500))
    events: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    active: Mapped[bool]
    # Needed in clear to sign; shown once, never returned by a read.
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    # When its deliveries started failing without a success since; None: healthy.
    failing_since: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]


class WebhookDelivery(ChildOfTenantRow, Base):
    """One event to one endpoint: pending until delivered or given up (`failed`)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        tenant_fk("webhook_deliveries", "endpoint_id", "webhook_endpoints.id", ondelete="CASCADE"),
        tenant_fk("webhook_deliveries", "event_id", "events.id", ondelete="CASCADE"),
        Index("ix_webhook_deliveries_tenant_id_endpoint_id", "tenant_id", "endpoint_id", "id"),
        Index("ix_webhook_deliveries_tenant_id_event_id", "tenant_id", "event_id"),
        # The claim walks pending deliveries in event order and stops after a batch; its
        # per-customer order check is one probe of the second index (migration 0034).
        Index(
            "ix_webhook_deliveries_tenant_id_pending",
            "tenant_id",
            "event_id",
            postgresql_where=text("status = 'pending'"),
        ),
        Index(
            "ix_webhook_deliveries_tenant_id_pending_order",
            "tenant_id",
            "endpoint_id",
            "subject_id",
            "event_id",
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    endpoint_id: Mapped[uuid.UUID]
    event_id: Mapped[int] = mapped_column(BigInteger)
    subject_id: Mapped[uuid.UUID | None]
    status: Mapped[str] = mapped_column(String(16), server_default="pending")
    attempts: Mapped[int] = mapped_column(server_default="0")
    next_attempt_at: Mapped[CreatedAt]
    lease_until: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    response_status: Mapped[int | None]
    response_snippet: Mapped[str | None] = mapped_column(String(1000))
    error: Mapped[str | None] = mapped_column(String(500))
    latency_ms: Mapped[int | None]
    created_at: Mapped[CreatedAt]
    delivered_at: Mapped[datetime | None]
