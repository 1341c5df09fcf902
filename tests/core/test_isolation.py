"""No request ever crosses tenants: every route is called by tenant B with tenant A's ids."""

import re
import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import TenantInfo
from tests.auth.helpers import login_as
from tests.conftest import ClientFactory

SKIP = {"/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/health"}


async def _seed_tenant_a(client: httpx.AsyncClient, owner: httpx.AsyncClient) -> dict[str, str]:
    """Tenant A's rows; `owner` is a logged-in owner (only users manage users and keys)."""
    customer = (
        await client.post(
            "/customers",
            json={
                "email": "a@tenant-a.pl",
                "phone": "600100200",
                "external_id": "A-1",
                "tags": ["A-TAG"],
                "cards": [{"number": "A-CARD"}],
            },
        )
    ).json()
    tag = next(t for t in (await client.get("/tags")).json() if t["name"] == "A-TAG")
    field = (
        await client.post("/custom-fields", json={"key": "a_field", "label": "A", "type": "text"})
    ).json()
    key = (
        await owner.post("/api-keys", json={"name": "A key", "scopes": ["customers:read"]})
    ).json()
    user = (
        await owner.post(
            "/users",
            json={"email": "a-user@tenant-a.pl", "role": "staff", "password": "long-enough-pw"},
        )
    ).json()
    return {
        "customer_id": customer["id"],
        "tag_id": tag["id"],
        "field_id": field["id"],
        "key_id": key["id"],
        "user_id": user["id"],
        "external_id": "A-1",
    }


def _routes(app: Any) -> list[tuple[str, list[str], list[str]]]:
    """(path, methods, path parameter names) of every documented operation."""
    out = []
    for path, operations in app.openapi()["paths"].items():
        if path in SKIP:
            continue
        params = re.findall(r"{(\w+)}", path)
        out.append((path, [m.upper() for m in operations], params))
    return out


class TestTenantIsolation:
    async def test_every_route_refuses_another_tenants_ids(
        self,
        app: Any,
        session: AsyncSession,
        tenant: TenantInfo,
        client: httpx.AsyncClient,
        make_client: ClientFactory,
        other_tenant: TenantInfo,
    ) -> None:
        owner, _ = await login_as(app, session, tenant, "owner")
        ids = await _seed_tenant_a(client, owner)
        before = (await client.get(f"/customers/{ids['customer_id']}")).json()
        # Tenant B's API key, and B's logged-in owner for what only users may call.
        intruder = await make_client(tenant=other_tenant)
        intruder_user, _ = await login_as(app, session, other_tenant, "owner")
        checked = 0
        for route_path, methods, params in _routes(app):
            if not params:
                continue
            path = route_path.removeprefix("/api/v1")
            for name in params:
                path = path.replace("{" + name + "}", ids.get(name, str(uuid.uuid4())))
            for method in methods:
                body: dict[str, Any] | None = {} if method in ("POST", "PUT", "PATCH") else None
                if route_path.endswith("/external/{external_id}"):
                    body = {"email": "b@tenant-b.pl"}
                response = await intruder.request(method, path, json=body)
                if response.status_code == 403:
                    assert response.json()["code"] == "user_session_required", path
                    response = await intruder_user.request(method, path, json=body)
                checked += 1
                assert response.status_code < 500, f"{method} {path}: {response.status_code}"
                if route_path.endswith("/external/{external_id}"):
                    assert response.status_code == 201, "B's upsert must create B's own customer"
                    assert response.json()["id"] != ids["customer_id"]
                else:
                    assert response.status_code in (400, 404, 409, 422), (
                        f"{method} {path} answered {response.status_code}"
                    )
                for value in ids.values():
                    # An error may echo the id that was asked for; nothing else may appear.
                    if value != "A-1" and value not in path:
                        assert value not in response.text, f"{method} {path} leaked {value}"
        assert checked >= 10
        after = (await client.get(f"/customers/{ids['customer_id']}")).json()
        assert after == before
        await owner.aclose()
        await intruder_user.aclose()

    async def test_lists_and_lookups_show_only_own_rows(
        self,
        app: Any,
        session: AsyncSession,
        tenant: TenantInfo,
        client: httpx.AsyncClient,
        make_client: ClientFactory,
        other_tenant: TenantInfo,
    ) -> None:
        owner, _ = await login_as(app, session, tenant, "owner")
        ids = await _seed_tenant_a(client, owner)
        await owner.aclose()
        intruder = await make_client(tenant=other_tenant)
        intruder_user, _ = await login_as(app, session, other_tenant, "owner")
        for route_path, methods, params in _routes(app):
            if params or "GET" not in methods:
                continue
            response = await intruder.get(route_path.removeprefix("/api/v1"))
            if response.status_code == 403:
                response = await intruder_user.get(route_path.removeprefix("/api/v1"))
            assert response.status_code < 500, route_path
            for value in ids.values():
                if value != "A-1":
                    assert value not in response.text, f"GET {route_path} leaked {value}"
        for query in ({"phone": "600100200"}, {"email": "a@tenant-a.pl"}, {"card": "A-CARD"}):
            assert (await intruder.get("/customers/lookup", params=query)).json()["items"] == []
        await intruder_user.aclose()
