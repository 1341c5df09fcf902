"""`Idempotency-Key` on POSTs: a retry returns the first response, never a second write.

- Authenticated first. The caller is resolved by the same function the routes use
  (`authenticate`, memoised on the request) before Redis is read or written; a request that
  is refused (bad or revoked key, expired session, missing CSRF) passes on untouched and the
  route answers it. Entries are keyed by tenant and principal (user or API key id), not by
  the credential: a revoked key or an expired session gets its 401, never a stored response,
  and one user's sessions share their keys.
- Stored: 2xx, and the 4xx that judge the request itself (`KEPT_CLIENT_ERRORS`), so a retry
  gets the same answer. Not stored: 401/403 (refused: credentials and rights change), 408/429
  (transient), 3xx (a redirect is not an outcome) and 5xx (the retry should run again).
- Never stored, whatever the status: the routes in `NOT_STORED` (secrets, credentials and
  read-only POSTs). Their Idempotency-Key is ignored.
- Bounded: each principal keeps at most `MAX_ENTRIES_PER_PRINCIPAL` entries (a sorted set
  of its keys by time); the oldest are evicted first. Retries come within seconds, so an
  evicted day-old entry costs nothing in practice, and a busy till is never refused.
- Fingerprint: method, path, query, content type and a SHA-256 of the whole body, computed
  as the body streams past (never buffered). A multipart boundary is random per submission,
  so it is hashed as a fixed marker: a client that rebuilds the form for a retry still
  matches. A key reused with a different request is a 422 `idempotency_key_reused`; a retry
  while the first request still runs is a 409 `idempotency_in_progress`.
- Redis down: the request is served without the guarantee (fail open), a warning is logged
  and the response carries `Idempotency-Status: unavailable`.
"""

import base64
import hashlib
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from python_multipart.multipart import parse_options_header
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.core.context import Context
from app.core.errors import PROBLEM_JSON, AppError

log = structlog.get_logger()

HEADER = b"idempotency-key"
STATUS_HEADER = b"idempotency-status"
PREFIX = "idem:"
INDEX_PREFIX = "idem-index:"
MAX_KEY_LENGTH = 200
MAX_STORED_BODY = 1_048_576
# Worst case one principal holds MAX_ENTRIES × MAX_STORED_BODY; a typical entry is a few KB.
MAX_ENTRIES_PER_PRINCIPAL = 1000
PENDING_TTL_SECONDS = 120
KEPT_CLIENT_ERRORS = frozenset({400, 404, 409, 410, 412, 413, 415, 422})
# The one list of POST routes whose responses are never kept (tests check each exists):
# each path, and everything under it.
NOT_STORED = frozenset(
    {
        # Credentials: a session's CSRF token, a password in the body, a key's secret; and
        # under /users, password resets and key revocations.
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/password",
        "/api/v1/users",
        "/api/v1/api-keys",
        # Reads sent as POST (a filter is too big for a URL): nothing to guard, data to leak.
        "/api/v1/customers/search",
        "/api/v1/customers/search/count",
    }
)


OPENAPI_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A retry with the same key and the same request gets the first response "
    "(24 hours, per caller) instead of a second write; the key with another request is a 422 "
    "`idempotency_key_reused`.",
    # An empty key is no key (the request is served without the guarantee).
    "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
}


def keeps_responses(path: str) -> bool:
    """Whether POSTs to `path` are under the idempotency store (the spec declares the header)."""
    return not never_stored(path)


def never_stored(path: str) -> bool:
    """Whether POSTs to `path` are outside the store: a listed route or one below it."""
    path = path.rstrip("/")
    return any(path == listed or path.startswith(listed + "/") for listed in NOT_STORED)


_BOUNDARY_MARK = b"\x00boundary\x00"

Authenticate = Callable[[Request], Awaitable[Context]]


def _problem(status: int, code: str, title: str) -> bytes:
    return json.dumps(
        {
            "type": f"https://kartoteka.dev/problems/{code}",
            "title": title,
            "status": status,
            "code": code,
        }
    ).encode()


def _kept(status: int) -> bool:
    return 200 <= status < 300 or status in KEPT_CLIENT_ERRORS


class IdempotencyMiddleware:
    def __init__(
        self, app: ASGIApp, *, authenticate: Authenticate, redis: Redis | None = None
    ) -> None:
        self.app = app
        self.authenticate = authenticate
        self.redis = redis

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        key = dict(scope["headers"]).get(HEADER)
        redis: Redis | None = self.redis or getattr(scope["app"].state, "redis", None)
        if not key or redis is None or never_stored(scope["path"]):
            await self.app(scope, receive, send)
            return
        if len(key) > MAX_KEY_LENGTH:
            await _send_problem(send, 400, "invalid_idempotency_key", "Idempotency-Key is too long")
            return
        try:
            ctx = await self.authenticate(Request(scope, receive))
        except AppError:
            # Refused: the route gives the same (memoised) answer; nothing is stored.
            await self.app(scope, receive, send)
            return
        entry = _Entry(redis, ctx, key)
        try:
            record = await entry.claim()
        except RedisError as exc:
            log.warning("idempotency.unavailable", error=str(exc))
            await self.app(scope, receive, _flag_unavailable(send))
            return
        if record is None:
            await self._run_and_store(scope, receive, send, entry)
        elif record.get("state") != "done":
            await _send_problem(
                send,
                409,
                "idempotency_in_progress",
                "A request with this Idempotency-Key is still running",
            )
        elif await _Fingerprint.of_whole_body(scope, receive) != record["fp"]:
            await _send_problem(
                send,
                422,
                "idempotency_key_reused",
                "This Idempotency-Key was used with a different request",
            )
        else:
            await _replay(send, record)

    async def _run_and_store(
        self, scope: Scope, receive: Receive, send: Send, entry: "_Entry"
    ) -> None:
        fingerprint = _Fingerprint(scope)
        hashing_receive = fingerprint.wrap(receive)
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                # A route may answer without reading the body (none declared, or an early
                # error); the fingerprint still has to cover all of it.
                await fingerprint.drain(hashing_receive)
                start.update(message)
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                if size <= MAX_STORED_BODY:
                    chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, hashing_receive, capture)
        except BaseException:
            await entry.release()
            raise
        status = int(start.get("status", 500))
        if not _kept(status) or size > MAX_STORED_BODY or not fingerprint.complete:
            await entry.release()
            return
        await entry.store(
            {
                "state": "done",
                "fp": fingerprint.hexdigest(),
                "status": status,
                "headers": [
                    (k.decode("latin-1"), v.decode("latin-1"))
                    for k, v in start.get("headers", [])
                    if k.lower() != b"set-cookie"
                ],
                "body": base64.b64encode(b"".join(chunks)).decode(),
            }
        )


class _Entry:
    """One principal's entry for one key in Redis, and the principal's index of entries."""

    def __init__(self, redis: Redis, ctx: Context, key: bytes) -> None:
        principal = f"{ctx.tenant_id}:{ctx.principal.kind}:{ctx.principal.id}"
        self.redis = redis
        self.key = f"{PREFIX}{principal}:{hashlib.sha256(key).hexdigest()}"
        self.index = f"{INDEX_PREFIX}{principal}"

    async def claim(self) -> dict[str, Any] | None:
        """None when this request may run (it is marked pending); else what is stored."""
        pending = json.dumps({"state": "pending"})
        if await self.redis.set(self.key, pending, nx=True, ex=PENDING_TTL_SECONDS):
            await self._index()
            return None
        stored = await self.redis.get(self.key)
        # Gone between the two calls (expired): report it as running, the client retries.
        record: dict[str, Any] = json.loads(stored) if stored else {"state": "pending"}
        return record

    async def _index(self) -> None:
        ttl = get_settings().idempotency_ttl_seconds
        now = time.time()
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.zadd(self.index, {self.key: now})
            pipe.zremrangebyscore(self.index, "-inf", now - ttl)
            pipe.expire(self.index, ttl)
            pipe.zcard(self.index)
            count = (await pipe.execute())[-1]
        excess = count - MAX_ENTRIES_PER_PRINCIPAL
        if excess > 0:
            evicted = [k for k, _ in await self.redis.zpopmin(self.index, excess)]
            await self.redis.delete(*evicted)

    async def store(self, record: dict[str, Any]) -> None:
        # xx: an entry evicted while its request ran stays evicted.
        ttl = get_settings().idempotency_ttl_seconds
        try:
            await self.redis.set(self.key, json.dumps(record), ex=ttl, xx=True)
        except RedisError as exc:
            log.warning("idempotency.not_stored", error=str(exc))

    async def release(self) -> None:
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.delete(self.key)
                pipe.zrem(self.index, self.key)
                await pipe.execute()
        except RedisError as exc:
            # The pending mark expires by itself; until then a retry gets a 409.
            log.warning("idempotency.not_released", error=str(exc))


class _Fingerprint:
    """SHA-256 of the request, fed with each body chunk as it passes through."""

    def __init__(self, scope: Scope) -> None:
        content_type = dict(scope["headers"]).get(b"content-type", b"")
        media_type, options = parse_options_header(content_type)
        boundary = options.get(b"boundary") if media_type.startswith(b"multipart/") else None
        self._delimiter = b"--" + boundary if boundary else None
        self._carry = b""
        self._hash = hashlib.sha256()
        self.complete = False
        self._hash.update(
            b"\x00".join(
                [
                    scope["method"].encode(),
                    scope["path"].encode(),
                    scope.get("query_string", b""),
                    media_type if self._delimiter else content_type,
                    b"",
                ]
            )
        )

    @classmethod
    async def of_whole_body(cls, scope: Scope, receive: Receive) -> str:
        fingerprint = cls(scope)
        await fingerprint.drain(fingerprint.wrap(receive))
        return fingerprint.hexdigest() if fingerprint.complete else ""

    def wrap(self, receive: Receive) -> Receive:
        async def hashing_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                self._update(message.get("body", b""))
                self.complete = self.complete or not message.get("more_body", False)
            return message

        return hashing_receive

    async def drain(self, hashing_receive: Receive) -> None:
        """Read (and hash) what the route left of the body; nothing is kept."""
        try:
            while not self.complete:
                if (await hashing_receive())["type"] == "http.disconnect":
                    return
        except HTTPException:
            return  # over the body size limit: incomplete, so never stored

    def _update(self, chunk: bytes) -> None:
        if self._delimiter is None:
            self._hash.update(chunk)
            return
        # A delimiter may straddle two chunks: keep back a tail shorter than one.
        buf = self._carry + chunk
        pos = 0
        while (found := buf.find(self._delimiter, pos)) != -1:
            self._hash.update(buf[pos:found])
            self._hash.update(_BOUNDARY_MARK)
            pos = found + len(self._delimiter)
        keep = max(pos, len(buf) - len(self._delimiter) + 1)
        self._hash.update(buf[pos:keep])
        self._carry = buf[keep:]

    def hexdigest(self) -> str:
        final = self._hash.copy()
        final.update(self._carry)
        return final.hexdigest()


def _flag_unavailable(send: Send) -> Send:
    async def flagged(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), (STATUS_HEADER, b"unavailable")]
            message = {**message, "headers": headers}
        await send(message)

    return flagged


async def _replay(send: Send, record: dict[str, Any]) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in record["headers"]]
    headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": record["status"], "headers": headers})
    await send({"type": "http.response.body", "body": base64.b64decode(record["body"])})


async def _send_problem(send: Send, status: int, code: str, title: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", PROBLEM_JSON.encode())],
        }
    )
    await send({"type": "http.response.body", "body": _problem(status, code, title)})
