from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import secrets
from app.auth.models import User
from app.core.context import TenantInfo
from tests.auth.helpers import login_as

LoginAs = Callable[..., Awaitable[tuple[httpx.AsyncClient, User]]]


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id at its cheapest cost: these tests log in a few hundred users, each a
    hash and a check that take half a second at the production cost on a busy machine."""
    monkeypatch.setattr(
        secrets, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
async def logged_in(app: Any, session: AsyncSession, tenant: TenantInfo) -> AsyncIterator[LoginAs]:
    """`await logged_in("admin")` → (client, user) of a new user of that role."""
    clients: list[httpx.AsyncClient] = []

    async def factory(
        role: str, tenant: TenantInfo = tenant, email: str | None = None
    ) -> tuple[httpx.AsyncClient, User]:
        client, user = await login_as(app, session, tenant, role, email=email)
        clients.append(client)
        return client, user

    yield factory
    for c in clients:
        await c.aclose()
