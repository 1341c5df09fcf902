import uuid

from fastapi import APIRouter, Request, Response, status

from app.audit import service as audit
from app.auth import service, throttle
from app.auth.deps import CSRF_COOKIE, SESSION_COOKIE, AdminOnly, CurrentContext, forget_cached_keys
from app.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyOut,
    LoginIn,
    Me,
    UserCreate,
    UserOut,
    UserPatch,
)
from app.core.config import get_settings
from app.core.deps import SessionDep
from app.core.errors import RateLimited, responses
from app.tenants import service as tenants
from app.tenants.schemas import TenantOut

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/login", response_model=Me, responses=responses(service.InvalidCredentials, RateLimited)
)
async def login(body: LoginIn, request: Request, session: SessionDep, response: Response) -> Me:
    """Log in with email and password: sets the HttpOnly session cookie and the CSRF cookie."""
    redis = request.app.state.redis
    await throttle.check(redis, body.email)
    try:
        result = await service.login(
            session, email=body.email, password=body.password, tenant_slug=body.tenant
        )
    except service.InvalidCredentials:
        await throttle.failed(redis, body.email)
        raise
    await throttle.succeeded(redis, body.email)
    settings = get_settings()
    max_age = settings.session_ttl_hours * 3600
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        max_age=max_age,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    # Readable by the SPA, which echoes it in X-CSRF-Token on every unsafe request.
    response.set_cookie(
        CSRF_COOKIE,
        result.csrf_token,
        max_age=max_age,
        httponly=False,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    return Me(
        user=UserOut.model_validate(result.user),
        principal="user",
        scopes=sorted(service.ROLE_SCOPES[result.user.role]),
        tenant=TenantOut.model_validate(result.tenant),
        csrf_token=result.csrf_token,
    )


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    request: Request, session: SessionDep, ctx: CurrentContext, response: Response
) -> None:
    """End the browser session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await service.logout(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


@router.get("/auth/me", response_model=Me)
async def me(session: SessionDep, ctx: CurrentContext) -> Me:
    """Who is calling, with which permissions, in which tenant."""
    user = None
    if ctx.principal.kind == "user" and ctx.principal.id:
        user = next(
            (
                u
                for u in await service.list_users(session, ctx.tenant_id)
                if u.id == ctx.principal.id
            ),
            None,
        )
    tenant = await tenants.get(session, ctx.tenant_id)
    return Me(
        user=UserOut.model_validate(user) if user else None,
        principal=ctx.principal.kind,
        scopes=sorted(ctx.principal.scopes),
        tenant=TenantOut.model_validate(tenant),
    )


@router.get("/users", response_model=list[UserOut], tags=["users"])
async def list_users(session: SessionDep, ctx: AdminOnly) -> list[UserOut]:
    """The tenant's users and their roles."""
    return [UserOut.model_validate(u) for u in await service.list_users(session, ctx.tenant_id)]


@router.post(
    "/users",
    response_model=UserOut,
    status_code=status.HTTP_201_CREATED,
    tags=["users"],
    responses=responses(service.UserExists),
)
async def create_user(body: UserCreate, session: SessionDep, ctx: AdminOnly) -> UserOut:
    """Invite a user with a role: owner, admin, staff or viewer."""
    user = await service.create_user(
        session,
        ctx.tenant_id,
        email=body.email,
        role=body.role,
        password=body.password,
        full_name=body.full_name,
    )
    await audit.record(
        session, ctx, "user.created", "user", user.id, meta={"email": user.email, "role": user.role}
    )
    return UserOut.model_validate(user)


@router.patch(
    "/users/{user_id}",
    response_model=UserOut,
    tags=["users"],
    responses=responses(service.UserNotFound),
)
async def update_user(
    user_id: uuid.UUID, body: UserPatch, session: SessionDep, ctx: AdminOnly
) -> UserOut:
    """Change a user's role, or deactivate them (which ends their sessions)."""
    user = await service.update_user(
        session, ctx, user_id, role=body.role, is_active=body.is_active
    )
    return UserOut.model_validate(user)


@router.get("/api-keys", response_model=list[ApiKeyOut], tags=["api_keys"])
async def list_api_keys(session: SessionDep, ctx: AdminOnly) -> list[ApiKeyOut]:
    """API keys of the tenant (never their secrets)."""
    return [
        ApiKeyOut.model_validate(k) for k in await service.list_api_keys(session, ctx.tenant_id)
    ]


@router.post(
    "/api-keys",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    tags=["api_keys"],
)
async def create_api_key(body: ApiKeyCreate, session: SessionDep, ctx: AdminOnly) -> ApiKeyCreated:
    """Create an API key with scopes; the response shows the key this one time only."""
    key, token = await service.create_api_key(
        session, ctx.tenant_id, name=body.name, scopes=body.scopes, created_by=ctx.principal.label
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
    "/api-keys/{key_id}",
    response_model=ApiKeyOut,
    tags=["api_keys"],
    responses=responses(service.ApiKeyNotFound),
)
async def revoke_api_key(key_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> ApiKeyOut:
    """Revoke an API key: it stops working within seconds."""
    key = await service.revoke_api_key(session, ctx, key_id)
    forget_cached_keys()
    return ApiKeyOut.model_validate(key)
