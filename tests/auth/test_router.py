import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.core.context import TenantInfo
from tests.auth.conftest import LoginAs
from tests.conftest import ClientFactory

PASSWORD = "correct-horse-battery"


async def _login(
    anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo, role: str
) -> httpx.Response:
    email = f"{role}@example.pl"
    await auth_service.create_user(session, tenant.id, email=email, role=role, password=PASSWORD)
    return await anonymous.post(
        "/auth/login",
        json={"email": email.upper(), "password": PASSWORD, "tenant": tenant.slug},
    )


class TestLogin:
    async def test_sets_httponly_session_and_csrf_cookies(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        response = await _login(anonymous, session, tenant, "staff")
        assert response.status_code == 200
        cookies = response.headers.get_list("set-cookie")
        session_cookie = next(c for c in cookies if c.startswith("kt_session="))
        assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
        assert any(c.startswith("kt_csrf=") and "HttpOnly" not in c for c in cookies)
        me = (await anonymous.get("/auth/me")).json()
        assert me["user"]["role"] == "staff" and me["tenant"]["slug"] == tenant.slug

    async def test_wrong_password_is_401_without_saying_which_part(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        known, unknown_email = f"a-{tenant.slug}@example.pl", f"b-{tenant.slug}@example.pl"
        await auth_service.create_user(
            session, tenant.id, email=known, role="staff", password=PASSWORD
        )
        wrong = await anonymous.post(
            "/auth/login",
            json={"email": known, "password": "nope-nope-nope", "tenant": tenant.slug},
        )
        unknown = await anonymous.post(
            "/auth/login",
            json={"email": unknown_email, "password": PASSWORD, "tenant": tenant.slug},
        )
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json()["code"] == unknown.json()["code"] == "invalid_credentials"

    async def test_passwords_are_stored_as_argon2(
        self, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        user = await auth_service.create_user(
            session, tenant.id, email="h@example.pl", role="staff", password=PASSWORD
        )
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash

    async def test_unsafe_request_with_cookie_needs_csrf_header(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        await _login(anonymous, session, tenant, "staff")
        body = {"email": "c@example.pl"}
        refused = await anonymous.post("/customers", json=body)
        assert refused.status_code == 403
        csrf = anonymous.cookies["kt_csrf"]
        assert (
            await anonymous.post("/customers", json=body, headers={"X-CSRF-Token": "wrong"})
        ).status_code == 403
        assert (
            await anonymous.post("/customers", json=body, headers={"X-CSRF-Token": csrf})
        ).status_code == 201

    async def test_logout_ends_the_session(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        await _login(anonymous, session, tenant, "viewer")
        cookie = anonymous.cookies["kt_session"]
        csrf = anonymous.cookies["kt_csrf"]
        assert (
            await anonymous.post("/auth/logout", headers={"X-CSRF-Token": csrf})
        ).status_code == 204
        anonymous.cookies.set("kt_session", cookie)
        assert (await anonymous.get("/auth/me")).status_code == 401


class TestRoles:
    @pytest.mark.parametrize(
        ("role", "can_write", "can_admin"),
        [
            ("owner", True, True),
            ("admin", True, True),
            ("staff", True, False),
            ("viewer", False, False),
        ],
    )
    async def test_role_permissions(
        self,
        anonymous: httpx.AsyncClient,
        session: AsyncSession,
        tenant: TenantInfo,
        role: str,
        can_write: bool,
        can_admin: bool,
    ) -> None:
        await _login(anonymous, session, tenant, role)
        headers = {"X-CSRF-Token": anonymous.cookies["kt_csrf"]}
        assert (await anonymous.get("/customers")).status_code == 200
        write = await anonymous.post(
            "/customers", json={"email": f"{role}-c@example.pl"}, headers=headers
        )
        assert write.status_code == (201 if can_write else 403)
        admin = await anonymous.get("/api-keys")
        assert admin.status_code == (200 if can_admin else 403)


class TestApiKeys:
    async def test_no_credentials_is_401_problem(self, anonymous: httpx.AsyncClient) -> None:
        response = await anonymous.get("/customers")
        assert response.status_code == 401
        assert response.json()["code"] == "unauthenticated"

    async def test_garbage_key_is_401(self, anonymous: httpx.AsyncClient) -> None:
        for token in ("nope", "kt_" + "A" * 22 + "_x", "kt_!!!"):
            response = await anonymous.get(
                "/customers", headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code == 401

    @pytest.mark.parametrize(
        ("scopes", "read", "write"),
        [
            (["customers:read"], 200, 403),
            (["customers:write"], 403, 201),
            (["vouchers"], 403, 403),
            (["admin"], 200, 201),
        ],
    )
    async def test_scopes_gate_routes(
        self, make_client: ClientFactory, scopes: list[str], read: int, write: int
    ) -> None:
        client = await make_client(scopes=scopes)
        assert (await client.get("/customers")).status_code == read
        assert (
            await client.post(
                "/customers", json={"email": f"{scopes[0].replace(':', '')}@example.pl"}
            )
        ).status_code == write

    async def test_created_key_works_once_shown_and_revoked_key_stops(
        self, logged_in: LoginAs, app: object
    ) -> None:
        client, _ = await logged_in("owner")
        created = await client.post(
            "/api-keys", json={"name": "Till", "scopes": ["customers:read"]}
        )
        assert created.status_code == 201
        key = created.json()["key"]
        listed = (await client.get("/api-keys")).json()
        assert all("key" not in k for k in listed)
        till = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {key}"},
        )  # type: ignore[arg-type]
        assert (await till.get("/customers")).status_code == 200
        assert (await client.delete(f"/api-keys/{created.json()['id']}")).json()["revoked_at"]
        assert (await till.get("/customers")).status_code == 401
        await till.aclose()

    async def test_unknown_scope_is_422(self, logged_in: LoginAs) -> None:
        client, _ = await logged_in("owner")
        response = await client.post("/api-keys", json={"name": "x", "scopes": ["root"]})
        assert response.status_code == 422


class TestUsers:
    async def test_admin_creates_and_deactivates_user(
        self, logged_in: LoginAs, anonymous: httpx.AsyncClient, tenant: TenantInfo
    ) -> None:
        client, _ = await logged_in("admin")
        created = await client.post(
            "/users", json={"email": "new@example.pl", "role": "staff", "password": PASSWORD}
        )
        assert created.status_code == 201
        assert (
            await anonymous.post(
                "/auth/login",
                json={"email": "new@example.pl", "password": PASSWORD, "tenant": tenant.slug},
            )
        ).status_code == 200
        await client.patch(f"/users/{created.json()['id']}", json={"is_active": False})
        assert (await anonymous.get("/auth/me")).status_code == 401

    async def test_duplicate_user_is_409(self, logged_in: LoginAs) -> None:
        client, _ = await logged_in("owner")
        body = {"email": "dup@example.pl", "role": "staff", "password": PASSWORD}
        await client.post("/users", json=body)
        assert (await client.post("/users", json=body)).json()["code"] == "user_exists"


class TestLoginThrottle:
    async def test_repeated_failures_are_rate_limited(
        self, anonymous: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        email = f"victim-{tenant.slug}@example.pl"
        await auth_service.create_user(
            session, tenant.id, email=email, role="staff", password=PASSWORD
        )
        for _ in range(10):
            await anonymous.post(
                "/auth/login",
                json={"email": email, "password": "wrong-password", "tenant": tenant.slug},
            )
        blocked = await anonymous.post(
            "/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant.slug}
        )
        assert blocked.status_code == 429
        assert blocked.json()["code"] == "rate_limited"
        assert int(blocked.headers["retry-after"]) > 0
