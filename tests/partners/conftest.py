"""The generated partner SDK (clients/python) against the real app: the ASGI app of the test
database and Redis, through httpx's ASGI transport; the TypeScript client against uvicorn."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from kartoteka_client import AuthenticatedClient, Client
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.core.context import TenantInfo

BASE_URL = "http://partner.test"


@pytest.fixture
async def api_key(session: AsyncSession, tenant: TenantInfo) -> str:
    _, token = await auth_service.create_api_key(
        session, tenant.id, name="partner", scopes=sorted(SCOPES), created_by="tests"
    )
    return token


@pytest.fixture
async def partner(app: Any, api_key: str) -> AsyncIterator[AuthenticatedClient]:
    """The SDK as a partner builds it: a base URL and an API key."""
    client = AuthenticatedClient(
        base_url=BASE_URL, token=api_key, httpx_args={"transport": httpx.ASGITransport(app=app)}
    )
    async with client:
        yield client


@pytest.fixture
async def anonymous(app: Any) -> AsyncIterator[Client]:
    client = Client(base_url=BASE_URL, httpx_args={"transport": httpx.ASGITransport(app=app)})
    async with client:
        yield client
