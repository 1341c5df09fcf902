"""Login is no CPU lever and tells nothing about who has an account (issue #18, point 3)."""

import asyncio
import threading
import time
import uuid
import weakref
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import passwords, secrets, throttle
from app.auth import service as auth_service
from app.core.config import get_settings
from app.core.context import TenantInfo
from app.core.db import unit_of_work
from tests.auth.helpers import PASSWORD
from tests.conftest import _new_tenant
from tests.core.test_outages import live_app  # noqa: F401 (a fixture)

WRONG = "wrong-password-123"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread of each argon2 check the login makes (the real check runs)."""
    seen: list[str] = []
    real: Callable[[str, str], bool] = secrets.verify_password

    def counting(password_hash: str, password: str) -> bool:
        seen.append(threading.current_thread().name)
        return real(password_hash, password)

    monkeypatch.setattr(secrets, "verify_password", counting)
    return seen


def _email(tenant: TenantInfo) -> str:
    return f"u-{tenant.slug}-{uuid.uuid4().hex[:6]}@example.pl"


def _body(tenant: TenantInfo, email: str, password: str) -> dict[str, str]:
    """A login naming the business (tests/auth/helpers.py says why)."""
    return {"email": email, "password": password, "tenant": tenant.slug}


class TestThrottle:
    async def test_parallel_guesses_pass_no_more_than_the_limit(
        self,
        anonymous: httpx.AsyncClient,
        session: AsyncSession,
        tenant: TenantInfo,
        checks: list[str],
    ) -> None:
        email = _email(tenant)
        await auth_service.create_user(
            session, tenant.id, email=email, role="staff", password=PASSWORD
        )
        responses = await asyncio.gather(
            *(anonymous.post("/auth/login", json=_body(tenant, email, WRONG)) for _ in range(20))
        )
        codes = sorted(r.json()["code"] for r in responses)
        assert len(checks) <= throttle.MAX_ATTEMPTS
        assert codes.count("invalid_credentials") == throttle.MAX_ATTEMPTS
        assert codes.count("rate_limited") == 20 - throttle.MAX_ATTEMPTS

    async def test_a_good_login_clears_the_count(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        email = _email(tenant)
        await auth_service.create_user(
            session, tenant.id, email=email, role="staff", password=PASSWORD
        )
        for _ in range(throttle.MAX_ATTEMPTS - 1):
            await anonymous.post("/auth/login", json=_body(tenant, email, WRONG))
        ok = await anonymous.post("/auth/login", json=_body(tenant, email, PASSWORD))
        assert ok.status_code == 200
        again = await anonymous.post("/auth/login", json=_body(tenant, email, WRONG))
        assert again.json()["code"] == "invalid_credentials"


@pytest.fixture
async def by_email(live_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:  # noqa: F811
    """An anonymous browser on the app as it runs, each request its own transaction, for
    logins by email alone on committed rows (tests/auth/helpers.py says why)."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=live_app), base_url="http://test/api/v1"
    ) as client:
        yield client


async def _committed_tenant() -> TenantInfo:
    async with unit_of_work() as s:
        return await _new_tenant(s)


async def _committed_user(tenant: TenantInfo, email: str) -> None:
    async with unit_of_work(tenant_id=tenant.id) as s:
        await auth_service.create_user(s, tenant.id, email=email, role="staff", password=PASSWORD)


class TestByEmailAlone:
    async def test_an_email_of_one_business_logs_in_without_naming_it(
        self, by_email: httpx.AsyncClient
    ) -> None:
        tenant = await _committed_tenant()
        email = _email(tenant)
        await _committed_user(tenant, email)
        response = await by_email.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        assert response.json()["tenant"]["slug"] == tenant.slug
        assert (await by_email.get("/auth/me")).json()["user"]["email"] == email


class TestNothingTold:
    async def test_several_businesses_and_a_wrong_password_answer_alike(
        self, by_email: httpx.AsyncClient, checks: list[str]
    ) -> None:
        tenant, other_tenant = await _committed_tenant(), await _committed_tenant()
        shared, single = _email(tenant), _email(tenant)
        for t in (tenant, other_tenant):
            await _committed_user(t, shared)
        await _committed_user(tenant, single)
        several = await by_email.post("/auth/login", json={"email": shared, "password": WRONG})
        checks_for_several = len(checks)
        wrong = await by_email.post("/auth/login", json={"email": single, "password": WRONG})
        assert several.status_code == wrong.status_code == 401
        assert several.json() == wrong.json()
        assert several.json()["code"] == "invalid_credentials"
        # The same work on both paths: one argon2 check each.
        assert checks_for_several == 1 and len(checks) == 2

    async def test_unknown_email_costs_one_check_too(
        self, by_email: httpx.AsyncClient, checks: list[str]
    ) -> None:
        email = f"nobody-{uuid.uuid4().hex[:8]}@example.pl"
        response = await by_email.post("/auth/login", json={"email": email, "password": WRONG})
        assert response.json()["code"] == "invalid_credentials"
        assert len(checks) == 1

    async def test_the_right_password_is_asked_for_the_business(
        self, by_email: httpx.AsyncClient
    ) -> None:
        tenant, other_tenant = await _committed_tenant(), await _committed_tenant()
        shared = _email(tenant)
        for t in (tenant, other_tenant):
            await _committed_user(t, shared)
        asked = await by_email.post("/auth/login", json={"email": shared, "password": PASSWORD})
        assert asked.status_code == 422 and asked.json()["code"] == "validation_failed"
        assert asked.json()["errors"][0]["code"] == "tenant_required"
        chosen = await by_email.post(
            "/auth/login",
            json={"email": shared, "password": PASSWORD, "tenant": other_tenant.slug},
        )
        assert chosen.status_code == 200
        assert chosen.json()["tenant"]["slug"] == other_tenant.slug


class TestOffTheLoop:
    async def test_the_check_runs_in_a_worker_thread(
        self,
        anonymous: httpx.AsyncClient,
        session: AsyncSession,
        tenant: TenantInfo,
        checks: list[str],
    ) -> None:
        email = _email(tenant)
        await auth_service.create_user(
            session, tenant.id, email=email, role="staff", password=PASSWORD
        )
        await anonymous.post("/auth/login", json=_body(tenant, email, PASSWORD))
        assert checks and threading.main_thread().name not in checks

    async def test_a_saturated_gate_answers_503_instead_of_queueing(
        self, anonymous: httpx.AsyncClient, tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "password_hash_concurrency", 1)
        monkeypatch.setattr(get_settings(), "password_hash_wait_seconds", 0.2)
        monkeypatch.setattr(passwords, "_gates", weakref.WeakKeyDictionary())

        def slow(password_hash: str, password: str) -> bool:
            time.sleep(1.0)
            return False

        monkeypatch.setattr(secrets, "verify_password", slow)
        responses = await asyncio.gather(
            *(
                anonymous.post("/auth/login", json=_body(tenant, _email(tenant), WRONG))
                for _ in range(3)
            )
        )
        codes = sorted(r.json()["code"] for r in responses)
        assert codes == ["invalid_credentials", "password_check_busy", "password_check_busy"]
        busy = next(r for r in responses if r.status_code == 503)
        assert int(busy.headers["retry-after"]) >= 1
