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
    """JSON bodies get `max_body`; uploads to the paths in `upload_paths` get `max_upload`."""

    def __init__(
        self, app: ASGIApp, *, max_body: int, max_upload: int, upload_paths: tuple[str, ...]
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.max_upload if scope["path"].startswith(self.upload_paths) else self.max_body
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
