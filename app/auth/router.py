from fastapi import APIRouter, Request, Response, status

from app.auth import cookies, passwords, service, throttle, users
from app.auth.deps import CurrentContext, CurrentUser, UserSessionRequired
from app.auth.schemas import LoginIn, Me, PasswordChange, UserOut
from app.auth.users_router import router as users_router
from app.core.deps import SessionDep
from app.core.errors import RateLimited, responses
from app.core.routing import add_routes
from app.tenants import service as tenants
from app.tenants.schemas import TenantOut

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/login",
    response_model=Me,
    responses=responses(service.InvalidCredentials, RateLimited, passwords.PasswordCheckBusy),
)
async def login(body: LoginIn, request: Request, session: SessionDep, response: Response) -> Me:
    """Log in with email and password: sets the HttpOnly session cookie and the CSRF cookie."""
    redis = request.app.state.redis
    address = throttle.client_address(request)
    await throttle.attempt(redis, body.email, address)
    result = await service.login(
        session, email=body.email, password=body.password, tenant_slug=body.tenant
    )
    await throttle.succeeded(redis, body.email, address)
    # A new session id at every login; the session this browser held before ends, so a
    # cookie planted or seen before the login is worth nothing after it.
    previous = cookies.session_token(request)
    if previous:
        await service.logout(session, previous)
    cookies.set_login(response, result.token, result.csrf_token)
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
    token = cookies.session_token(request)
    if token:
        await service.logout(session, token)
    cookies.clear(response)


@router.post(
    "/auth/logout-everywhere",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(UserSessionRequired),
)
async def logout_everywhere(session: SessionDep, ctx: CurrentUser, response: Response) -> None:
    """End every session of the logged-in user, this one included (a lost phone, a shared
    computer). API keys are not sessions: revoke them under /api-keys."""
    await users.log_out_everywhere(session, ctx)
    cookies.clear(response)


@router.post(
    "/auth/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(users.WrongCurrentPassword, UserSessionRequired, RateLimited),
)
async def change_password(
    body: PasswordChange, request: Request, session: SessionDep, ctx: CurrentUser
) -> None:
    """Change your own password (the current one is required); your other sessions end."""
    # Counted like logins: a stolen session must not become a way to guess the password.
    address = throttle.client_address(request)
    await throttle.attempt(request.app.state.redis, ctx.principal.label, address)
    await users.change_password(
        session,
        ctx,
        current=body.current_password,
        new=body.new_password,
        session_token=cookies.session_token(request),
    )
    await throttle.succeeded(request.app.state.redis, ctx.principal.label, address)


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


# `app.main` flattens the routers it is given; users and API keys travel with this one.
add_routes(router, "", [users_router])
