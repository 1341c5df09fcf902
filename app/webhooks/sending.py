"""One HTTP POST of a delivery: signed, 10 s, no redirects, the response's first 1,000 bytes."""

import asyncio
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpcore
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


# Sends at once, over this many connection pools of `CONCURRENCY // LANES` connections each.
# httpcore's pool looks over every connection of its own (and asks the idle ones' sockets
# whether they are readable) each time a request starts or ends: with 16 connections in one
# pool that was most of the dispatcher's CPU per delivery; small pools give the same
# concurrency for less.
CONCURRENCY = 16
LANES = 4
# httpcore without httpx's client on top: a delivery needs no cookies, auth, redirects or URL
# building, and those were a third of the CPU of a send (0.62 -> 0.41 ms on loopback).
# httpcore never follows a redirect: a public URL cannot bounce a delivery to an inside address.
_TIMEOUTS = {"connect": TIMEOUT_SECONDS, "read": TIMEOUT_SECONDS,
             "write": TIMEOUT_SECONDS, "pool": TIMEOUT_SECONDS}  # fmt: skip
# What a failed send raises (a refused connection, a timeout, a broken answer, a bad URL).
_SEND_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


class Senders:
    """The dispatcher's connection pools, one per lane, kept (with their connections) by the
    worker."""

    def __init__(self) -> None:
        # One TLS context for every lane: loading the CA bundle is ~0.2 s of CPU a time.
        tls = httpx.create_ssl_context()
        self.pools = [_pool(tls) for _ in range(LANES)]

    def slots(self) -> "Slots":
        return Slots(self.pools)

    async def aclose(self) -> None:
        for pool in self.pools:
            await pool.aclose()

    async def __aenter__(self) -> "Senders":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class Slots:
    """`CONCURRENCY` sends at once for one dispatch; a slot always sends through the same
    lane, so each lane's pool holds a few connections."""

    def __init__(self, pools: list[httpcore.AsyncConnectionPool]) -> None:
        self._free: asyncio.Queue[httpcore.AsyncConnectionPool] = asyncio.Queue()
        for slot in range(CONCURRENCY):
            self._free.put_nowait(pools[slot % len(pools)])

    @asynccontextmanager
    async def take(self) -> AsyncIterator[httpcore.AsyncConnectionPool]:
        """Wait for a free slot; the pool to send through."""
        pool = await self._free.get()
        try:
            yield pool
        finally:
            self._free.put_nowait(pool)


def make_client() -> Senders:
    return Senders()


def _pool(tls: ssl.SSLContext) -> httpcore.AsyncConnectionPool:
    return httpcore.AsyncConnectionPool(
        ssl_context=tls, max_connections=50, max_keepalive_connections=20
    )


async def post(
    pool: httpcore.AsyncConnectionPool,
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
    headers = [
        (b"User-Agent", USER_AGENT.encode()),
        (b"Content-Type", b"application/json"),
        (SIGNATURE_HEADER.encode(), signature_header(secrets, body).encode()),
        (b"Kartoteka-Event-Id", event_id.encode()),
        (b"Kartoteka-Event-Type", event_type.encode()),
        (b"Kartoteka-Delivery-Id", str(delivery_id).encode()),
    ]
    started = time.perf_counter()
    try:
        async with pool.stream(
            "POST", url, headers=headers, content=body, extensions={"timeout": _TIMEOUTS}
        ) as response:
            chunk = b""
            async for part in response.aiter_stream():
                chunk += part
                if len(chunk) >= SNIPPET_BYTES:
                    break
            latency = int((time.perf_counter() - started) * 1000)
            snippet = chunk[:SNIPPET_BYTES].decode("utf-8", "replace")
            return Outcome(200 <= response.status < 300, response.status, snippet, None, latency)
    except _SEND_ERRORS as exc:
        latency = int((time.perf_counter() - started) * 1000)
        return Outcome(False, None, None, f"{type(exc).__name__}: {exc}"[:500], latency)
