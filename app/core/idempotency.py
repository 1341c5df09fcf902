"""`Idempotency-Key` on every POST: a retry returns the first response, never a second write.

Keys are scoped to the caller's credential and kept in Redis for a day. A key reused with a
different body is a 422; a retry while the first request still runs is a 409.
"""

import hashlib
import json
from typing import Any

from redis.asyncio import Redis
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.core.errors import PROBLEM_JSON

HEADER = b"idempotency-key"
MAX_KEY_LENGTH = 200
MAX_STORED_BODY = 1_048_576
PENDING_TTL_SECONDS = 120
_JSONISH = (b"application/json", b"application/problem+json", b"")


def _problem(status: int, code: str, title: str) -> bytes:
    return json.dumps(
        {
            "type": f"https://kartoteka.dev/problems/{code}",
            "title": title,
            "status": status,
            "code": code,
        }
    ).encode()


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, redis: Redis | None = None) -> None:
        self.app = app
        self.redis = redis

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = headers.get(HEADER)
        identity = headers.get(b"authorization") or _cookie(
            headers.get(b"cookie", b""), b"kt_session"
        )
        redis: Redis | None = self.redis or (
            getattr(scope.get("app"), "state", None) and scope["app"].state.redis
        )
        if not key or not identity or redis is None:
            await self.app(scope, receive, send)
            return
        if len(key) > MAX_KEY_LENGTH:
            await _send_raw(
                send, 400, _problem(400, "invalid_idempotency_key", "Idempotency-Key is too long")
            )
            return

        content_type = headers.get(b"content-type", b"").split(b";")[0].strip()
        body, receive = await _buffer_if_json(content_type, receive)
        fingerprint = hashlib.sha256(
            b"|".join(
                [
                    scope["method"].encode(),
                    scope["path"].encode(),
                    scope.get("query_string", b""),
                    content_type,
                    headers.get(b"content-length", b""),
                    body or b"",
                ]
            )
        ).hexdigest()
        redis_key = "idem:" + hashlib.sha256(identity + b"|" + key).hexdigest()

        stored = await redis.get(redis_key)
        if stored is None and await redis.set(
            redis_key,
            json.dumps({"state": "pending", "fp": fingerprint}),
            nx=True,
            ex=PENDING_TTL_SECONDS,
        ):
            await self._run_and_store(scope, receive, send, redis, redis_key, fingerprint)
            return
        record: dict[str, Any] = json.loads(stored or await redis.get(redis_key) or "{}")
        if record.get("fp") != fingerprint:
            await _send_raw(
                send,
                422,
                _problem(
                    422,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request",
                ),
            )
        elif record.get("state") != "done":
            await _send_raw(
                send,
                409,
                _problem(
                    409,
                    "idempotency_in_progress",
                    "A request with this Idempotency-Key is still running",
                ),
            )
        else:
            replay_headers = [
                (k.encode("latin-1"), v.encode("latin-1")) for k, v in record["headers"]
            ]
            replay_headers.append((b"idempotent-replayed", b"true"))
            await send(
                {
                    "type": "http.response.start",
                    "status": record["status"],
                    "headers": replay_headers,
                }
            )
            await send({"type": "http.response.body", "body": bytes.fromhex(record["body"])})

    async def _run_and_store(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        redis: Redis,
        redis_key: str,
        fingerprint: str,
    ) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0
        too_big = False

        async def capture(message: Message) -> None:
            nonlocal size, too_big
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                if size > MAX_STORED_BODY:
                    too_big = True
                else:
                    chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await redis.delete(redis_key)
            raise
        status = int(start.get("status", 500))
        if status >= 500 or too_big:
            await redis.delete(redis_key)
            return
        record = {
            "state": "done",
            "fp": fingerprint,
            "status": status,
            "headers": [
                (k.decode("latin-1"), v.decode("latin-1"))
                for k, v in start.get("headers", [])
                if k.lower() != b"set-cookie"
            ],
            "body": b"".join(chunks).hex(),
        }
        await redis.set(redis_key, json.dumps(record), ex=get_settings().idempotency_ttl_seconds)


def _cookie(header: bytes, name: bytes) -> bytes | None:
    for part in header.split(b";"):
        k, _, v = part.strip().partition(b"=")
        if k == name and v:
            return v
    return None


async def _buffer_if_json(content_type: bytes, receive: Receive) -> tuple[bytes | None, Receive]:
    """Read a JSON body (already size-capped) so it can be fingerprinted, then replay it.

    Uploads are fingerprinted by type and length only: hashing 200 MB before the handler
    starts would double the upload time.
    """
    if content_type not in _JSONISH:
        return None, receive
    parts: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        parts.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(parts)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


async def _send_raw(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", PROBLEM_JSON.encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
