"""Request body size caps, enforced while the body streams in (not after)."""

import json

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import PROBLEM_JSON


def _too_large(limit: int) -> HTTPException:
    # An HTTPException passes through FastAPI's body parsing untouched and is rendered
    # as a 413 problem by the one error handler.
    return HTTPException(
        status_code=413, detail=f"The request body is too large (limit {limit} bytes)"
    )


class BodySizeLimitMiddleware:
    """Every body gets `max_body`; only the upload routes, each an exact (method, path) in
    `upload_routes`, get `max_upload`. A prefix would also let the JSON routes under it
    (`PUT /imports/{id}/mapping`) buffer a 200 MB body in memory."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        max_upload: int,
        upload_routes: tuple[tuple[str, str], ...],
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.upload_routes = frozenset((m, p.rstrip("/")) for m, p in upload_routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        route = (scope["method"], scope["path"].rstrip("/"))
        limit = self.max_upload if route in self.upload_routes else self.max_body
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _reject(send, limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(limit)
            return message

        await self.app(scope, limited_receive, send)


async def _reject(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "type": "https://kartoteka.dev/problems/payload_too_large",
            "title": "The request body is too large",
            "status": 413,
            "code": "payload_too_large",
            "detail": f"The limit is {limit} bytes.",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", PROBLEM_JSON.encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
