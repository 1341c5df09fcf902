"""The SSRF guard: a webhook URL must reach the public internet, checked at save and again
right before each delivery (DNS answers change; a name may be pointed at 127.0.0.1 later).

Refused unless `KARTOTEKA_WEBHOOKS_ALLOW_PRIVATE` (default: only in development): loopback,
private (RFC 1918, ULA), link-local (169.254.0.0/16 — the cloud metadata service — and fe80::/10),
CGNAT, multicast, reserved and unspecified addresses, whatever the name resolves to. Redirects
are never followed (app/webhooks/sending.py), so a public URL cannot bounce a delivery inside.
"""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from app.core.errors import ValidationFailed

RESOLVE_TIMEOUT_SECONDS = 5.0


class UnsafeUrl(Exception):
    """Why a URL is refused, in words for the delivery log and the 422."""


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def check_url(url: str, *, allow_private: bool) -> None:
    """Raise UnsafeUrl unless `url` is http(s) and every address its host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl("Only http:// and https:// URLs with a host are allowed.")
    if parts.username or parts.password:
        raise UnsafeUrl("Credentials in the URL are not allowed; sign with the endpoint's secret.")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        async with asyncio.timeout(RESOLVE_TIMEOUT_SECONDS):
            infos = await asyncio.get_running_loop().getaddrinfo(
                parts.hostname, port, type=socket.SOCK_STREAM
            )
    except (OSError, TimeoutError) as exc:
        raise UnsafeUrl(f"The host {parts.hostname} does not resolve.") from exc
    for info in infos:
        if _refused(str(info[4][0])):
            raise UnsafeUrl(
                f"The host {parts.hostname} resolves to a private, loopback or link-local "
                "address; webhooks are sent to public addresses only."
            )


async def check_url_or_422(url: str, *, allow_private: bool) -> None:
    try:
        await check_url(url, allow_private=allow_private)
    except UnsafeUrl as exc:
        raise ValidationFailed.field(["body", "url"], "webhook_url_refused", str(exc)) from None
