"""Every domain's models, imported once so Alembic and tests see the whole schema."""

from app.audit.models import AuditEvent, AuditEventSubject
from app.auth.models import ApiKey, User, UserSession
from app.core.db import Base
from app.custom_fields.models import CustomFieldDefinition
from app.customers.erased import ErasedSubject  # noqa: F401
from app.customers.models import Card, Consent, ConsentEvent, Customer, CustomerNote  # noqa: F401
from app.customers.search_indexes import SEARCH_INDEXES  # noqa: F401  (declared for alembic check)
from app.events.models import Event, WebhookDelivery, WebhookEndpoint  # noqa: F401
from app.exports.models import ExportLog  # noqa: F401
from app.imports.models import Import, ImportRow, ImportRowError  # noqa: F401
from app.jobs.models import Job  # noqa: F401
from app.loyalty.models import (  # noqa: F401
    LoyaltyAccount,
    LoyaltyCreditEntry,
    LoyaltyEntry,
    LoyaltyLevelChange,
    LoyaltyLot,
    LoyaltyProgramme,
)
from app.segments.models import Segment  # noqa: F401
from app.stats_days.models import StatsDay  # noqa: F401
from app.tags.models import CustomerTag, Tag
from app.tenants.models import Tenant
from app.transactions.models import Location, Transaction  # noqa: F401
from app.vouchers.models import Voucher, VoucherRedemption  # noqa: F401

__all__ = [
    "ApiKey",
    "AuditEvent",
    "AuditEventSubject",
    "Base",
    "Card",
    "Consent",
    "CustomFieldDefinition",
    "Customer",
    "CustomerTag",
    "Tag",
    "Tenant",
    "User",
    "UserSession",
]
