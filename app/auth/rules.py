"""Who may manage whom, and what a principal may hand out: the guards against a takeover."""

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.auth.scopes import MANAGES, ROLE_SCOPES
from app.core.context import Principal
from app.core.errors import Conflict, Forbidden


class RoleNotAllowed(Forbidden):
    code = "role_not_allowed"
    title = "Only an owner may manage owners and admins"


class ScopeNotHeld(Forbidden):
    code = "scope_not_held"
    title = "You cannot grant a permission you do not hold"


class LastOwner(Conflict):
    code = "last_owner"
    title = "The business needs at least one active owner"


def check_manages(by: Principal, *roles: str) -> None:
    """`by` may create or change users of these roles (the target's old and new role)."""
    if by.kind == "system":  # the CLI, run by whoever operates the server
        return
    allowed = MANAGES.get(by.role or "", frozenset()) if by.kind == "user" else frozenset()
    refused = sorted(set(roles) - allowed)
    if refused:
        raise RoleNotAllowed(f"You cannot manage users with the role {', '.join(refused)}.")


def check_scopes_held(by: Principal, scopes: Iterable[str]) -> None:
    """A user's key never carries more than the user's role allows."""
    if by.kind == "system":
        return
    held = ROLE_SCOPES.get(by.role or "", frozenset()) if by.kind == "user" else by.scopes
    missing = sorted(set(scopes) - held)
    if missing:
        raise ScopeNotHeld(f"You do not hold {', '.join(missing)}.")


async def keep_an_owner(session: AsyncSession, tenant_id: uuid.UUID, leaving: User) -> None:
    """Refuse to demote or deactivate the tenant's last active owner.

    The active owners' rows are locked, so two owners demoting each other at the same time
    are serialised and the second sees the first's change."""
    if leaving.role != "owner" or not leaving.is_active:
        return
    owners = await session.scalars(
        select(User.id)
        .where(User.tenant_id == tenant_id, User.role == "owner", User.is_active.is_(True))
        .with_for_update()
    )
    if set(owners) <= {leaving.id}:
        raise LastOwner("Make another user an owner first.")
