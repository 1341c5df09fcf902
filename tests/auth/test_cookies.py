"""Secure, `__Host-` cookies in production; plain http in development (issue #18, point 4)."""

from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.core.config import Settings, get_settings
from app.core.context import TenantInfo
from tests.auth.helpers import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 48


async def _login(client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo) -> Any:
    email = f"c-{tenant.slug}@example.pl"
    await auth_service.create_user(session, tenant.id, email=email, role="staff", password=PASSWORD)
    return await client.post(
        "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
    )


class TestProduction:
    @pytest.fixture
    def production(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(get_settings(), "environment", "production")

    @pytest.mark.usefixtures("production")
    async def test_cookies_are_secure_with_the_host_prefix(
        self, app: Any, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="https://test/api/v1"
        ) as browser:
            response = await _login(browser, session, tenant)
            assert response.status_code == 200
            cookies = response.headers.get_list("set-cookie")
            session_cookie = next(c for c in cookies if c.startswith("__Host-kt_session="))
            csrf_cookie = next(c for c in cookies if c.startswith("__Host-kt_csrf="))
            for cookie in (session_cookie, csrf_cookie):
                assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
            assert "HttpOnly" in session_cookie
            assert not any(c.startswith("kt_") for c in cookies)
            # The prefixed cookie is the one read back, and unsafe requests still need CSRF.
            assert (await browser.get("/auth/me")).status_code == 200
            csrf = browser.cookies["__Host-kt_csrf"]
            logout = await browser.post("/auth/logout", headers={"X-CSRF-Token": csrf})
            assert logout.status_code == 204
            cleared = logout.headers.get_list("set-cookie")
            assert all("Secure" in c for c in cleared) and len(cleared) == 2

    def test_insecure_cookies_are_refused_in_production(self) -> None:
        with pytest.raises(ValidationError, match="KARTOTEKA_COOKIE_SECURE"):
            Settings(environment="production", secret_key=SECRET, cookie_secure=False)

    def test_production_implies_secure_cookies(self) -> None:
        assert Settings(environment="production", secret_key=SECRET).secure_cookies

    def test_the_shipped_compose_file_runs_production_without_opting_out(self) -> None:
        compose = (ROOT / "compose.yaml").read_text()
        assert "KARTOTEKA_ENVIRONMENT: production" in compose
        assert "KARTOTEKA_COOKIE_SECURE: false" not in compose.replace('"', "")


class TestDevelopment:
    async def test_plain_http_cookies_on_localhost(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        assert get_settings().environment == "development"
        response = await _login(anonymous, session, tenant)
        cookies = response.headers.get_list("set-cookie")
        assert {c.split("=")[0] for c in cookies} == {"kt_session", "kt_csrf"}
        assert not any("Secure" in c for c in cookies)
        assert (await anonymous.get("/auth/me")).status_code == 200
