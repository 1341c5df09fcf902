"""Typed factories the suites share: each makes a row through its domain's service, as the
API would (normalised, audited, checked), with defaults a test overrides by keyword. Each
works for the row's tenant (row-level security) and leaves the session working for the
tenant it had.

    customer = await create_customer(session, ctx, email="anna@example.pl")
    tag = await create_tag(session, ctx, name="VIP")
    voucher = await create_voucher(session, ctx, customer_id=customer.id, value="50")
"""

import itertools
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth
from app.auth.models import ApiKey, User
from app.auth.scopes import ROLE_SCOPES, SCOPES
from app.core.context import Context, Principal, TenantInfo
from app.core.tenancy import as_tenant
from app.customers import service as customers
from app.customers.models import Customer
from app.customers.schemas import CustomerCreate
from app.imports import service as imports
from app.imports.models import Import
from app.segments import service as segments
from app.segments.models import Segment
from app.segments.schemas import SegmentIn
from app.tags import service as tags
from app.tags.models import Tag
from app.vouchers import service as vouchers
from app.vouchers.models import Voucher
from app.vouchers.schemas import VoucherCreate

_serial = itertools.count(1)


def owner_context(tenant: TenantInfo) -> Context:
    """A tenant's owner, as a logged-in user: every scope."""
    principal = Principal("user", uuid.uuid4(), "owner@test", "owner", ROLE_SCOPES["owner"])
    return Context(tenant=tenant, principal=principal)


async def create_customer(
    session: AsyncSession, ctx: Context, *, allow_duplicate: bool = False, **overrides: Any
) -> Customer:
    """`allow_duplicate`: a phone another customer has is saved anyway (as the form's "save
    anyway" does); without it the factory meets the same 409 the API gives."""
    n = next(_serial)
    data: dict[str, Any] = {"first_name": "Anna", "last_name": "Kowalska",
                            "email": f"anna{n}@example.pl"}  # fmt: skip
    data.update(overrides)
    async with as_tenant(session, ctx.tenant_id):
        return await customers.create_customer(
            session, ctx, CustomerCreate(**data), allow_duplicate=allow_duplicate
        )


async def create_tag(
    session: AsyncSession, ctx: Context, *, name: str | None = None, colour: str = "#e64980"
) -> Tag:
    async with as_tenant(session, ctx.tenant_id):
        return await tags.create_tag(
            session, ctx, name=name or f"Tag {next(_serial)}", colour=colour
        )


async def create_voucher(session: AsyncSession, ctx: Context, **overrides: Any) -> Voucher:
    data: dict[str, Any] = {"kind": "amount", "value": Decimal("50")}
    data.update(overrides)
    async with as_tenant(session, ctx.tenant_id):
        return await vouchers.create_voucher(session, ctx, VoucherCreate(**data))


async def create_segment(session: AsyncSession, ctx: Context, **overrides: Any) -> Segment:
    data: dict[str, Any] = {"name": f"Segment {next(_serial)}", "filter": "city = Łódź"}
    data.update(overrides)
    async with as_tenant(session, ctx.tenant_id):
        return await segments.create_segment(session, ctx, SegmentIn(**data))


async def create_user(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    role: str = "staff",
    email: str | None = None,
    password: str = "a-long-test-password",
) -> User:
    email = email or f"user{next(_serial)}@example.pl"
    async with as_tenant(session, tenant_id):
        return await auth.create_user(session, tenant_id, email=email, role=role, password=password)


async def create_api_key(
    session: AsyncSession, tenant_id: uuid.UUID, *, scopes: list[str] | None = None
) -> tuple[ApiKey, str]:
    """A key and its secret (for `Authorization: Bearer`)."""
    async with as_tenant(session, tenant_id):
        return await auth.create_api_key(
            session, tenant_id, name=f"key {next(_serial)}", scopes=scopes or sorted(SCOPES),
            created_by="tests",
        )  # fmt: skip


async def create_import(
    session: AsyncSession, ctx: Context, data: bytes, *, file_name: str = "k.csv", **options: Any
) -> Import:
    """An uploaded file (`auto`, `commit`: run the preview, and the commit, as its jobs)."""

    async def chunks() -> AsyncIterator[bytes]:
        yield data

    async with as_tenant(session, ctx.tenant_id):
        return await imports.create_import(session, ctx, file_name, chunks(), 10**9, **options)
