"""Exports hold no database connection during the download, and are bounded per tenant
(issue #18, item 2b)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.core.config import get_settings
from app.core.context import Context, TenantInfo
from app.core.deps import get_session
from app.exports import files, slots
from tests.factories import create_customer

FORMATS = ["csv", "xlsx", "pdf"]


@pytest.fixture
async def people(session: AsyncSession, ctx: Context) -> None:
    for n in range(3):
        await create_customer(session, ctx, first_name=f"Osoba {n}", city="Łódź")


@pytest.fixture
async def redis(app: Any) -> Any:
    return app.state.redis


async def _export(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/customers/export", json=body)


async def _taken(redis: Any, tenant: TenantInfo) -> int:
    return int(await redis.zcard(f"kartoteka:exports:{tenant.id}"))


@pytest.mark.usefixtures("people")
class TestDownload:
    @pytest.mark.parametrize("fmt", FORMATS)
    async def test_every_session_is_released_before_the_file_is_sent(
        self, app: Any, session: AsyncSession, tenant: TenantInfo, fmt: str
    ) -> None:
        """The events of one request in order: the session's release must come before the
        response starts (it used to stay open, in a transaction, for the whole download)."""
        events: list[str] = []
        original = asynccontextmanager(app.dependency_overrides[get_session])

        async def tracked_session(request: Request) -> AsyncIterator[AsyncSession]:
            async with original(request) as s:
                yield s
            events.append("session released")

        async def recording_app(scope: Any, receive: Any, send: Any) -> None:
            async def record(message: Any) -> None:
                events.append(message["type"])
                await send(message)

            await app(scope, receive, record)

        app.dependency_overrides[get_session] = tracked_session
        _, token = await auth_service.create_api_key(
            session, tenant.id, name="t", scopes=sorted(SCOPES), created_by="tests"
        )
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=recording_app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        ) as client:
            r = await _export(client, format=fmt)
        assert r.status_code == 200, r.text
        assert int(r.headers["Content-Length"]) == len(r.content) > 0
        start = events.index("http.response.start")
        assert "session released" in events[:start], events
        assert "session released" not in events[start:], events

    async def test_the_slot_is_given_back_after_the_download(
        self, client: httpx.AsyncClient, redis: Any, tenant: TenantInfo
    ) -> None:
        assert (await _export(client)).status_code == 200
        assert await _taken(redis, tenant) == 0


@pytest.mark.usefixtures("people")
class TestConcurrency:
    async def test_a_third_export_at_once_is_429(
        self, client: httpx.AsyncClient, redis: Any, tenant: TenantInfo
    ) -> None:
        held = [
            await slots.acquire(redis, tenant.id)
            for _ in range(get_settings().export_concurrency_per_tenant)
        ]
        try:
            r = await _export(client)
            assert r.status_code == 429, r.text
            assert r.json()["code"] == "too_many_exports"
            assert r.headers["Retry-After"]
            await slots.release(redis, tenant.id, held.pop())
            assert (await _export(client)).status_code == 200
        finally:
            for token in held:
                await slots.release(redis, tenant.id, token)

    async def test_other_tenants_have_their_own_slots(
        self,
        client: httpx.AsyncClient,
        redis: Any,
        other_tenant: TenantInfo,
    ) -> None:
        held = [
            await slots.acquire(redis, other_tenant.id)
            for _ in range(get_settings().export_concurrency_per_tenant)
        ]
        try:
            assert (await _export(client)).status_code == 200
        finally:
            for token in held:
                await slots.release(redis, other_tenant.id, token)

    async def test_a_slot_of_a_dead_process_expires(self, redis: Any, tenant: TenantInfo) -> None:
        key = f"kartoteka:exports:{tenant.id}"
        await redis.zadd(key, {"dead-1": 0, "dead-2": 0})
        token = await slots.acquire(redis, tenant.id)
        assert await _taken(redis, tenant) == 1
        await slots.release(redis, tenant.id, token)


@pytest.mark.usefixtures("people")
class TestBounds:
    async def test_more_rows_than_the_cap_are_refused_and_free_the_slot(
        self,
        client: httpx.AsyncClient,
        redis: Any,
        tenant: TenantInfo,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(files, "MAX_ROWS", 2)
        r = await _export(client)
        assert r.status_code == 422, r.text
        assert r.json()["code"] == "too_many_rows_for_export"
        assert await _taken(redis, tenant) == 0

    async def test_a_build_over_the_time_budget_is_503_and_frees_the_slot(
        self,
        client: httpx.AsyncClient,
        redis: Any,
        tenant: TenantInfo,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(files, "BUILD_SECONDS", 0)
        r = await _export(client, format="xlsx")
        assert r.status_code == 503, r.text
        assert r.json()["code"] == "export_timeout"
        assert await _taken(redis, tenant) == 0
