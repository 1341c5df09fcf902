"""Keys that expire, revocations that reach every API process at once, sessions rotated at
login and ended everywhere (issue #13, point 5)."""

import asyncio
import os
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import deps, revocations
from app.auth import service as auth_service
from app.auth.models import ApiKey
from app.core.context import TenantInfo
from app.core.db import plain_dsn, unit_of_work
from tests.auth.conftest import LoginAs
from tests.auth.helpers import PASSWORD, browser


async def _till_key(tenant: TenantInfo) -> tuple[ApiKey, str]:
    """A committed read-only key of `tenant` and its token."""
    async with unit_of_work(tenant_id=tenant.id) as s:
        return await auth_service.create_api_key(
            s, tenant.id, name="till", scopes=["customers:read"], created_by="t"
        )


def _till(app: object, token: str) -> httpx.AsyncClient:
    client = browser(app)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


class TestExpiry:
    async def test_a_key_works_until_it_expires_and_the_list_shows_when(
        self, app: object, logged_in: LoginAs, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        owner, _ = await logged_in("owner")
        expires = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
        made = await owner.post(
            "/api-keys",
            json={
                "name": "season till",
                "scopes": ["customers:read"],
                "expires_at": expires.isoformat(),
            },
        )
        assert made.status_code == 201, made.text
        assert datetime.fromisoformat(made.json()["expires_at"]) == expires
        listed = (await owner.get("/api-keys")).json()
        shown = next(k for k in listed if k["id"] == made.json()["id"])
        assert {"prefix", "scopes", "created_at", "last_used_at", "expires_at"} <= shown.keys()

        till = _till(app, made.json()["key"])
        assert (await till.get("/customers")).status_code == 200
        deps.forget_cached_keys()
        # Well before the test's transaction began (its now() is that moment's).
        await session.execute(
            update(ApiKey)
            .where(ApiKey.tenant_id == tenant.id, ApiKey.id == made.json()["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(hours=1))
        )
        refused = await till.get("/customers")
        assert refused.status_code == 401
        assert refused.json()["code"] == "unauthenticated"
        await till.aclose()

    @pytest.mark.parametrize(
        ("when", "message"),
        [(timedelta(minutes=-1), "future"), (timedelta(days=6 * 366), "5 years")],
    )
    async def test_an_expiry_in_the_past_or_too_far_is_refused(
        self, logged_in: LoginAs, when: timedelta, message: str
    ) -> None:
        owner, _ = await logged_in("owner")
        response = await owner.post(
            "/api-keys",
            json={
                "name": "x",
                "scopes": ["customers:read"],
                "expires_at": (datetime.now(UTC) + when).isoformat(),
            },
        )
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["loc"][-1] == "expires_at"
        assert message in error["message"]

    async def test_a_cached_key_is_not_kept_past_its_expiry(
        self, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        _, token = await auth_service.create_api_key(
            session,
            tenant.id,
            name="short",
            scopes=["customers:read"],
            created_by="tests",
            expires_at=datetime.now(UTC) + timedelta(seconds=2),
        )
        ctx = await auth_service.resolve_api_key(session, token)
        assert ctx is not None
        assert 0 < deps._cache_seconds(ctx) <= 2


class TestRevocationReachesEveryProcess:
    async def test_another_process_forgets_a_key_the_moment_its_revocation_commits(
        self, committed_tenant: TenantInfo
    ) -> None:
        """The cache of "another API process" is filled, the key is revoked in a unit of
        work that commits without touching that cache, and the listener empties it."""
        key, token = await _till_key(committed_tenant)
        forgotten = asyncio.Event()
        ready = asyncio.Event()
        other_process_cache = {token: "a resolved context"}

        def forget() -> None:
            if ready.is_set():
                other_process_cache.clear()
                forgotten.set()

        listener = asyncio.create_task(
            revocations.listen(plain_dsn(os.environ["DATABASE_URL"]), forget, ready)
        )
        try:
            await asyncio.wait_for(ready.wait(), 10)
            await asyncio.sleep(0.2)
            assert not forgotten.is_set() and other_process_cache
            async with unit_of_work() as s:
                ctx = await auth_service.resolve_api_key(s, token)
                assert ctx is not None
                await auth_service.revoke_api_key(s, ctx, key.id)
                # Not before the commit: a re-read meanwhile would still find the key valid.
                await asyncio.sleep(0.3)
                assert not forgotten.is_set()
            await asyncio.wait_for(forgotten.wait(), 5)
            assert other_process_cache == {}
            async with unit_of_work() as s:
                assert await auth_service.resolve_api_key(s, token) is None
        finally:
            listener.cancel()
            with pytest.raises(asyncio.CancelledError):
                await listener

    async def test_a_rolled_back_revocation_tells_no_one(
        self, committed_tenant: TenantInfo
    ) -> None:
        key, token = await _till_key(committed_tenant)
        ready, told = asyncio.Event(), asyncio.Event()
        listener = asyncio.create_task(
            revocations.listen(
                plain_dsn(os.environ["DATABASE_URL"]),
                lambda: ready.is_set() and told.set(),  # type: ignore[func-returns-value]
                ready,
            )
        )
        try:
            await asyncio.wait_for(ready.wait(), 10)
            with pytest.raises(RuntimeError):
                await _revoke_then_fail(token, key.id)
            await asyncio.sleep(0.5)
            assert not told.is_set()
        finally:
            listener.cancel()
            with pytest.raises(asyncio.CancelledError):
                await listener


async def _revoke_then_fail(token: str, key_id: uuid.UUID) -> None:
    async with unit_of_work() as s:
        ctx = await auth_service.resolve_api_key(s, token)
        assert ctx is not None
        await auth_service.revoke_api_key(s, ctx, key_id)
        raise RuntimeError("the request failed after the revocation")


class TestSessions:
    async def test_login_rotates_the_session_and_ends_the_one_the_browser_held(
        self, app: object, logged_in: LoginAs, tenant: TenantInfo
    ) -> None:
        client, user = await logged_in("admin")
        before = client.cookies.get("kt_session")
        assert before
        again = await client.post(
            "/auth/login", json={"email": user.email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert again.status_code == 200
        after = client.cookies.get("kt_session")
        assert after and after != before
        stale = browser(app)
        stale.cookies.set("kt_session", before)
        assert (await stale.get("/auth/me")).status_code == 401
        assert (await client.get("/auth/me")).status_code == 200
        await stale.aclose()

    async def test_log_out_everywhere_ends_every_session_of_the_user(
        self, app: object, logged_in: LoginAs, tenant: TenantInfo
    ) -> None:
        laptop, user = await logged_in("staff")
        phone = browser(app)
        login = await phone.post(
            "/auth/login", json={"email": user.email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert login.status_code == 200
        phone.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        assert (await phone.get("/auth/me")).status_code == 200

        ended = await laptop.post("/auth/logout-everywhere")
        assert ended.status_code == 204
        assert (await laptop.get("/auth/me")).status_code == 401
        assert (await phone.get("/auth/me")).status_code == 401
        await phone.aclose()

    async def test_an_api_key_cannot_log_a_user_out_everywhere(
        self, app: object, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        _, token = await auth_service.create_api_key(
            session, tenant.id, name="k", scopes=["admin"], created_by="tests"
        )
        till = _till(app, token)
        response = await till.post("/auth/logout-everywhere")
        assert response.status_code == 403
        assert response.json()["code"] == "user_session_required"
        await till.aclose()


class TestLastUsedStamp:
    async def test_a_due_stamp_skips_a_key_row_another_call_holds(
        self, committed_tenant: TenantInfo
    ) -> None:
        """A burst of till calls that all find the stamp due does not queue on the key's row."""
        key, token = await _till_key(committed_tenant)
        async with unit_of_work(tenant_id=committed_tenant.id) as holder:
            await holder.execute(
                update(ApiKey).where(ApiKey.id == key.id).values(name="till (renamed)")
            )  # the row stays locked until this block ends
            async with unit_of_work() as caller:
                # Would wait for the holder's commit (forever here) if it did not skip the row.
                found = await asyncio.wait_for(auth_service.resolve_api_key(caller, token), 10)
            assert found is not None and found.principal.id == key.id
        async with unit_of_work() as caller:
            await auth_service.resolve_api_key(caller, token)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            stamped = await s.get(ApiKey, (committed_tenant.id, key.id))
            assert stamped is not None and stamped.last_used_at is not None
