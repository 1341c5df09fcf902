"""Who is calling: a session cookie (with CSRF check) or a bearer API key."""

import time
import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from app.auth import cookies, service
from app.core.context import Context
from app.core.deps import read_session
from app.core.errors import AppError, Forbidden, Unauthenticated

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer kt_…`")


class _SessionCookie(APIKeyCookie):
    """Reads the cookie by its configured name (`__Host-kt_session` with secure cookies)."""

    async def __call__(self, request: Request) -> str | None:  # type: ignore[override]
        return cookies.session_token(request)


_cookie = _SessionCookie(
    name=cookies.SESSION_COOKIE,
    scheme_name="APIKeyCookie",
    auto_error=False,
    description="The SPA's session cookie (`__Host-kt_session` where cookies are secure)",
)

# Resolved API keys are kept a few seconds per process: a POS calls many times a second.
# A revocation empties every process's cache when it commits (`revocations`); the few
# seconds only bound the damage while a process has lost its listening connection.
_KEY_CACHE_SECONDS = 5.0
_key_cache: dict[str, tuple[float, Context]] = {}


def forget_cached_keys() -> None:
    _key_cache.clear()


def _cache_seconds(ctx: Context) -> float:
    """A key that expires soon is kept only until it expires."""
    expires_at = ctx.principal.expires_at
    if expires_at is None:
        return _KEY_CACHE_SECONDS
    return max(0.0, min(_KEY_CACHE_SECONDS, (expires_at - datetime.now(UTC)).total_seconds()))


def _locale(request: Request, ctx_locale: str) -> str:
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        lang = part.split(";")[0].strip().lower()[:2]
        if lang in ("en", "pl", "uk", "ru"):
            return lang
    return ctx_locale if ctx_locale in ("en", "pl", "uk", "ru") else "en"


async def resolve_context(request: Request) -> Context:
    """Who is calling, resolved once per request (the outcome, or the refusal, is kept on it).

    The idempotency middleware calls this before it reads or writes Redis, and routes get the
    same answer through `get_context`: one authentication path, one lookup per request."""
    outcome: Context | AppError | None = getattr(request.state, "auth_outcome", None)
    if outcome is None:
        try:
            outcome = await _authenticate(request)
        except AppError as exc:
            outcome = exc
        request.state.auth_outcome = outcome
    if isinstance(outcome, AppError):
        raise outcome
    return outcome


async def _authenticate(request: Request) -> Context:
    bearer = await _bearer(request)
    cookie = await _cookie(request)
    if bearer is not None:
        token = bearer.credentials
        cached = _key_cache.get(token)
        now = time.monotonic()
        if cached and cached[0] > now:
            ctx = cached[1]
        else:
            # Autocommit: resolving a key is a read and a stamp, each its own statement.
            async with read_session(request) as session:
                found = await service.resolve_api_key(session, token)
            if found is None:
                raise Unauthenticated("The API key is not valid or has been revoked.")
            ctx = found
            _key_cache[token] = (now + _cache_seconds(ctx), ctx)
    elif cookie:
        async with read_session(request) as session:
            resolved = await service.resolve_session(session, cookie)
        if resolved is None:
            raise Unauthenticated("Your session has expired. Please log in again.")
        ctx, csrf = resolved
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or not service.secrets.same(sent, csrf):
                raise Forbidden("Missing or wrong CSRF token.", headers=None)
    else:
        raise Unauthenticated("Log in, or send an API key as `Authorization: Bearer …`.")
    locale = _locale(request, ctx.tenant.locale)
    request.state.principal_label = ctx.principal.label
    return Context(tenant=ctx.tenant, principal=ctx.principal, locale=locale)


async def request_tenant(request: Request) -> uuid.UUID | None:
    """The caller's tenant for the request's sessions (`core.deps`), None when the request
    carries no credentials or they are refused (the route's own `get_context` says why)."""
    if await _bearer(request) is None and not await _cookie(request):
        return None
    try:
        return (await resolve_context(request)).tenant_id
    except AppError:
        return None


async def get_context(
    request: Request,
    # Declared for the OpenAPI security schemes; `resolve_context` reads the same two.
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Context:
    return await resolve_context(request)


CurrentContext = Annotated[Context, Depends(get_context)]


class MissingScope(Forbidden):
    code = "missing_scope"
    title = "Your role or API key does not allow this"


class UserSessionRequired(Forbidden):
    code = "user_session_required"
    title = "Only a logged-in user may do this, not an API key"


def require_scope(ctx: Context, scope: str) -> None:
    """For a route whose needed scope depends on its body (a bulk delete)."""
    if not ctx.principal.can(scope):
        raise MissingScope(f"This action needs the `{scope}` permission.")


class RequireScope:
    """`Annotated[Context, Depends(RequireScope("customers:write"))]`; `user_only` refuses API
    keys (managing users and keys needs a person, so a leaked key cannot mint more keys)."""

    def __init__(self, scope: str, *, user_only: bool = False) -> None:
        self.scope = scope
        self.user_only = user_only

    async def __call__(self, ctx: CurrentContext) -> Context:
        require_scope(ctx, self.scope)
        if self.user_only and ctx.principal.kind != "user":
            raise UserSessionRequired()
        return ctx


async def require_user(ctx: CurrentContext) -> Context:
    if ctx.principal.kind != "user":
        raise UserSessionRequired()
    return ctx


CustomersRead = Annotated[Context, Depends(RequireScope("customers:read"))]
CustomersWrite = Annotated[Context, Depends(RequireScope("customers:write"))]
AdminOnly = Annotated[Context, Depends(RequireScope("admin"))]
UserAdmin = Annotated[Context, Depends(RequireScope("admin", user_only=True))]
CurrentUser = Annotated[Context, Depends(require_user)]
ImportsScope = Annotated[Context, Depends(RequireScope("imports"))]
VouchersScope = Annotated[Context, Depends(RequireScope("vouchers"))]
ExportsScope = Annotated[Context, Depends(RequireScope("exports"))]
