import uuid
from datetime import datetime

from sqlalchemy import ARRAY, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.types import CreatedAt, TenantScoped, UUIDPk, tenant_fk


class User(TenantScoped, Base):
    __tablename__ = "users"
    # Emails are stored lower-cased, so a plain unique index is case-insensitive.
    __table_args__ = (Index("uq_users_tenant_id_email", "tenant_id", "email", unique=True),)

    id: Mapped[UUIDPk]
    email: Mapped[str] = mapped_column(String(320))
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(8))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[CreatedAt]
    last_login_at: Mapped[datetime | None]


class UserSession(TenantScoped, Base):
    """A browser session: the cookie holds the tenant and a secret; only its hash is stored."""

    __tablename__ = "user_sessions"
    __table_args__ = (
        Index("uq_user_sessions_tenant_id_token_hash", "tenant_id", "token_hash", unique=True),
        Index("ix_user_sessions_tenant_id_user_id", "tenant_id", "user_id"),
        tenant_fk("user_sessions", "user_id", "users.id", ondelete="CASCADE"),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID]
    token_hash: Mapped[str] = mapped_column(String(64))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[datetime]


class ApiKey(TenantScoped, Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        Index("uq_api_keys_tenant_id_key_hash", "tenant_id", "key_hash", unique=True),
        Index("ix_api_keys_tenant_id_created_by_user_id", "tenant_id", "created_by_user_id"),
        # A user's keys go with the user: they are revoked when the user is deactivated.
        tenant_fk("api_keys", "created_by_user_id", "users.id", ondelete="CASCADE"),
    )

    id: Mapped[UUIDPk]
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    created_by: Mapped[str | None] = mapped_column(String(200))
    # The user who created the key; None for keys from the CLI (or made before this was kept).
    created_by_user_id: Mapped[uuid.UUID | None]
    created_at: Mapped[CreatedAt]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # Request units a minute for this key; None: the default (KARTOTEKA_RATE_LIMIT_KEY_PER_MINUTE).
    rate_limit_per_minute: Mapped[int | None]
    # After this the key stops working (None: until revoked).
    expires_at: Mapped[datetime | None]
