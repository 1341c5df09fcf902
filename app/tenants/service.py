"""Tenants: each business is one; everything else hangs off a tenant id."""

import re
import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.context import TenantInfo
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.tenants.models import Tenant

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
LOCALES = ("en", "pl", "uk", "ru")


class TenantNotFound(NotFound):
    code = "tenant_not_found"
    title = "Tenant not found"


class TenantExists(Conflict):
    code = "tenant_exists"
    title = "A tenant with this slug already exists"


def info(tenant: Tenant) -> TenantInfo:
    return TenantInfo(
        id=tenant.id,
        slug=tenant.slug,
        name=tenant.name,
        country=tenant.country,
        currency=tenant.currency,
        timezone=tenant.timezone,
        locale=tenant.locale,
    )


def validate_settings(
    *,
    country: str | None = None,
    currency: str | None = None,
    timezone: str | None = None,
    locale: str | None = None,
) -> None:
    if country is not None and country not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationFailed.field(
            ["country"], "invalid_country", f"Unknown country code {country!r}."
        )
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise ValidationFailed.field(
            ["currency"], "invalid_currency", "Use an ISO 4217 code such as PLN."
        )
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationFailed.field(
                ["timezone"], "invalid_timezone", f"Unknown time zone {timezone!r}."
            ) from None
    if locale is not None and locale not in LOCALES:
        raise ValidationFailed.field(
            ["locale"], "invalid_locale", f"Locale must be one of {', '.join(LOCALES)}."
        )


async def create_tenant(
    session: AsyncSession,
    slug: str,
    *,
    name: str | None = None,
    country: str = "PL",
    currency: str = "PLN",
    timezone: str = "Europe/Warsaw",
    locale: str = "pl",
) -> Tenant:
    if not SLUG_RE.match(slug):
        raise ValidationFailed.field(
            ["slug"], "invalid_slug", "Use 2-63 lower-case letters, digits and dashes."
        )
    validate_settings(country=country, currency=currency, timezone=timezone, locale=locale)
    if await session.scalar(select(Tenant.id).where(Tenant.slug == slug)):
        raise TenantExists(f"Tenant {slug!r} already exists.")
    tenant = Tenant(
        slug=slug,
        name=name or slug,
        country=country,
        currency=currency,
        timezone=timezone,
        locale=locale,
    )
    session.add(tenant)
    await session.flush()
    # The transaction works for the new tenant from here (its first users, keys, settings).
    await tenancy.use_tenant(session, tenant.id)
    return tenant


async def get_by_slug(session: AsyncSession, slug: str) -> Tenant:
    tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        raise TenantNotFound(f"No tenant {slug!r}.")
    return tenant


async def get(session: AsyncSession, tenant_id: uuid.UUID) -> Tenant:
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None:
        raise TenantNotFound()
    return tenant


class CurrencyLocked(Conflict):
    code = "currency_locked"
    title = "The currency cannot change once money was recorded in it"


# A tenant's amounts are one currency, summed without conversion (README, "Money and
# currency"): relabelling them would turn 100 PLN of history into 100 EUR.
_HAS_MONEY = text(
    "SELECT EXISTS (SELECT 1 FROM transactions WHERE tenant_id = :t)"
    " OR EXISTS (SELECT 1 FROM vouchers WHERE tenant_id = :t)"
)


# Settings validated by their schema alone (`validate_settings` checks the others again).
RULE_SETTINGS = ("name", "shared_phone_allowed", "redemption_undo_minutes")


async def update(session: AsyncSession, tenant_id: uuid.UUID, changes: dict[str, Any]) -> Tenant:
    validate_settings(**{k: v for k, v in changes.items() if k not in RULE_SETTINGS})
    tenant = await get(session, tenant_id)
    currency = changes.get("currency")
    if currency not in (None, tenant.currency) and await session.scalar(
        _HAS_MONEY, {"t": tenant_id}
    ):
        raise CurrencyLocked(
            f"Transactions or vouchers are recorded in {tenant.currency}; the currency stays."
        )
    for key, value in changes.items():
        setattr(tenant, key, value)
    tenant.updated_at = datetime.now(UTC)
    await session.flush()
    return tenant
