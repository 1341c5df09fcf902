"""One HTTP POST of a delivery: signed, 10 s, no redirects, the response's first 1,000 bytes."""

import asyncio
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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


# Sends at once, over this many clients of `CONCURRENCY // LANES` connections each. httpcore's
# pool looks over every connection of its own (and asks the idle ones' sockets whether they are
# readable) each time a request starts or ends: with 16 connections in one pool that was most
# of the dispatcher's CPU per delivery; small pools give the same concurrency for less.
CONCURRENCY = 16
LANES = 4


class Senders:
    """The dispatcher's HTTP clients, one per lane, kept (with their connections) by the worker."""

    def __init__(self) -> None:
        # One TLS context for every lane: loading the CA bundle is ~0.2 s of CPU a time.
        tls = httpx.create_ssl_context()
        self.clients = [_client(tls) for _ in range(LANES)]

    def slots(self) -> "Slots":
        return Slots(self.clients)

    async def aclose(self) -> None:
        for client in self.clients:
            await client.aclose()

    async def __aenter__(self) -> "Senders":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class Slots:
    """`CONCURRENCY` sends at once for one dispatch; a slot always sends through the same
    lane, so each lane's pool holds a few connections."""

    def __init__(self, clients: list[httpx.AsyncClient]) -> None:
        self._free: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
        for slot in range(CONCURRENCY):
            self._free.put_nowait(clients[slot % len(clients)])

    @asynccontextmanager
    async def take(self) -> AsyncIterator[httpx.AsyncClient]:
        """Wait for a free slot; the client to send through."""
        client = await self._free.get()
        try:
            yield client
        finally:
            self._free.put_nowait(client)


def make_client() -> Senders:
    return Senders()


def _client(tls: ssl.SSLContext) -> httpx.AsyncClient:
    # No redirects: a public URL must not bounce a delivery to an inside address.
    return httpx.AsyncClient(
        verify=tls,
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
