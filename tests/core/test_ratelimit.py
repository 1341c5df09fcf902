"""Rate limits per API key and per tenant, costs by route, slots for exports and imports
(issue #13, point 2), on the real Redis."""

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession
from structlog.testing import capture_logs

from app.auth import service as auth_service
from app.auth.models import ApiKey
from app.auth.scopes import SCOPES
from app.core import ratelimit, tenancy
from app.core.config import get_settings
from app.core.context import TenantInfo
from tests.auth.helpers import login_as

REDIS_DOWN = "redis://127.0.0.1:1/0"
# draft-ietf-httpapi-ratelimit-headers-10: a List of quoted names with integer parameters.
POLICY = re.compile(r'^"key";q=\d+;w=60, "tenant";q=\d+;w=60$')
STATE = re.compile(r'^"key";r=(\d+);t=(\d+), "tenant";r=(\d+);t=(\d+)$')

KeyClient = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def key_client(app: Any, session: AsyncSession) -> AsyncIterator[KeyClient]:
    """`await key_client(tenant, limit=3)`: a client with a new API key of its own limit."""
    clients: list[httpx.AsyncClient] = []

    async def factory(tenant: TenantInfo, limit: int | None = None) -> httpx.AsyncClient:
        async with tenancy.as_tenant(session, tenant.id):
            _, token = await auth_service.create_api_key(
                session,
                tenant.id,
                name="limited",
                scopes=sorted(SCOPES),
                created_by="tests",
                rate_limit_per_minute=limit,
            )
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        )
        clients.append(client)
        return client

    yield factory
    for c in clients:
        await c.aclose()


def _remaining(response: httpx.Response) -> tuple[int, int]:
    found = STATE.match(response.headers["ratelimit"])
    assert found is not None, response.headers["ratelimit"]
    return int(found[1]), int(found[3])


class TestHeaders:
    async def test_every_answer_carries_the_policy_and_the_state(
        self, key_client: KeyClient, tenant: TenantInfo
    ) -> None:
        client = await key_client(tenant, limit=50)
        first, second = await client.get("/customers"), await client.get("/customers/nope")
        assert first.status_code == 200 and second.status_code == 404
        for r in (first, second):
            assert POLICY.match(r.headers["ratelimit-policy"]), r.headers["ratelimit-policy"]
            assert r.headers["ratelimit-policy"].startswith('"key";q=50;')
        assert _remaining(first)[0] == 49
        assert _remaining(second)[0] == 48

    async def test_a_refused_caller_still_learns_the_policy(
        self, anonymous: httpx.AsyncClient
    ) -> None:
        r = await anonymous.get("/customers")
        assert r.json()["code"] == "unauthenticated"
        assert POLICY.match(r.headers["ratelimit-policy"])


class TestKeyLimit:
    async def test_past_its_limit_a_key_gets_429_with_retry_after(
        self, key_client: KeyClient, tenant: TenantInfo
    ) -> None:
        client = await key_client(tenant, limit=3)
        statuses = [(await client.get("/customers")).status_code for _ in range(3)]
        refused = await client.get("/customers")
        assert statuses == [200, 200, 200]
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        # One unit comes back every 60/3 = 20 s.
        assert 1 <= int(refused.headers["retry-after"]) <= 20
        assert _remaining(refused)[0] == 0

    async def test_parallel_requests_never_overspend(
        self, key_client: KeyClient, tenant: TenantInfo
    ) -> None:
        client = await key_client(tenant, limit=5)
        answers = await asyncio.gather(*(client.get("/customers/count") for _ in range(20)))
        # /customers/count costs 5: the limit of 5 pays for exactly one.
        assert sorted(r.status_code for r in answers) == [200] + [429] * 19

    async def test_heavier_routes_cost_more(
        self, key_client: KeyClient, tenant: TenantInfo
    ) -> None:
        client = await key_client(tenant, limit=12)
        counts = [
            (await client.post("/customers/search/count", json={})).status_code for _ in range(3)
        ]
        assert counts == [200, 200, 429]
        assert ratelimit.cost_of("POST", "/api/v1/customers/search/count") == 5
        assert _remaining(await client.get("/customers"))[0] == 1

    async def test_a_key_created_with_a_limit_keeps_it(
        self, app: Any, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        admin, _ = await login_as(app, session, tenant, "owner")
        r = await admin.post(
            "/api-keys",
            json={"name": "till", "scopes": ["customers:read"], "rate_limit_per_minute": 2},
        )
        bad = await admin.post(
            "/api-keys",
            json={"name": "x", "scopes": ["customers:read"], "rate_limit_per_minute": 0},
        )
        await admin.aclose()
        assert r.status_code == 201, r.text
        assert r.json()["rate_limit_per_minute"] == 2
        assert bad.json()["code"] == "validation_failed"
        key = await session.get(ApiKey, (tenant.id, uuid.UUID(r.json()["id"])))
        assert key is not None and key.rate_limit_per_minute == 2


class TestTenantLimit:
    async def test_keys_of_one_tenant_share_its_bucket(
        self,
        key_client: KeyClient,
        tenant: TenantInfo,
        other_tenant: TenantInfo,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_tenant_per_minute", 4)
        one, two = await key_client(tenant), await key_client(tenant)
        assert [(await one.get("/customers")).status_code for _ in range(3)] == [200] * 3
        assert (await two.get("/customers")).status_code == 200
        refused = await two.get("/customers")
        assert refused.json()["code"] == "rate_limited"
        assert (await (await key_client(other_tenant)).get("/customers")).status_code == 200

    async def test_a_refused_request_charges_no_bucket(
        self, key_client: KeyClient, tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_tenant_per_minute", 3)
        greedy, other = await key_client(tenant, limit=1), await key_client(tenant)
        codes = [(await greedy.get("/customers")).status_code for _ in range(5)]
        assert codes == [200, 429, 429, 429, 429]
        # Only the one served request was charged to the tenant: two more fit.
        assert [(await other.get("/customers")).status_code for _ in range(2)] == [200, 200]


class TestRunningSlots:
    """Import uploads; exports hold their own slots (app/exports/slots.py, tested there)."""

    async def test_a_third_import_upload_at_once_is_refused(
        self, key_client: KeyClient, tenant: TenantInfo, app: Any
    ) -> None:
        client = await key_client(tenant)
        redis: Redis = app.state.redis
        running = f"running:{tenant.id}:/api/v1/imports"
        await redis.zadd(running, {"a": 9e15, "b": 9e15})
        upload = {"file": ("a.csv", b"Imie;E-mail\nAnna;a@x.pl\n", "text/csv")}
        refused = await client.post("/imports", files=upload)
        await redis.delete(running)
        assert refused.status_code == 429
        assert refused.json()["code"] == "too_many_running"

    async def test_a_slot_of_a_killed_process_expires(
        self, key_client: KeyClient, tenant: TenantInfo, app: Any
    ) -> None:
        client = await key_client(tenant)
        redis: Redis = app.state.redis
        running = f"running:{tenant.id}:/api/v1/imports"
        await redis.zadd(running, {"dead-1": 1, "dead-2": 1})  # expired long ago
        upload = {"file": ("a.csv", b"Imie;E-mail\nAnna;a@x.pl\n", "text/csv")}
        served = await client.post("/imports", files=upload)
        assert served.status_code == 201, served.text
        await redis.delete(running)


class TestRedisDown:
    async def test_requests_are_served_and_the_failure_logged(
        self, key_client: KeyClient, tenant: TenantInfo, app: Any
    ) -> None:
        client = await key_client(tenant, limit=1)
        await app.state.redis.aclose()
        app.state.redis = Redis.from_url(REDIS_DOWN)
        with capture_logs() as logs:
            answers = [await client.get("/customers") for _ in range(3)]
        assert [r.status_code for r in answers] == [200] * 3
        assert "ratelimit" not in answers[0].headers
        assert POLICY.match(answers[0].headers["ratelimit-policy"])
        assert "ratelimit.unavailable" in [e["event"] for e in logs]
        health = await client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "degraded"
        assert any("rate limits" in reason for reason in health.json()["reasons"])
