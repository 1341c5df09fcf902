"""Text the database cannot store is refused at the door: a 422 naming the field, never a 500.

PostgreSQL text holds neither NUL nor a lone UTF-16 surrogate (which has no UTF-8 form), and
asyncpg fails on either deep inside a query. They reach us as `%00` in a path or query,
`\\u0000` or `\\ud800` escapes in JSON, or a NUL in a header value. Raw bytes that are not
UTF-8 never get this far: the URL decoder replaces them and the JSON parser refuses them.

JSON bodies are scanned only when an escape that could decode to such a character is present
(a cheap byte search), so ordinary requests are not parsed twice.
"""

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import PROBLEM_JSON, FieldError, Problem

CODE = "invalid_characters"
MESSAGE = "Contains a NUL character or a lone surrogate, which cannot be stored."
_BAD = re.compile("[\x00\ud800-\udfff]")
# `\u0000`, or a `\uD800`-`\uDFFF` escape: only then can a parsed string hold a bad character.
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Loc = list[str | int]


def has_bad_characters(text: str) -> bool:
    return _BAD.search(text) is not None


def bad_fields(value: Any, loc: Loc) -> list[Loc]:
    """The JSON paths of every string (key or value) in `value` that holds a bad character."""
    found: list[Loc] = []
    stack: list[tuple[Any, Loc]] = [(value, loc)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if has_bad_characters(item):
                found.append(where)
        elif isinstance(item, dict):
            for key, child in item.items():
                if has_bad_characters(key):
                    found.append([*where, key])
                stack.append((child, [*where, key]))
        elif isinstance(item, list):
            stack.extend((child, [*where, i]) for i, child in enumerate(item))
    return sorted(found, key=str)


def _request_line_fields(scope: Scope) -> list[Loc]:
    found: list[Loc] = []
    if has_bad_characters(scope["path"]):
        found.append(["path"])
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if has_bad_characters(name) or has_bad_characters(value):
            found.append(["query", name])
    for name, value in scope["headers"]:
        if b"\x00" in value:
            found.append(["header", name.decode("latin-1")])
    return found


def _is_json(scope: Scope) -> bool:
    content_type = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip()
    return content_type == b"application/json" or content_type.endswith(b"+json")


class InputHygieneMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        found = _request_line_fields(scope)
        if found:
            await _refuse(send, found)
            return
        if scope["method"] not in _BODY_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        # Bounded: the body size limit runs outside this middleware.
        chunks: list[bytes] = []
        try:
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    await self.app(scope, _replay([message], receive), send)
                    return
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except HTTPException as exc:
            await _send(send, exc.status_code, "payload_too_large", str(exc.detail), None)
            return
        body = b"".join(chunks)
        if _SUSPECT_ESCAPE.search(body):
            try:
                found = bad_fields(json.loads(body), ["body"])
            except (ValueError, RecursionError):
                found = []  # the route's own parser reports what is wrong with it
            if found:
                await _refuse(send, found)
                return
        whole: Message = {"type": "http.request", "body": body, "more_body": False}
        await self.app(scope, _replay([whole], receive), send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    async def replaying() -> Message:
        if messages:
            return messages.pop(0)
        return await receive()

    return replaying


async def _refuse(send: Send, found: list[Loc]) -> None:
    errors = [FieldError(loc=loc, code=CODE, message=MESSAGE) for loc in found]
    await _send(
        send, 422, CODE, f"{len(errors)} field(s) hold characters that cannot be stored", errors
    )


async def _send(
    send: Send, status: int, code: str, detail: str, errors: list[FieldError] | None
) -> None:
    problem = Problem(
        type=f"https://kartoteka.dev/problems/{code}",
        title="Some fields hold characters that cannot be stored"
        if code == CODE
        else "The request body is too large",
        status=status,
        code=code,
        detail=detail,
        errors=errors,
    )
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", PROBLEM_JSON.encode())],
        }
    )
    body = json.dumps(problem.model_dump(exclude_none=True)).encode()
    await send({"type": "http.response.body", "body": body})
