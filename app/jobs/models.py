import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk


class Job(TenantScoped, Base):
    """A long-running piece of work (a bulk action, an export) and its progress."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_tenant_id_created_at", "tenant_id", "created_at"),
        # The sweeper's scan across tenants (see recovery.py) reads this small index whole:
        # it holds only the unfinished jobs.
        Index(
            "ix_jobs_tenant_id_updated_at_unfinished",
            "tenant_id",
            "updated_at",
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[UUIDPk]
    kind: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    total: Mapped[int | None] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    params: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(200))
    actor_id: Mapped[uuid.UUID | None]
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    finished_at: Mapped[datetime | None]
    # Times the sweeper queued it again after its job was lost (see recovery.py).
    recoveries: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
