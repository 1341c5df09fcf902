"""Changing your password and resetting another user's (issue #18, point 4)."""

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.context import TenantInfo
from tests.auth.conftest import LoginAs
from tests.auth.helpers import PASSWORD, browser
from tests.conftest import ClientFactory

NEW = "a-brand-new-password"


async def _audited(session: AsyncSession, tenant: TenantInfo, action: str) -> list[AuditEvent]:
    rows = await session.scalars(
        select(AuditEvent).where(AuditEvent.tenant_id == tenant.id, AuditEvent.action == action)
    )
    return list(rows)


async def _can_log_in(
    client: httpx.AsyncClient, tenant: TenantInfo, email: str, password: str
) -> bool:
    response = await client.post(
        "/auth/login", json={"email": email, "password": password, "tenant": tenant.slug}
    )
    return response.status_code == 200


class TestChange:
    async def test_change_ends_other_sessions_and_keeps_this_one(
        self, app: object, logged_in: LoginAs, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        here, user = await logged_in("staff")
        elsewhere = browser(app)
        assert await _can_log_in(elsewhere, tenant, user.email, PASSWORD)
        changed = await here.post(
            "/auth/password", json={"current_password": PASSWORD, "new_password": NEW}
        )
        assert changed.status_code == 204, changed.text
        assert (await here.get("/auth/me")).status_code == 200
        assert (await elsewhere.get("/auth/me")).status_code == 401
        assert not await _can_log_in(elsewhere, tenant, user.email, PASSWORD)
        assert await _can_log_in(elsewhere, tenant, user.email, NEW)
        [event] = await _audited(session, tenant, "user.password_changed")
        assert event.entity_id == user.id
        await elsewhere.aclose()

    async def test_the_current_password_is_required(
        self, logged_in: LoginAs, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        here, _ = await logged_in("staff")
        refused = await here.post(
            "/auth/password", json={"current_password": "not-my-password", "new_password": NEW}
        )
        assert refused.status_code == 422
        assert refused.json()["code"] == "wrong_password"
        assert await _audited(session, tenant, "user.password_changed") == []

    async def test_an_api_key_has_no_password(self, make_client: ClientFactory) -> None:
        key = await make_client(scopes=["admin"])
        refused = await key.post(
            "/auth/password", json={"current_password": PASSWORD, "new_password": NEW}
        )
        assert refused.status_code == 403
        assert refused.json()["code"] == "user_session_required"


class TestReset:
    async def test_owner_resets_an_admin_whose_sessions_end(
        self, logged_in: LoginAs, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        owner, _ = await logged_in("owner")
        admin, admin_user = await logged_in("admin")
        reset = await owner.post(f"/users/{admin_user.id}/password", json={"password": NEW})
        assert reset.status_code == 204, reset.text
        assert (await admin.get("/auth/me")).status_code == 401
        assert await _can_log_in(admin, tenant, admin_user.email, NEW)
        [event] = await _audited(session, tenant, "user.password_reset")
        assert event.entity_id == admin_user.id

    async def test_admin_resets_staff(self, logged_in: LoginAs) -> None:
        admin, _ = await logged_in("admin")
        _, staff = await logged_in("staff")
        reset = await admin.post(f"/users/{staff.id}/password", json={"password": NEW})
        assert reset.status_code == 204

    async def test_admin_cannot_reset_an_owner(self, logged_in: LoginAs) -> None:
        admin, _ = await logged_in("admin")
        _, owner = await logged_in("owner")
        refused = await admin.post(f"/users/{owner.id}/password", json={"password": NEW})
        assert refused.status_code == 403
        assert refused.json()["code"] == "role_not_allowed"

    async def test_staff_cannot_reset_anyone(self, logged_in: LoginAs) -> None:
        staff, _ = await logged_in("staff")
        _, viewer = await logged_in("viewer")
        refused = await staff.post(f"/users/{viewer.id}/password", json={"password": NEW})
        assert refused.json()["code"] == "missing_scope"
