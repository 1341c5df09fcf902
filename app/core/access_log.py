"""One log line per request, with nothing of the people in it.

uvicorn's access log prints the raw path and query string — `/customers/lookup?phone=…`,
`?q=Kowalska`, `/customers/external/CRM-1042` — which would put customers' personal data into
every log store the logs reach. This one logs the route's template instead of the path, never
the query, and the caller by kind and id (not an email). Run uvicorn with `--no-access-log`.
"""

import time

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = structlog.get_logger("kartoteka.access")


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            state = scope.get("state") or {}
            outcome = state.get("auth_outcome")
            principal = getattr(outcome, "principal", None)
            log.info(
                "http.request",
                method=scope["method"],
                route=getattr(route, "path", None) or "(no route)",
                status=status,
                ms=round((time.perf_counter() - started) * 1000, 1),
                principal=f"{principal.kind}:{principal.id}" if principal else None,
            )
