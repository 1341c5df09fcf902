"""Users and API keys of the tenant: managed by a logged-in owner or admin, never by a key."""

import uuid

from fastapi import APIRouter, status

from app.audit import service as audit
from app.auth import rules, service, users
from app.auth.deps import UserAdmin, UserSessionRequired, forget_cached_keys
from app.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyOut,
    PasswordReset,
    UserCreate,
    UserOut,
    UserPatch,
)
from app.core.deps import SessionDep
from app.core.errors import responses

router = APIRouter()

_MANAGE_ERRORS = (UserSessionRequired, rules.RoleNotAllowed)


@router.get(
    "/users", response_model=list[UserOut], tags=["users"], responses=responses(*_MANAGE_ERRORS)
)
async def list_users(session: SessionDep, ctx: UserAdmin) -> list[UserOut]:
    """The tenant's users and their roles."""
    return [UserOut.model_validate(u) for u in await service.list_users(session, ctx.tenant_id)]


@router.post(
    "/users",
    response_model=UserOut,
    status_code=status.HTTP_201_CREATED,
    tags=["users"],
    responses=responses(service.UserExists, *_MANAGE_ERRORS),
)
async def create_user(body: UserCreate, session: SessionDep, ctx: UserAdmin) -> UserOut:
    """Invite a user with a role: owners add any role, admins add staff and viewers."""
    user = await service.create_user(
        session,
        ctx.tenant_id,
        email=body.email,
        role=body.role,
        password=body.password,
        full_name=body.full_name,
        by=ctx.principal,
    )
    await audit.record(
        session, ctx, "user.created", "user", user.id, meta={"email": user.email, "role": user.role}
    )
    return UserOut.model_validate(user)


@router.patch(
    "/users/{user_id:uuid}",
    response_model=UserOut,
    tags=["users"],
    responses=responses(service.UserNotFound, rules.LastOwner, *_MANAGE_ERRORS),
)
async def update_user(
    user_id: uuid.UUID, body: UserPatch, session: SessionDep, ctx: UserAdmin
) -> UserOut:
    """Change a user's role, or deactivate them (which ends their sessions and revokes the API
    keys they created); the last active owner stays."""
    user = await users.update_user(session, ctx, user_id, role=body.role, is_active=body.is_active)
    forget_cached_keys()
    return UserOut.model_validate(user)


@router.post(
    "/users/{user_id:uuid}/password",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["users"],
    responses=responses(service.UserNotFound, *_MANAGE_ERRORS),
)
async def reset_password(
    user_id: uuid.UUID, body: PasswordReset, session: SessionDep, ctx: UserAdmin
) -> None:
    """Set a user's password (owners for anyone, admins for staff and viewers); their
    sessions end."""
    await users.reset_password(session, ctx, user_id, password=body.password)


@router.post(
    "/users/{user_id:uuid}/revoke-api-keys",
    response_model=list[ApiKeyOut],
    tags=["users"],
    responses=responses(service.UserNotFound, *_MANAGE_ERRORS),
)
async def revoke_user_api_keys(
    user_id: uuid.UUID, session: SessionDep, ctx: UserAdmin
) -> list[ApiKeyOut]:
    """Revoke every API key the user created (yours, or a user's you manage); they stop
    working within seconds."""
    keys = await users.revoke_api_keys(session, ctx, user_id)
    forget_cached_keys()
    return [ApiKeyOut.model_validate(k) for k in keys]


@router.get(
    "/api-keys",
    response_model=list[ApiKeyOut],
    tags=["api_keys"],
    responses=responses(*_MANAGE_ERRORS),
)
async def list_api_keys(session: SessionDep, ctx: UserAdmin) -> list[ApiKeyOut]:
    """API keys of the tenant (never their secrets)."""
    return [
        ApiKeyOut.model_validate(k) for k in await service.list_api_keys(session, ctx.tenant_id)
    ]


@router.post(
    "/api-keys",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    tags=["api_keys"],
    responses=responses(rules.ScopeNotHeld, *_MANAGE_ERRORS),
)
async def create_api_key(body: ApiKeyCreate, session: SessionDep, ctx: UserAdmin) -> ApiKeyCreated:
    """Create an API key with scopes you hold; it is revoked when you are deactivated. The
    response shows the key this one time only."""
    key, token = await service.create_api_key(
        session,
        ctx.tenant_id,
        name=body.name,
        scopes=body.scopes,
        created_by=ctx.principal.label,
        by=ctx.principal,
        rate_limit_per_minute=body.rate_limit_per_minute,
        expires_at=body.expires_at,
    )
    await audit.record(
        session,
        ctx,
        "api_key.created",
        "api_key",
        key.id,
        meta={"name": key.name, "scopes": key.scopes},
    )
    return ApiKeyCreated(**ApiKeyOut.model_validate(key).model_dump(), key=token)


@router.delete(
    "/api-keys/{key_id:uuid}",
    response_model=ApiKeyOut,
    tags=["api_keys"],
    responses=responses(service.ApiKeyNotFound, *_MANAGE_ERRORS),
)
async def revoke_api_key(key_id: uuid.UUID, session: SessionDep, ctx: UserAdmin) -> ApiKeyOut:
    """Revoke an API key: it stops working in every API process as soon as this commits."""
    key = await service.revoke_api_key(session, ctx, key_id)
    forget_cached_keys()
    return ApiKeyOut.model_validate(key)
