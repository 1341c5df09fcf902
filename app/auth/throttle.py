"""Login attempts counted in Redis by email and client address: guessing gets slow, yet a
stranger who knows the owner's email cannot lock the owner out.

Three counters, each over a window that starts at its first attempt:
- per (email, address), strict: `MAX_ATTEMPTS`, then a 429 until the window ends. A success
  from that address clears it.
- per address, across emails: `MAX_PER_ADDRESS`, then a 429 (one machine spraying passwords
  over many accounts). Not for loopback addresses: there every client looks alike (a proxy
  whose forwarded address uvicorn is not told to trust), and all would be refused together.
- per email, across addresses: never a refusal, since the owner must still get in from their
  own address. Past `EMAIL_SLOW_AFTER` attempts each further one waits a little longer (up to
  `MAX_DELAY_SECONDS`), which slows a guesser spread over many addresses.

All three are counted before the password is checked, in one Lua script, so parallel guesses
cannot all pass a check made before any of them is counted. A refused attempt is not counted
against the email: refusals cost the attacker's address, not the owner's account.
"""

import asyncio
import hashlib
import ipaddress

from redis.asyncio import Redis
from starlette.requests import Request

from app.core.errors import RateLimited

MAX_ATTEMPTS = 10
MAX_PER_ADDRESS = 100
WINDOW_SECONDS = 15 * 60
EMAIL_SLOW_AFTER = 30
EMAIL_WINDOW_SECONDS = 60 * 60
DELAY_STEP_SECONDS = 0.25
MAX_DELAY_SECONDS = 5.0

# KEYS: pair, address, email; ARGV: window, max per pair, max per address (0: not counted),
# email window.
# Returns {refused (0/1), seconds to wait when refused, attempts on the email}. The window starts
# at the first attempt (EXPIRE NX needs Redis 7; the embedded one is 6.2).
_COUNT = """
local function count(key, window)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, window) end
  return n
end
local pair = count(KEYS[1], ARGV[1])
if pair > tonumber(ARGV[2]) then return {1, redis.call('TTL', KEYS[1]), 0} end
if ARGV[3] ~= '0' and count(KEYS[2], ARGV[1]) > tonumber(ARGV[3]) then
  return {1, redis.call('TTL', KEYS[2]), 0}
end
return {0, 0, count(KEYS[3], ARGV[4])}
"""


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _keys(email: str, address: str) -> list[str]:
    email = email.strip().lower()
    return [
        "login-attempts:pair:" + _digest(email, address),
        "login-attempts:address:" + _digest(address),
        "login-attempts:email:" + _digest(email),
    ]


def client_address(request: Request) -> str:
    """The caller's address; behind a proxy, uvicorn sets it from `X-Forwarded-For` for the
    proxies it trusts (`--forwarded-allow-ips`), never from a header anyone can send."""
    return request.client.host if request.client else "unknown"


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return True  # "unknown", a test client's name: no address to tell callers apart


def delay_for(email_attempts: int) -> float:
    """How long an attempt waits once the email has had `email_attempts` from anywhere."""
    over = email_attempts - EMAIL_SLOW_AFTER
    return 0.0 if over <= 0 else min(over * DELAY_STEP_SECONDS, MAX_DELAY_SECONDS)


async def attempt(redis: Redis, email: str, address: str) -> None:
    """Count one attempt; refuse it (429) when this address has used up its attempts, and
    make it wait when the email is being guessed at from many places."""
    refused, ttl, email_attempts = await redis.eval(  # type: ignore[misc]
        _COUNT,
        3,
        *_keys(email, address),
        str(WINDOW_SECONDS),
        str(MAX_ATTEMPTS),
        "0" if _loopback(address) else str(MAX_PER_ADDRESS),
        str(EMAIL_WINDOW_SECONDS),
    )
    if int(refused):
        raise RateLimited(
            "Too many login attempts from this address. Try again later.",
            headers={"Retry-After": str(max(int(ttl), 1))},
        )
    if wait := delay_for(int(email_attempts)):
        await asyncio.sleep(wait)


async def succeeded(redis: Redis, email: str, address: str) -> None:
    # Only this address's count: the owner's success must not reset a guesser's delay.
    await redis.delete(_keys(email, address)[0])
