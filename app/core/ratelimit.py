"""Rate limits per API key (or user) and per tenant, kept in Redis; caps on concurrent work.

- GCRA buckets in Redis (app/core/gcra.py): both buckets of a request (its key or user, and its
  tenant) are charged together or not at all, in batches of the requests in flight.
- Heavier routes cost more units: `COSTS` is the one table.
- Import uploads also hold a slot per tenant while they run (`CONCURRENT`); exports hold
  theirs in app/exports/slots.py, with the same setting.
- Authenticated first, with the routes' own resolver (memoised on the request): a request that
  is refused passes on untouched and the route answers it (login has its own throttle).
- Every API response carries `RateLimit-Policy` and, once the caller is known, `RateLimit`
  (draft-ietf-httpapi-ratelimit-headers-10: `"key";q=1200;w=60` and `"key";r=1187;t=1`).
- Redis unreachable: the request is served (fail open), a warning is logged; `/health`
  reports `degraded` with the reason (its own ping of Redis fails).
"""

import json
import uuid
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.core.context import Context
from app.core.errors import PROBLEM_JSON, AppError, RateLimited
from app.core.gcra import BatchedCharger, Bucket

log = structlog.get_logger()

API_PREFIX = "/api/v1"
WINDOW_SECONDS = 60
# Outside the limits: probes, and the spec and its viewer.
EXEMPT = frozenset({f"{API_PREFIX}/health", f"{API_PREFIX}/openapi.json", f"{API_PREFIX}/docs"})
DEFAULT_COST = 1
# Units a request costs, by route: the work it starts is many times a single read's.
COSTS: dict[tuple[str, str], int] = {
    ("GET", f"{API_PREFIX}/customers/count"): 5,
    ("POST", f"{API_PREFIX}/customers/search/count"): 5,
    ("POST", f"{API_PREFIX}/customers/merge"): 10,
    ("POST", f"{API_PREFIX}/customers/bulk"): 20,
    ("POST", f"{API_PREFIX}/customers/export"): 20,
    ("POST", f"{API_PREFIX}/imports"): 20,
}
# Routes that hold a per-tenant slot while they run, and the setting that caps them.
# Exports take theirs in the exports domain, around building and sending the file.
CONCURRENT: dict[tuple[str, str], str] = {
    ("POST", f"{API_PREFIX}/imports"): "import_concurrency_per_tenant",
}
# A slot left by a killed process frees itself after this long.
SLOT_TTL_SECONDS = 15 * 60

# KEYS[1]: the tenant's running set; ARGV: slot ttl (ms), cap, member. 1 when a slot is taken.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
"""

Authenticate = Callable[[Request], Awaitable[Context]]


class TooManyRunning(AppError):
    status = 429
    code = "too_many_running"
    title = "Too many of these are running for this tenant"


@dataclass(frozen=True)
class Policy:
    name: str
    key: str
    quota: int


def cost_of(method: str, path: str) -> int:
    return COSTS.get((method, path.rstrip("/")), DEFAULT_COST)


def policies(ctx: Context) -> list[Policy]:
    """The caller's buckets: its own (an API key's, or a user's) and its tenant's."""
    settings = get_settings()
    principal = ctx.principal
    own = principal.rate_limit or settings.rate_limit_key_per_minute
    return [
        Policy("key", f"rl:{ctx.tenant_id}:{principal.kind}:{principal.id}", own),
        Policy("tenant", f"rl:{ctx.tenant_id}", settings.rate_limit_tenant_per_minute),
    ]


def policy_header(policies: list[Policy]) -> bytes:
    return ", ".join(f'"{p.name}";q={p.quota};w={WINDOW_SECONDS}' for p in policies).encode()


def _default_policy_header() -> bytes:
    settings = get_settings()
    return policy_header(
        [
            Policy("key", "", settings.rate_limit_key_per_minute),
            Policy("tenant", "", settings.rate_limit_tenant_per_minute),
        ]
    )


_chargers: "weakref.WeakKeyDictionary[Redis, BatchedCharger]" = weakref.WeakKeyDictionary()


async def charge(redis: Redis, buckets: list[Policy], cost: int) -> tuple[bool, int, bytes]:
    """Charge `cost` to every bucket or none: (allowed, retry after in s, `RateLimit` value)."""
    charger = _chargers.get(redis)
    if charger is None:
        charger = _chargers[redis] = BatchedCharger(redis)
    window_ms = WINDOW_SECONDS * 1000
    verdict = await charger.charge(tuple(Bucket(p.key, p.quota, window_ms) for p in buckets), cost)
    fields = []
    for p, (remaining, reset_ms) in zip(buckets, verdict.buckets, strict=True):
        # Refused: nothing is left until the retry time, whatever the bucket's own state.
        seconds = -(-(verdict.retry_ms if not verdict.allowed else reset_ms) // 1000)
        fields.append(f'"{p.name}";r={max(remaining, 0) if verdict.allowed else 0};t={seconds}')
    return verdict.allowed, max(-(-verdict.retry_ms // 1000), 1), ", ".join(fields).encode()


class RateLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, authenticate: Authenticate, redis: Redis | None = None
    ) -> None:
        self.app = app
        self.authenticate = authenticate
        self.redis = redis

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] == "OPTIONS"
            or not path.startswith(API_PREFIX + "/")
            or path.rstrip("/") in EXEMPT
        ):
            await self.app(scope, receive, send)
            return
        redis: Redis | None = self.redis or getattr(scope["app"].state, "redis", None)
        try:
            ctx = await self.authenticate(Request(scope, receive))
        except AppError:
            # Refused: the route gives the same (memoised) answer; nothing is charged.
            await self.app(scope, receive, _with_headers(send, _default_policy_header(), None))
            return
        except Exception:
            # The database failed mid-lookup (not memoised): the route meets the error again
            # inside the app, whose handlers answer it (a 503 to retry), not as a bare 500.
            await self.app(scope, receive, send)
            return
        buckets = policies(ctx)
        policy = policy_header(buckets)
        if redis is None:
            await self.app(scope, receive, _with_headers(send, policy, None))
            return
        try:
            allowed, retry_after, state = await charge(
                redis, buckets, cost_of(scope["method"], path)
            )
        except RedisError as exc:
            _failed_open(exc)
            await self.app(scope, receive, _with_headers(send, policy, None))
            return
        headers = [(b"ratelimit-policy", policy), (b"ratelimit", state)]
        if not allowed:
            await _send_problem(send, RateLimited, retry_after, headers)
            return
        cap_setting = CONCURRENT.get((scope["method"], path.rstrip("/")))
        if cap_setting is None:
            await self.app(scope, receive, _with_headers(send, policy, state))
            return
        await self._run_in_slot(scope, receive, send, redis, ctx, cap_setting, headers)

    async def _run_in_slot(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        redis: Redis,
        ctx: Context,
        cap_setting: str,
        headers: list[tuple[bytes, bytes]],
    ) -> None:
        running = f"running:{ctx.tenant_id}:{scope['path'].rstrip('/')}"
        member = uuid.uuid4().hex
        cap = int(getattr(get_settings(), cap_setting))
        try:
            taken = await redis.eval(  # type: ignore[misc]
                _ACQUIRE, 1, running, str(SLOT_TTL_SECONDS * 1000), str(cap), member
            )
        except RedisError as exc:
            _failed_open(exc)
            taken = None
        if taken == 0:
            await _send_problem(send, TooManyRunning, 5, headers)
            return
        try:
            await self.app(scope, receive, _with_headers(send, headers[0][1], headers[1][1]))
        finally:
            if taken:
                try:
                    await redis.zrem(running, member)
                except RedisError as exc:
                    # The slot frees itself after SLOT_TTL_SECONDS.
                    log.warning("ratelimit.slot_not_released", error=str(exc))


def _failed_open(exc: RedisError) -> None:
    log.warning("ratelimit.unavailable", error=str(exc))


def _with_headers(send: Send, policy: bytes, state: bytes | None) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            extra = [(b"ratelimit-policy", policy)]
            if state is not None:
                extra.append((b"ratelimit", state))
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending


async def _send_problem(
    send: Send, error: type[AppError], retry_after: int, headers: list[tuple[bytes, bytes]]
) -> None:
    problem = error(f"Retry in {retry_after} s.").to_problem()
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"retry-after", str(retry_after).encode()),
                *headers,
            ],
        }
    )
    body = json.dumps(problem.model_dump(exclude_none=True)).encode()
    await send({"type": "http.response.body", "body": body})
