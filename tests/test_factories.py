"""The shared factories make real rows through the services (a factory that drifts from its
service fails here first, not in the suites that use it)."""

from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth
from app.core.context import TenantInfo
from app.imports.status import ImportStatus
from tests.factories import (
    create_api_key,
    create_customer,
    create_import,
    create_segment,
    create_tag,
    create_user,
    create_voucher,
    owner_context,
)


async def test_each_factory_makes_a_row_of_the_tenant(
    session: AsyncSession, tenant: TenantInfo
) -> None:
    ctx = owner_context(tenant)
    customer = await create_customer(session, ctx, city="Łódź")
    tag = await create_tag(session, ctx)
    voucher = await create_voucher(session, ctx, customer_id=customer.id, value=Decimal("20"))
    segment = await create_segment(session, ctx)
    user = await create_user(session, tenant.id, role="viewer")
    key, secret = await create_api_key(session, tenant.id, scopes=["customers:read"])
    imp = await create_import(session, ctx, b"E-mail\nanna@example.pl\n")
    rows = (customer, tag, voucher, segment, user, key, imp)
    assert {row.tenant_id for row in rows} == {tenant.id}
    assert (voucher.customer_id, voucher.balance) == (customer.id, Decimal("20"))
    assert (user.role, key.scopes) == ("viewer", ["customers:read"])
    assert imp.status == ImportStatus.UPLOADED
    resolved = await auth.resolve_api_key(session, secret)
    assert resolved is not None
    assert (resolved.tenant_id, resolved.principal.id) == (tenant.id, key.id)
