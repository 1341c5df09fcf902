"""Every cell of the role × action matrix, through the real routes (issue #18, point 2).

The expectations are written out here, not derived from `app.auth.scopes`: this table and
README's "Roles and permissions" table must say the same.
"""

import uuid
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from tests.auth.conftest import LoginAs
from tests.auth.helpers import PASSWORD
from tests.factories import create_customer

ROLES = ("viewer", "staff", "admin", "owner")

# action: (method, path, body, the roles allowed); the others get 403 missing_scope, or
# role_not_allowed where an admin manages a role above its own.
ACTIONS: dict[str, tuple[str, str, Any, set[str]]] = {
    "read customers": ("GET", "/customers", None, {"viewer", "staff", "admin", "owner"}),
    "write customers": ("POST", "/customers", "new-customer", {"staff", "admin", "owner"}),
    "imports": ("GET", "/imports", None, {"staff", "admin", "owner"}),
    "vouchers": ("GET", "/vouchers", None, {"staff", "admin", "owner"}),
    "bulk edit": (
        "POST",
        "/customers/bulk",
        {"action": "add_tags", "tags": ["VIP"], "selection": {"ids": []}, "dry_run": True},
        {"staff", "admin", "owner"},
    ),
    "bulk delete": (
        "POST",
        "/customers/bulk",
        {"action": "delete", "selection": {"filter": "city = 'Gdańsk'"}, "dry_run": True},
        {"admin", "owner"},
    ),
    "export": ("POST", "/customers/export", {"format": "csv"}, {"admin", "owner"}),
    "export log": ("GET", "/exports", None, {"admin", "owner"}),
    "tenant settings": ("PATCH", "/tenant", {"name": "Renamed"}, {"admin", "owner"}),
    "list users and keys": ("GET", "/users", None, {"admin", "owner"}),
    "create API keys": (
        "POST",
        "/api-keys",
        {"name": "till", "scopes": ["customers:read"]},
        {"admin", "owner"},
    ),
    "manage staff and viewers": ("POST", "/users", "new-staff", {"admin", "owner"}),
    "manage admins": ("POST", "/users", "new-admin", {"owner"}),
    "manage owners": ("POST", "/users", "new-owner", {"owner"}),
}


def _body(body: Any) -> Any:
    if body == "new-customer":
        return {"email": f"c-{uuid.uuid4().hex[:8]}@example.pl"}
    if isinstance(body, str) and body.startswith("new-"):
        role = body.removeprefix("new-")
        return {
            "email": f"{role}-{uuid.uuid4().hex[:8]}@example.pl",
            "role": role,
            "password": PASSWORD,
        }
    return body


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
async def test_role_may_do_action(
    logged_in: LoginAs,
    session: AsyncSession,
    ctx: Context,
    tenant: TenantInfo,
    role: str,
    action: str,
) -> None:
    await create_customer(session, ctx, city="Gdańsk")
    method, path, body, allowed = ACTIONS[action]
    client, _ = await logged_in(role)
    response = await client.request(method, path, json=_body(body))
    if role in allowed:
        assert response.is_success, f"{role} {action}: {response.status_code} {response.text}"
    else:
        assert response.status_code == 403, f"{role} {action}: {response.status_code}"
        expected = "role_not_allowed" if path == "/users" and role == "admin" else "missing_scope"
        assert response.json()["code"] == expected
