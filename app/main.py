"""The FastAPI app: routers under /api/v1, middleware, error handlers and the SPA at /."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from arq import create_pool
from arq.connections import RedisSettings
from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy import text
from starlette.convertors import Convertor, register_url_convertor

from app.auth import revocations
from app.auth.deps import forget_cached_keys, request_tenant, resolve_context
from app.auth.router import router as auth_router
from app.bulk.router import router as bulk_router
from app.core.access_log import AccessLogMiddleware
from app.core.config import get_settings
from app.core.db import dispose_engine, get_sessionmaker, open_read_pool, plain_dsn
from app.core.errors import Problem, install_error_handlers
from app.core.headers import SecurityHeadersMiddleware
from app.core.hygiene import InputHygieneMiddleware
from app.core.idempotency import OPENAPI_PARAMETER, IdempotencyMiddleware, keeps_responses
from app.core.jobs import ArqQueue
from app.core.limits import BodySizeLimitMiddleware
from app.core.logging import configure_logging
from app.core.openapi import install_openapi
from app.core.ratelimit import RateLimitMiddleware
from app.core.routing import add_routes, operation_id
from app.custom_fields.router import router as custom_fields_router
from app.customer_summary.router import router as summary_router
from app.customers import service as customers_service
from app.customers.router import router as customers_router
from app.customers.search_router import router as search_router
from app.events.router import router as events_router
from app.exports.router import router as exports_router
from app.imports.router import router as imports_router
from app.jobs.router import router as jobs_router
from app.loyalty.perks_router import router as perks_router
from app.loyalty.router import router as loyalty_router
from app.merge.router import router as merge_router
from app.privacy.router import public as unsubscribe_router
from app.privacy.router import router as privacy_router
from app.segments.router import router as segments_router
from app.stats.desk_router import router as desk_router
from app.stats.router import router as stats_router
from app.tags.router import router as tags_router
from app.tenants.router import router as tenants_router
from app.transactions.router import locations_router
from app.transactions.router import router as transactions_router
from app.vouchers.router import router as vouchers_router
from app.webhooks.router import router as webhooks_router

API_PREFIX = "/api/v1"

DESCRIPTION = """
The customer base for businesses that run vouchers, loyalty cards and a till.

Authenticate with `Authorization: Bearer <API key>` (create keys with `kartoteka create-api-key`
or `POST /api/v1/api-keys`), or with the session cookie set by `POST /api/v1/auth/login`
(unsafe requests then need the `X-CSRF-Token` header). Every error is an RFC 9457
`application/problem+json` document with a stable `code`.

Every POST that changes something honours `Idempotency-Key`: a retry with the same key and the
same request returns the first response for 24 hours (per caller); the same key with another
request is a 422 `idempotency_key_reused`. Credentials (login, users, API keys) and read-only
POSTs (search) are never stored. When the idempotency store is unreachable the request is still
served, marked `Idempotency-Status: unavailable`.
"""


class Health(BaseModel):
    status: str
    database: str
    redis: str
    # Why the status is `degraded`: what does not work, and what is not enforced meanwhile.
    reasons: list[str] = []


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings.log_json)
    # Read (or, in development, create) the key now: a problem shows at start, not on a request.
    _ = settings.server_secret
    # Bounded: a Redis that hangs (rather than refuses) must not hold requests forever.
    app.state.redis = Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=5)
    arq_pool = await create_pool(RedisSettings.from_dsn(settings.redis_url))
    app.state.job_queue = ArqQueue(arq_pool)
    app.state.read_pool = await open_read_pool()
    revocation_listener = asyncio.create_task(
        revocations.listen(plain_dsn(settings.database_url), forget_cached_keys)
    )
    try:
        yield
    finally:
        revocation_listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await revocation_listener
        await app.state.read_pool.close()
        await arq_pool.aclose()
        await app.state.redis.aclose()
        await dispose_engine()


def api_router() -> APIRouter:
    """Every API route under /api/v1, in the order they are matched.

    Routes are tried one by one, so the till's hot paths (a customer by id, the lookup, a
    transaction, a redemption) come first; `/customers/<word>` routes precede
    `/customers/{customer_id}`."""
    router = APIRouter()
    add_routes(
        router,
        API_PREFIX,
        (
            search_router,
            merge_router,
            bulk_router,
            exports_router,
            privacy_router,
            customers_router,
            transactions_router,
            vouchers_router,
            loyalty_router,
            perks_router,
            summary_router,
            locations_router,
            auth_router,
            tenants_router,
            stats_router,
            desk_router,
            segments_router,
            jobs_router,
            tags_router,
            custom_fields_router,
            imports_router,
            events_router,
            webhooks_router,
            unsubscribe_router,
        ),
    )

    @router.get(
        f"{API_PREFIX}/health",
        response_model=Health,
        tags=["health"],
        responses={503: {"model": Health}},
    )
    async def health(request: Request) -> Health | JSONResponse:
        """Liveness and readiness: the database and Redis both answer; `reasons` says what
        is degraded (rate limits fail open while Redis is unreachable)."""
        db, rds, reasons = "ok", "ok", []
        try:
            async with get_sessionmaker()() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            db = "unavailable"
            reasons.append("database unavailable")
        try:
            await request.app.state.redis.ping()
        except Exception:
            rds = "unavailable"
            reasons.append(
                "Redis unavailable: rate limits, login throttling and idempotency not enforced"
            )
        result = Health(
            status="degraded" if reasons else "ok", database=db, redis=rds, reasons=reasons
        )
        if result.status != "ok":
            return JSONResponse(result.model_dump(), status_code=503)
        return result

    return router


class _SpaPath(Convertor[str]):
    """Any path but the API's: an unknown API path, whatever its method, stays a 404 of the
    API (a catch-all that matched it would answer a DELETE with an undocumented 405)."""

    regex = r"(?!api(?:/|$)).*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("spa_path", _SpaPath())


def mount_spa(app: FastAPI, spa_dir: Path) -> None:
    """Serve the built SPA at `/`; unknown paths get index.html so client routes work."""
    index = spa_dir / "index.html"
    root = spa_dir.resolve()

    @app.get("/{path:spa_path}", include_in_schema=False)
    async def spa(path: str) -> FileResponse:
        candidate = (spa_dir / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def create_app() -> FastAPI:
    settings = get_settings()
    application = FastAPI(
        title="Kartoteka API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        responses={422: {"model": Problem, "description": "Validation failed"}},
    )
    install_error_handlers(application, customers_service.UNIQUE_CONFLICTS)
    # The request's sessions and read connections work for the caller's tenant (core.deps).
    application.state.request_tenant = request_tenant
    install_openapi(application, (keeps_responses, OPENAPI_PARAMETER))
    add_routes(application.router, "", [api_router()])
    # The last added runs first. Both Redis users authenticate with the routes' own resolver
    # (memoised on the request) before they touch Redis; the limiter runs before a request is
    # stored, and text that cannot be stored is refused before anyone reads it.
    application.add_middleware(IdempotencyMiddleware, authenticate=resolve_context)
    application.add_middleware(RateLimitMiddleware, authenticate=resolve_context)
    application.add_middleware(InputHygieneMiddleware)
    application.add_middleware(
        BodySizeLimitMiddleware,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_upload_bytes,
        upload_routes=(("POST", f"{API_PREFIX}/imports"),),
    )
    if settings.cors_origins:
        # Closed unless configured: the SPA is served from our own origin and needs none.
        application.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-CSRF-Token"],
            expose_headers=["RateLimit", "RateLimit-Policy", "Retry-After", "Content-Disposition"],
        )
    application.add_middleware(SecurityHeadersMiddleware, hsts=settings.secure_cookies)
    application.add_middleware(AccessLogMiddleware)
    if (settings.spa_dir / "index.html").is_file():
        mount_spa(application, settings.spa_dir)
    return application


app = create_app()
