"""One HTTP POST of a delivery: signed, 10 s, no redirects, the response's first 1,000 bytes."""

import time
from dataclasses import dataclass

import httpx

from app.webhooks.signing import SIGNATURE_HEADER, signature_header
from app.webhooks.ssrf import UnsafeUrl, check_url

TIMEOUT_SECONDS = 10.0
SNIPPET_BYTES = 1000
USER_AGENT = "Kartoteka-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None
    snippet: str | None
    error: str | None
    latency_ms: int | None


def make_client() -> httpx.AsyncClient:
    # No redirects: a public URL must not bounce a delivery to an inside address.
    return httpx.AsyncClient(
        timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
    )


async def post(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    *,
    secrets: list[str],
    event_id: str,
    event_type: str,
    delivery_id: int,
    allow_private: bool,
) -> Outcome:
    try:
        await check_url(url, allow_private=allow_private)
    except UnsafeUrl as exc:
        return Outcome(False, None, None, f"refused: {exc}"[:500], None)
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature_header(secrets, body),
        "Kartoteka-Event-Id": event_id,
        "Kartoteka-Event-Type": event_type,
        "Kartoteka-Delivery-Id": str(delivery_id),
    }
    started = time.perf_counter()
    try:
        async with client.stream("POST", url, content=body, headers=headers) as response:
            chunk = b""
            async for part in response.aiter_bytes():
                chunk += part
                if len(chunk) >= SNIPPET_BYTES:
                    break
            latency = int((time.perf_counter() - started) * 1000)
            snippet = chunk[:SNIPPET_BYTES].decode("utf-8", "replace")
            return Outcome(
                200 <= response.status_code < 300, response.status_code, snippet, None, latency
            )
    except httpx.HTTPError as exc:
        latency = int((time.perf_counter() - started) * 1000)
        return Outcome(False, None, None, f"{type(exc).__name__}: {exc}"[:500], latency)
