"""Login throttling by email and client address (issue #13, point 2): guessers are slowed and
refused, the owner is never locked out from their own address."""

import random
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth import throttle
from app.core.context import TenantInfo
from tests.auth.helpers import PASSWORD

WRONG = "wrong-password-123"
From = Callable[[str], httpx.AsyncClient]


def _address() -> str:
    # A fresh address per test: the counters live in Redis across test runs.
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


@pytest.fixture
async def from_address(app: Any) -> AsyncIterator[From]:
    clients: list[httpx.AsyncClient] = []

    def factory(address: str) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=(address, 40000)),
            base_url="http://test/api/v1",
        )
        clients.append(client)
        return client

    yield factory
    for c in clients:
        await c.aclose()


async def _owner(session: AsyncSession, tenant: TenantInfo) -> str:
    email = f"owner-{uuid.uuid4().hex[:8]}@example.pl"
    await auth_service.create_user(session, tenant.id, email=email, role="owner", password=PASSWORD)
    return email


class TestOwnerIsNotLockedOut:
    async def test_hundred_failures_from_one_address_leave_the_owner_a_way_in(
        self, from_address: From, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        email = await _owner(session, tenant)
        attacker = from_address(_address())
        codes = [
            (
                await attacker.post(
                    "/auth/login", json={"email": email, "password": WRONG, "tenant": tenant.slug}
                )
            ).json()["code"]
            for _ in range(100)
        ]
        assert codes.count("invalid_credentials") == throttle.MAX_ATTEMPTS
        assert codes.count("rate_limited") == 100 - throttle.MAX_ATTEMPTS

        owner = from_address(_address())
        ok = await owner.post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert ok.status_code == 200, ok.text

    async def test_refused_attempt_says_when_to_retry(
        self, from_address: From, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        email = await _owner(session, tenant)
        attacker = from_address(_address())
        for _ in range(throttle.MAX_ATTEMPTS):
            await attacker.post(
                "/auth/login", json={"email": email, "password": WRONG, "tenant": tenant.slug}
            )
        refused = await attacker.post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        assert 0 < int(refused.headers["retry-after"]) <= throttle.WINDOW_SECONDS


class TestGuessersAreSlowed:
    async def test_one_address_spraying_many_emails_is_refused(
        self,
        from_address: From,
        session: AsyncSession,
        tenant: TenantInfo,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(throttle, "MAX_PER_ADDRESS", 5)
        sprayer = from_address(_address())
        codes = [
            (
                await sprayer.post(
                    "/auth/login",
                    json={
                        "email": f"nobody-{uuid.uuid4().hex[:8]}@example.pl",
                        "password": WRONG,
                        "tenant": tenant.slug,
                    },
                )
            ).json()["code"]
            for _ in range(8)
        ]
        assert codes == ["invalid_credentials"] * 5 + ["rate_limited"] * 3
        # Another address is not concerned.
        email = await _owner(session, tenant)
        ok = await from_address(_address()).post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert ok.status_code == 200

    async def test_guesses_from_many_addresses_are_delayed_not_refused(
        self,
        from_address: From,
        session: AsyncSession,
        tenant: TenantInfo,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(throttle, "EMAIL_SLOW_AFTER", 4)
        monkeypatch.setattr(throttle, "DELAY_STEP_SECONDS", 0.3)
        email = await _owner(session, tenant)
        for _ in range(4):
            await from_address(_address()).post(
                "/auth/login", json={"email": email, "password": WRONG, "tenant": tenant.slug}
            )
        started = time.monotonic()
        ok = await from_address(_address()).post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert ok.status_code == 200
        assert time.monotonic() - started >= 0.3

    async def test_success_clears_only_this_address(
        self, from_address: From, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        email = await _owner(session, tenant)
        here, there = from_address(_address()), from_address(_address())
        for _ in range(throttle.MAX_ATTEMPTS):
            await there.post(
                "/auth/login", json={"email": email, "password": WRONG, "tenant": tenant.slug}
            )
        assert (
            await here.post(
                "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
            )
        ).status_code == 200
        still = await there.post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert still.json()["code"] == "rate_limited"


class TestDelay:
    def test_grows_past_the_ceiling_and_stops_at_the_maximum(self) -> None:
        assert throttle.delay_for(throttle.EMAIL_SLOW_AFTER) == 0.0
        assert throttle.delay_for(throttle.EMAIL_SLOW_AFTER + 2) == 2 * throttle.DELAY_STEP_SECONDS
        assert throttle.delay_for(10_000) == throttle.MAX_DELAY_SECONDS
