"""Managing users and keys cannot take a tenant over (issue #18, point 1)."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.models import ApiKey
from app.auth.rules import ScopeNotHeld
from app.core.context import Principal, TenantInfo
from tests.auth.conftest import LoginAs
from tests.auth.helpers import PASSWORD, browser
from tests.conftest import ClientFactory


def _new_user(role: str, email: str = "") -> dict[str, str]:
    return {"email": email or f"new-{role}@example.pl", "role": role, "password": PASSWORD}


class TestHierarchy:
    @pytest.mark.parametrize("role", ["owner", "admin"])
    async def test_admin_cannot_create_owners_or_admins(
        self, logged_in: LoginAs, role: str
    ) -> None:
        admin, _ = await logged_in("admin")
        refused = await admin.post("/users", json=_new_user(role))
        assert refused.status_code == 403
        assert refused.json()["code"] == "role_not_allowed"

    @pytest.mark.parametrize("change", [{"role": "staff"}, {"is_active": False}])
    async def test_admin_cannot_demote_or_deactivate_an_owner(
        self, logged_in: LoginAs, change: dict[str, object]
    ) -> None:
        admin, _ = await logged_in("admin")
        _, owner = await logged_in("owner")
        refused = await admin.patch(f"/users/{owner.id}", json=change)
        assert refused.status_code == 403
        assert refused.json()["code"] == "role_not_allowed"

    async def test_admin_cannot_promote_staff_to_owner(self, logged_in: LoginAs) -> None:
        admin, _ = await logged_in("admin")
        _, staff = await logged_in("staff")
        refused = await admin.patch(f"/users/{staff.id}", json={"role": "owner"})
        assert refused.status_code == 403
        assert refused.json()["code"] == "role_not_allowed"

    async def test_admin_manages_staff_and_viewers(self, logged_in: LoginAs) -> None:
        admin, _ = await logged_in("admin")
        created = await admin.post("/users", json=_new_user("staff"))
        assert created.status_code == 201
        changed = await admin.patch(f"/users/{created.json()['id']}", json={"role": "viewer"})
        assert changed.status_code == 200 and changed.json()["role"] == "viewer"

    async def test_owner_creates_admins_and_owners(self, logged_in: LoginAs) -> None:
        owner, _ = await logged_in("owner")
        for role in ("admin", "owner"):
            created = await owner.post("/users", json=_new_user(role))
            assert created.status_code == 201 and created.json()["role"] == role


class TestLastOwner:
    @pytest.mark.parametrize("change", [{"role": "admin"}, {"is_active": False}])
    async def test_last_active_owner_stays(
        self, logged_in: LoginAs, change: dict[str, object]
    ) -> None:
        owner, me = await logged_in("owner")
        refused = await owner.patch(f"/users/{me.id}", json=change)
        assert refused.status_code == 409
        assert refused.json()["code"] == "last_owner"

    async def test_an_owner_goes_when_another_stays(self, logged_in: LoginAs) -> None:
        owner, _ = await logged_in("owner")
        _, other = await logged_in("owner")
        assert (await owner.patch(f"/users/{other.id}", json={"is_active": False})).is_success

    async def test_an_inactive_owner_does_not_count(self, logged_in: LoginAs) -> None:
        owner, me = await logged_in("owner")
        _, other = await logged_in("owner")
        await owner.patch(f"/users/{other.id}", json={"is_active": False})
        refused = await owner.patch(f"/users/{me.id}", json={"role": "staff"})
        assert refused.json()["code"] == "last_owner"


class TestApiKeysDoNotManage:
    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("GET", "/users", None),
            ("POST", "/users", _new_user("owner", "k-owner@example.pl")),
            ("GET", "/api-keys", None),
            ("POST", "/api-keys", {"name": "more", "scopes": ["admin"]}),
        ],
    )
    async def test_an_admin_key_cannot_manage_users_or_keys(
        self, make_client: ClientFactory, method: str, path: str, body: object
    ) -> None:
        key = await make_client(scopes=["admin"])
        refused = await key.request(method, path, json=body)
        assert refused.status_code == 403
        assert refused.json()["code"] == "user_session_required"

    async def test_an_admin_key_cannot_change_an_owner(
        self, make_client: ClientFactory, logged_in: LoginAs
    ) -> None:
        key = await make_client(scopes=["admin"])
        _, owner = await logged_in("owner")
        refused = await key.patch(f"/users/{owner.id}", json={"is_active": False})
        assert refused.json()["code"] == "user_session_required"


class TestKeysGoWithTheirCreator:
    async def _key_of(
        self, app: Any, client: httpx.AsyncClient, scopes: list[str]
    ) -> httpx.AsyncClient:
        created = await client.post("/api-keys", json={"name": "till", "scopes": scopes})
        assert created.status_code == 201, created.text
        till = browser(app)
        till.headers["Authorization"] = f"Bearer {created.json()['key']}"
        return till

    async def test_deactivating_a_user_revokes_their_keys(
        self, app: Any, logged_in: LoginAs, session: AsyncSession
    ) -> None:
        owner, _ = await logged_in("owner")
        admin, admin_user = await logged_in("admin")
        till = await self._key_of(app, admin, ["customers:read"])
        assert (await till.get("/customers")).status_code == 200
        assert (await owner.patch(f"/users/{admin_user.id}", json={"is_active": False})).is_success
        assert (await till.get("/customers")).status_code == 401
        revoked = await session.scalars(
            select(ApiKey.revoked_at).where(ApiKey.created_by_user_id == admin_user.id)
        )
        assert all(revoked.all())
        await till.aclose()

    async def test_demoting_a_user_revokes_keys_beyond_the_new_role(
        self, app: Any, logged_in: LoginAs
    ) -> None:
        owner, _ = await logged_in("owner")
        admin, admin_user = await logged_in("admin")
        wide = await self._key_of(app, admin, ["admin"])
        narrow = await self._key_of(app, admin, ["customers:read"])
        assert (await owner.patch(f"/users/{admin_user.id}", json={"role": "staff"})).is_success
        assert (await wide.get("/customers")).status_code == 401
        assert (await narrow.get("/customers")).status_code == 200
        await wide.aclose()
        await narrow.aclose()

    async def test_a_key_never_holds_more_than_its_creator(
        self, session: AsyncSession, tenant: TenantInfo, logged_in: LoginAs
    ) -> None:
        _, staff = await logged_in("staff")
        by = Principal(
            kind="user", id=staff.id, label=staff.email, role="staff", scopes=frozenset()
        )
        with pytest.raises(ScopeNotHeld):
            await auth_service.create_api_key(
                session, tenant.id, name="x", scopes=["exports"], created_by="t", by=by
            )

    async def test_a_users_keys_can_be_revoked_at_once(self, app: Any, logged_in: LoginAs) -> None:
        owner, _ = await logged_in("owner")
        admin, admin_user = await logged_in("admin")
        tills = [await self._key_of(app, admin, ["customers:read"]) for _ in range(2)]
        other = await self._key_of(app, owner, ["customers:read"])
        revoked = await owner.post(f"/users/{admin_user.id}/revoke-api-keys")
        assert revoked.status_code == 200 and len(revoked.json()) == 2
        for till in tills:
            assert (await till.get("/customers")).status_code == 401
            await till.aclose()
        assert (await other.get("/customers")).status_code == 200
        await other.aclose()

    async def test_an_admin_cannot_revoke_an_owners_keys(self, logged_in: LoginAs) -> None:
        admin, _ = await logged_in("admin")
        _, owner = await logged_in("owner")
        refused = await admin.post(f"/users/{owner.id}/revoke-api-keys")
        assert refused.status_code == 403
        assert refused.json()["code"] == "role_not_allowed"
