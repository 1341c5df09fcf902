"""Two owners demoting each other at once still leave one owner (committed transactions)."""

import asyncio

import pytest

from app.auth import service as auth_service
from app.auth import users
from app.auth.models import User
from app.auth.rules import LastOwner
from app.auth.scopes import ROLE_SCOPES
from app.core import db as core_db
from app.core.context import Context, Principal, TenantInfo
from tests.auth.helpers import PASSWORD


def _as(tenant: TenantInfo, user: User) -> Context:
    principal = Principal(
        kind="user", id=user.id, label=user.email, role="owner", scopes=ROLE_SCOPES["owner"]
    )
    return Context(tenant=tenant, principal=principal)


async def test_owners_demoting_each_other_at_once_keep_one(committed_tenant: TenantInfo) -> None:
    async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
        a, b = [
            await auth_service.create_user(
                s,
                committed_tenant.id,
                email=f"{n}@race.example.pl",
                role="owner",
                password=PASSWORD,
            )
            for n in ("a", "b")
        ]
    first_done = asyncio.Event()
    release_first = asyncio.Event()

    async def first() -> None:
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            await users.update_user(s, _as(committed_tenant, a), b.id, role="staff", is_active=None)
            first_done.set()
            await release_first.wait()  # commit only once the second one is under way

    async def second() -> None:
        await first_done.wait()
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            await users.update_user(s, _as(committed_tenant, b), a.id, role="staff", is_active=None)

    one = asyncio.create_task(first())
    two = asyncio.create_task(second())
    await first_done.wait()
    await asyncio.sleep(0.5)  # the second demotion now waits for the owners' locks
    assert not two.done()
    release_first.set()
    await one
    with pytest.raises(LastOwner):
        await two
