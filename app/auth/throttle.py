"""Login attempts per email address, counted in Redis: guessing passwords gets slow.

The attempt is counted before the password is checked, atomically (one Lua script: INCR,
and EXPIRE on the first), so parallel guesses cannot all pass a check made before any of
them is counted. A successful login clears the count.
"""

import hashlib

from redis.asyncio import Redis

from app.core.errors import RateLimited

MAX_ATTEMPTS = 10
WINDOW_SECONDS = 15 * 60

# The window starts at the first attempt (EXPIRE NX needs Redis 7; the embedded one is 6.2).
_COUNT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('TTL', KEYS[1])}
"""


def _key(email: str) -> str:
    return "login-attempts:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


async def attempt(redis: Redis, email: str) -> None:
    """Count one attempt; refuse it (429) once the window's attempts are used up."""
    count, ttl = await redis.eval(_COUNT, 1, _key(email), str(WINDOW_SECONDS))  # type: ignore[misc]
    if int(count) > MAX_ATTEMPTS:
        raise RateLimited(
            "Too many login attempts for this email. Try again later.",
            headers={"Retry-After": str(max(int(ttl), 1))},
        )


async def succeeded(redis: Redis, email: str) -> None:
    await redis.delete(_key(email))
