"""Changing users: roles, deactivation and passwords, within the role hierarchy."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.auth import passwords, rules, service
from app.auth.models import ApiKey, User
from app.auth.scopes import ROLE_SCOPES
from app.core.context import Context
from app.core.errors import ValidationFailed


class WrongCurrentPassword(ValidationFailed):
    code = "wrong_password"
    title = "The current password is not right"


async def _get(session: AsyncSession, ctx: Context, user_id: uuid.UUID) -> User:
    user = await session.scalar(
        select(User).where(User.tenant_id == ctx.tenant_id, User.id == user_id).with_for_update()
    )
    if user is None:
        raise service.UserNotFound()
    return user


async def update_user(
    session: AsyncSession,
    ctx: Context,
    user_id: uuid.UUID,
    *,
    role: str | None,
    is_active: bool | None,
) -> User:
    """Change a user's role or deactivate them; deactivation ends their sessions and revokes
    the API keys they created, a demotion the keys holding more than the new role."""
    user = await _get(session, ctx, user_id)
    new_role = role if role is not None and role != user.role else None
    deactivate = is_active is False and user.is_active
    if new_role is not None:
        service.check_role(new_role)
    if new_role is not None or is_active is not None:
        rules.check_manages(ctx.principal, user.role, *([new_role] if new_role else []))
    if (new_role is not None and user.role == "owner") or deactivate:
        await rules.keep_an_owner(session, ctx.tenant_id, user)
    changes: dict[str, list[object]] = {}
    if new_role is not None:
        changes["role"] = [user.role, new_role]
        user.role = new_role
    if is_active is not None and is_active != user.is_active:
        changes["is_active"] = [user.is_active, is_active]
        user.is_active = is_active
    if deactivate:
        await service.end_sessions(session, ctx.tenant_id, user.id)
        await service.revoke_keys_of_user(session, ctx, user.id)
    elif new_role is not None:
        await service.revoke_keys_of_user(session, ctx, user.id, keep=ROLE_SCOPES[new_role])
    if changes:
        await audit.record(session, ctx, "user.updated", "user", user.id, changes=changes)
    await session.flush()
    return user


async def change_password(
    session: AsyncSession, ctx: Context, *, current: str, new: str, session_token: str | None
) -> None:
    """The logged-in user's own password; their other sessions end."""
    assert ctx.principal.id is not None
    user = await _get(session, ctx, ctx.principal.id)
    if not await passwords.verify(user.password_hash, current):
        raise WrongCurrentPassword.field(
            ["body", "current_password"], "wrong_password", "The current password is not right."
        )
    service.check_password(new, "new_password")
    user.password_hash = await passwords.hash_password(new)
    await service.end_sessions(session, ctx.tenant_id, user.id, but=session_token)
    await audit.record(session, ctx, "user.password_changed", "user", user.id)
    await session.flush()


async def log_out_everywhere(session: AsyncSession, ctx: Context) -> None:
    """End every session of the logged-in user, the current one included."""
    assert ctx.principal.id is not None
    await service.end_sessions(session, ctx.tenant_id, ctx.principal.id)
    await audit.record(session, ctx, "user.logged_out_everywhere", "user", ctx.principal.id)


async def reset_password(
    session: AsyncSession, ctx: Context, user_id: uuid.UUID, *, password: str
) -> None:
    """An owner or admin sets another user's password; all of that user's sessions end."""
    user = await _get(session, ctx, user_id)
    rules.check_manages(ctx.principal, user.role)
    service.check_password(password)
    user.password_hash = await passwords.hash_password(password)
    await service.end_sessions(session, ctx.tenant_id, user.id)
    await audit.record(session, ctx, "user.password_reset", "user", user.id)
    await session.flush()


async def revoke_api_keys(session: AsyncSession, ctx: Context, user_id: uuid.UUID) -> list[ApiKey]:
    """Revoke every live key the user created (your own, or those of a user you manage)."""
    user = await _get(session, ctx, user_id)
    if user.id != ctx.principal.id:
        rules.check_manages(ctx.principal, user.role)
    return await service.revoke_keys_of_user(session, ctx, user.id, reason="revoked_for_user")
