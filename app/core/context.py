"""Who is asking, for which tenant: passed from the router to every service call."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class TenantInfo:
    id: uuid.UUID
    slug: str
    name: str
    country: str
    currency: str
    timezone: str
    locale: str


@dataclass(frozen=True)
class Principal:
    """A user (browser session) or an API key (integration)."""

    kind: str  # "user" | "api_key" | "system"
    id: uuid.UUID | None
    label: str
    role: str | None
    scopes: frozenset[str] = field(default_factory=frozenset)
    # An API key's own rate limit (request units a minute); None: the configured default.
    rate_limit: int | None = None
    # When an API key stops working (None: never); the key cache holds it no longer.
    expires_at: datetime | None = None

    def can(self, scope: str) -> bool:
        return scope in self.scopes or "admin" in self.scopes


@dataclass(frozen=True)
class Context:
    tenant: TenantInfo
    principal: Principal
    locale: str = "en"
    request_id: str | None = None

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.tenant.id


SYSTEM = Principal(kind="system", id=None, label="system", role=None, scopes=frozenset({"admin"}))
