"""`Idempotency-Key` and authentication: who may store, what is never stored, how much."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.models import UserSession
from app.core import idempotency
from app.core.context import TenantInfo
from tests.conftest import ClientFactory
from tests.core.conftest import idem_keys

pytestmark = pytest.mark.usefixtures("one_at_a_time")

PASSWORD = "correct-horse-battery"


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


@pytest.fixture
async def browser(app: Any, tenant: TenantInfo) -> AsyncIterator[Any]:
    """Logs a user of the tenant in (naming it: tests/auth/helpers.py), each call in its own
    cookie jar: one user, several sessions."""
    clients: list[httpx.AsyncClient] = []

    async def login(email: str) -> httpx.AsyncClient:
        c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test/api/v1")
        clients.append(c)
        r = await c.post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert r.status_code == 200, r.text
        c.headers["X-CSRF-Token"] = c.cookies["kt_csrf"]
        return c

    yield login
    for c in clients:
        await c.aclose()


class TestRefusedRequests:
    async def test_bad_bearer_token_stores_nothing(
        self, anonymous: httpx.AsyncClient, redis: Redis
    ) -> None:
        before = await idem_keys(redis)
        for _ in range(3):
            r = await anonymous.post(
                "/customers",
                json={"email": "x@example.pl"},
                headers={"Authorization": "Bearer nonsense", **_key()},
            )
            assert r.status_code == 401
            assert r.json()["code"] == "unauthenticated"
        assert await idem_keys(redis) - before == set()

    async def test_missing_scope_stores_nothing(
        self, make_client: ClientFactory, redis: Redis
    ) -> None:
        reader = await make_client(scopes=["customers:read"])
        before = await idem_keys(redis)
        r = await reader.post("/customers", json={"email": "x@example.pl"}, headers=_key())
        assert r.status_code == 403
        assert r.json()["code"] == "missing_scope"
        assert await idem_keys(redis) - before == set()


class TestPrincipal:
    async def test_one_user_shares_keys_across_sessions(
        self, session: AsyncSession, tenant: TenantInfo, browser: Any
    ) -> None:
        await auth_service.create_user(
            session, tenant.id, email="u@example.pl", role="staff", password=PASSWORD
        )
        laptop, phone = await browser("u@example.pl"), await browser("u@example.pl")
        key = _key()
        first = await laptop.post("/customers", json={"email": "s@example.pl"}, headers=key)
        again = await phone.post("/customers", json={"email": "s@example.pl"}, headers=key)
        assert first.status_code == again.status_code == 201
        assert again.headers["idempotent-replayed"] == "true"


class TestReplayAuthenticates:
    async def test_revoked_key_gets_401_not_the_stored_response(
        self, session: AsyncSession, tenant: TenantInfo, app: Any, browser: Any
    ) -> None:
        # Keys are revoked by a logged-in owner or admin, never with a key.
        await auth_service.create_user(
            session, tenant.id, email="o@example.pl", role="owner", password=PASSWORD
        )
        owner = await browser("o@example.pl")
        key_row, token = await auth_service.create_api_key(
            session, tenant.id, name="till", scopes=["customers:write"], created_by="tests"
        )
        till = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        )
        async with till:
            key = _key()
            body = {"email": "r@example.pl"}
            assert (await till.post("/customers", json=body, headers=key)).status_code == 201
            assert (await owner.delete(f"/api-keys/{key_row.id}")).status_code == 200
            replay = await till.post("/customers", json=body, headers=key)
        assert replay.status_code == 401
        assert replay.json()["code"] == "unauthenticated"

    async def test_expired_session_gets_401_not_the_stored_response(
        self, session: AsyncSession, tenant: TenantInfo, browser: Any
    ) -> None:
        await auth_service.create_user(
            session, tenant.id, email="e@example.pl", role="staff", password=PASSWORD
        )
        web = await browser("e@example.pl")
        key = _key()
        body = {"email": "e2@example.pl"}
        assert (await web.post("/customers", json=body, headers=key)).status_code == 201
        await session.execute(
            update(UserSession)
            .where(UserSession.tenant_id == tenant.id)
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
        replay = await web.post("/customers", json=body, headers=key)
        assert replay.status_code == 401
        assert replay.json()["code"] == "unauthenticated"


class TestNeverStored:
    async def test_api_key_secret_is_not_kept(
        self, session: AsyncSession, tenant: TenantInfo, browser: Any, redis: Redis
    ) -> None:
        await auth_service.create_user(
            session, tenant.id, email="k@example.pl", role="owner", password=PASSWORD
        )
        owner = await browser("k@example.pl")
        before = await idem_keys(redis)
        key = _key()
        body = {"name": "till", "scopes": ["customers:read"]}
        first = await owner.post("/api-keys", json=body, headers=key)
        again = await owner.post("/api-keys", json=body, headers=key)
        assert first.status_code == again.status_code == 201
        assert first.json()["key"] != again.json()["key"]
        assert await idem_keys(redis) - before == set()

    @pytest.mark.parametrize("path", ["/customers/search", "/customers/search/count"])
    async def test_search_results_are_not_kept(
        self, client: httpx.AsyncClient, redis: Redis, path: str
    ) -> None:
        before = await idem_keys(redis)
        r = await client.post(path, json={}, headers=_key())
        assert r.status_code == 200
        assert await idem_keys(redis) - before == set()

    async def test_login_is_not_kept(
        self, session: AsyncSession, tenant: TenantInfo, browser: Any, redis: Redis
    ) -> None:
        await auth_service.create_user(
            session, tenant.id, email="l@example.pl", role="staff", password=PASSWORD
        )
        web = await browser("l@example.pl")
        before = await idem_keys(redis)
        r = await web.post(
            "/auth/login",
            json={"email": "l@example.pl", "password": PASSWORD, "tenant": tenant.slug},
            headers=_key(),
        )
        assert r.status_code == 200
        assert await idem_keys(redis) - before == set()

    def test_every_listed_route_exists(self, app: Any) -> None:
        posts = {r.path for r in app.routes if "POST" in getattr(r, "methods", ())}
        assert idempotency.NOT_STORED <= posts


class TestQuota:
    async def test_oldest_entries_of_a_principal_are_evicted(
        self, client: httpx.AsyncClient, redis: Redis, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(idempotency, "MAX_ENTRIES_PER_PRINCIPAL", 2)
        tenant_id = (await client.get("/auth/me")).json()["tenant"]["id"]
        keys = [_key() for _ in range(3)]
        for n, key in enumerate(keys):
            body = {"email": f"q{n}@example.pl"}
            assert (await client.post("/customers", json=body, headers=key)).status_code == 201
        assert len(await idem_keys(redis, f"idem:{tenant_id}:*")) == 2
        # The newest is still guarded.
        again = await client.post("/customers", json={"email": "q2@example.pl"}, headers=keys[2])
        assert again.headers["idempotent-replayed"] == "true"


class TestNeverStoredPaths:
    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/auth/password",
            "/api/v1/users/6a1c2c1e-8a8e-4d4e-9a57-5f0a1f8e0c11/password",
            "/api/v1/users/6a1c2c1e-8a8e-4d4e-9a57-5f0a1f8e0c11/revoke-api-keys",
            "/api/v1/api-keys/",
            "/api/v1/customers/search/count",
        ],
    )
    def test_credentials_and_reads_below_a_listed_route_are_not_stored(self, path: str) -> None:
        assert idempotency.never_stored(path)

    @pytest.mark.parametrize(
        "path", ["/api/v1/customers", "/api/v1/users-export", "/api/v1/imports"]
    )
    def test_other_routes_are_stored(self, path: str) -> None:
        assert not idempotency.never_stored(path)
