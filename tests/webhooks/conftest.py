"""A real HTTP receiver on a free loopback port (uvicorn), recording what it is sent."""

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn

from app.core.context import SYSTEM, Context, TenantInfo


@dataclass
class Receiver:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    # Status codes to answer with, in turn; the last one repeats.
    statuses: list[int] = field(default_factory=lambda: [200])
    # While set and not yet opened, a request is recorded and then left waiting for an answer.
    gate: asyncio.Event | None = None

    async def app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        self.requests.append({"path": scope["path"], "headers": headers, "body": body})
        if self.gate is not None:
            await self.gate.wait()
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        # A redirect points back at this receiver: following it would show as a second request.
        headers = [(b"location", b"/elsewhere")] if 300 <= status < 400 else []
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"ok" if status < 300 else b"nope"})


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    rec = Receiver(url=f"http://127.0.0.1:{port}/hooks")
    server = uvicorn.Server(
        uvicorn.Config(rec.app, log_level="warning", lifespan="off", interface="asgi3")
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110  (uvicorn exposes a flag, not an event)
        await asyncio.sleep(0.01)
    yield rec
    server.should_exit = True
    await task


@pytest.fixture
def system_ctx(committed_tenant: TenantInfo) -> Context:
    return Context(tenant=committed_tenant, principal=SYSTEM)
