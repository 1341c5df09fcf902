"""Logged-in browser clients for tests: a user of a role, with the session and CSRF cookies.

The tests' logins name the business (`tenant`), as a login from a tenant's own address does:
a login by email alone first asks `kt_login_tenants`, which runs as the owner, and on Citus a
statement run as another user goes over that user's own connections to the workers, so it
cannot see the users a test created in its own, never committed, transaction (Citus refuses
it). That path is tested on committed rows, one request per transaction as in production:
tests/auth/test_login.py, `TestByEmailAlone` and `TestNothingTold`.
"""

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.models import User
from app.core import tenancy
from app.core.context import TenantInfo

PASSWORD = "correct-horse-battery"


def browser(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test/api/v1")


async def login_as(
    app: Any, session: AsyncSession, tenant: TenantInfo, role: str, *, email: str | None = None
) -> tuple[httpx.AsyncClient, User]:
    """A new user of `role` in `tenant`, logged in; unsafe requests carry the CSRF header."""
    email = email or f"{role}-{uuid.uuid4().hex[:10]}@example.pl"
    async with tenancy.as_tenant(session, tenant.id):
        user = await auth_service.create_user(
            session, tenant.id, email=email, role=role, password=PASSWORD
        )
    client = browser(app)
    response = await client.post(
        "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
    )
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client, user
