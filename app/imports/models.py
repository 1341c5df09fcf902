"""An import, its staged rows and its rejected rows."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, Identity, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk


class Import(TenantScoped, Base):
    __tablename__ = "imports"
    __table_args__ = (Index("ix_imports_tenant_id_created_at", "tenant_id", "created_at"),)

    id: Mapped[UUIDPk]
    status: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(300))
    file_type: Mapped[str] = mapped_column(String(8))
    storage_key: Mapped[str] = mapped_column(String(300))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    encoding: Mapped[str | None] = mapped_column(String(32))
    delimiter: Mapped[str | None] = mapped_column(String(4))
    header_row: Mapped[int] = mapped_column(Integer, default=0)
    columns: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    progress: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    sample: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    auto_commit: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)
    audit_event_id: Mapped[int | None] = mapped_column(BigInteger)
    created_by: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    # Set by the retention purge (`app.privacy.retention`): the upload file, and the staging
    # rows the revert works from, are gone.
    file_purged_at: Mapped[datetime | None]
    staging_purged_at: Mapped[datetime | None]


class ImportRow(TenantScoped, Base):
    """A valid row of the file, mapped and normalised: the staging table of the commit.

    `customer_id` is fixed at preview (a new id, or the matched customer), so re-running a
    commit chunk can never create a second customer for the same row.
    """

    __tablename__ = "import_rows"

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True
    )
    import_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    row_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(8), default="create")
    outcome: Mapped[str | None] = mapped_column(String(8))
    customer_id: Mapped[uuid.UUID]
    external_id: Mapped[str | None] = mapped_column(String(200))
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    middle_name: Mapped[str | None] = mapped_column(String(200))
    company_name: Mapped[str | None] = mapped_column(String(300))
    tax_id: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(200))
    building: Mapped[str | None] = mapped_column(String(32))
    apartment: Mapped[str | None] = mapped_column(String(32))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    card: Mapped[str | None] = mapped_column(String(64))
    # Opening points balance from the old system (loyalty), written into the ledger at commit.
    opening_points: Mapped[int | None] = mapped_column(BigInteger)
    custom_fields: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    consents: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    tags: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)


class ImportRowError(TenantScoped, Base):
    """One problem of one rejected (or skipped) row."""

    __tablename__ = "import_errors"
    __table_args__ = (
        Index("ix_import_errors_tenant_id_import_id_row_no", "tenant_id", "import_id", "row_no"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    import_id: Mapped[uuid.UUID]
    row_no: Mapped[int] = mapped_column(Integer)
    column: Mapped[str | None] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    # Skipped rows (`duplicate_in_base` under `skip`) are listed on request, not rejected.
    skipped: Mapped[bool] = mapped_column(default=False)


__all__ = ["Import", "ImportRow", "ImportRowError"]
