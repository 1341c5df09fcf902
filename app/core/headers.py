"""Security headers on every response, and `Cache-Control: no-store` on the API's.

- The SPA gets a strict Content-Security-Policy: scripts only from our origin (the built
  index.html has no inline script), no plugins, no framing, forms and connections to our
  origin only. Styles allow 'unsafe-inline': Mantine writes its CSS variables into a <style>
  element at runtime; a style cannot run code.
- API responses hold personal data: never stored by a browser or a shared cache, except the
  routes in `CACHEABLE` (no personal data in them), which keep what the route set.
- HSTS only where cookies are secure (production, over HTTPS): on http://localhost it would
  pin a developer's browser to https for a year.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_PREFIX = "/api/v1"
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The interactive docs load their viewer from a CDN with an inline bootstrap script.
DOCS_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'"
HSTS = "max-age=31536000; includeSubDomains"
CACHEABLE = frozenset({f"{API_PREFIX}/openapi.json"})

_COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = path == API_PREFIX or path.startswith(API_PREFIX + "/")

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", []))
                headers = MutableHeaders(scope=message)
                for name, value in _COMMON:
                    headers[name.decode()] = value.decode()
                if path == f"{API_PREFIX}/docs":
                    headers["content-security-policy"] = DOCS_CSP
                else:
                    headers["content-security-policy"] = CSP
                if self.hsts:
                    headers["strict-transport-security"] = HSTS
                if api and path not in CACHEABLE:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, sending)
