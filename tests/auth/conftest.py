from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.context import TenantInfo
from tests.auth.helpers import login_as

LoginAs = Callable[..., Awaitable[tuple[httpx.AsyncClient, User]]]


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
