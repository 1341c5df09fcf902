"""Signing in with the generated Python SDK: an API key, a refused key, and a user session
(login, then the CSRF header on unsafe requests)."""

from typing import Any

import httpx
import pytest
from kartoteka_client import AuthenticatedClient, Client
from kartoteka_client.api.auth import login, me
from kartoteka_client.api.customers import create_customer
from kartoteka_client.models import CustomerCreate, CustomerOut, LoginIn, Me
from kartoteka_client.problems import ForbiddenError, UnauthorizedError, expect
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.core.context import TenantInfo
from tests.partners.conftest import BASE_URL


class TestApiKey:
    async def test_the_key_names_its_tenant(
        self, partner: AuthenticatedClient, tenant: TenantInfo
    ) -> None:
        caller = expect(await me.asyncio_detailed(client=partner), Me)
        assert caller.tenant.slug == tenant.slug
        assert "customers:write" in caller.scopes

    async def test_an_unknown_key_raises_unauthorized(self, app: Any) -> None:
        transport = httpx.ASGITransport(app=app)
        stranger = AuthenticatedClient(
            base_url=BASE_URL, token="kt_not_a_key", httpx_args={"transport": transport}
        )
        async with stranger:
            with pytest.raises(UnauthorizedError) as raised:
                expect(await me.asyncio_detailed(client=stranger), Me)
        assert raised.value.code == "unauthenticated"

    async def test_a_read_only_key_cannot_create(
        self, app: Any, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        _, token = await auth_service.create_api_key(
            session, tenant.id, name="reader", scopes=["customers:read"], created_by="tests"
        )
        transport = httpx.ASGITransport(app=app)
        reader = AuthenticatedClient(
            base_url=BASE_URL, token=token, httpx_args={"transport": transport}
        )
        async with reader:
            response = await create_customer.asyncio_detailed(
                client=reader, body=CustomerCreate(email="r@example.pl")
            )
        with pytest.raises(ForbiddenError):
            expect(response, CustomerOut)


class TestSession:
    async def test_login_then_a_write_with_the_csrf_header(
        self, anonymous: Client, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        await auth_service.create_user(
            session, tenant.id, email="desk@example.pl", role="staff", password="correct-horse-9"
        )
        body = LoginIn(email="desk@example.pl", password="correct-horse-9", tenant=tenant.slug)
        signed_in = expect(await login.asyncio_detailed(client=anonymous, body=body), Me)
        assert isinstance(signed_in.csrf_token, str)
        # The session cookie is in this client's httpx client: `with_headers` adds the CSRF
        # header to it in place (the copy it returns would start a new, cookieless one).
        anonymous.with_headers({"X-CSRF-Token": signed_in.csrf_token})
        response = await create_customer.asyncio_detailed(
            client=anonymous,  # type: ignore[arg-type]
            body=CustomerCreate(email="walk-in@example.pl"),
        )
        assert expect(response, CustomerOut).email == "walk-in@example.pl"
