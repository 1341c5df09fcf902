"""Tags through the service, with the shared factories: names are kept once per tenant in any
case, `ensure_tags` reuses what exists, a customer's tags follow renames and deletes."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import TenantInfo
from app.customers import service as customers
from app.tags import service as tags
from app.tags.models import Tag
from tests.factories import create_customer, create_tag, owner_context


async def test_ensure_tags_reuses_a_tag_named_in_another_case(
    session: AsyncSession, tenant: TenantInfo
) -> None:
    made = await create_tag(session, owner_context(tenant), name="Stała klientka")
    await tags.ensure_tags(session, tenant.id, ["stała  KLIENTKA", "Nowa"])
    names = set(await session.scalars(select(Tag.name).where(Tag.tenant_id == tenant.id)))
    assert names == {"Stała klientka", "Nowa"}
    assert (
        await session.scalar(
            select(func.count())
            .select_from(Tag)
            .where(Tag.tenant_id == tenant.id, Tag.id == made.id)
        )
        == 1
    )


async def test_a_taken_name_is_a_conflict_with_its_code(
    session: AsyncSession, tenant: TenantInfo
) -> None:
    ctx = owner_context(tenant)
    await create_tag(session, ctx, name="VIP")
    with pytest.raises(tags.TagExists) as caught:
        await create_tag(session, ctx, name="vip")
    assert caught.value.code == "tag_exists"


async def test_a_customer_carries_the_tags_it_was_created_with(
    session: AsyncSession, tenant: TenantInfo
) -> None:
    ctx = owner_context(tenant)
    customer = await create_customer(session, ctx, tags=["VIP", "Nowa"])
    [out] = await customers.to_out(session, ctx.tenant_id, [customer])
    assert sorted(out.tags) == ["Nowa", "VIP"]
