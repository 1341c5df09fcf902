"""Failed-login throttling per email address, in Redis: guessing passwords gets slow."""

import hashlib

from redis.asyncio import Redis

from app.core.errors import RateLimited

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60


def _key(email: str) -> str:
    return "login-fail:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


async def check(redis: Redis, email: str) -> None:
    failures = int(await redis.get(_key(email)) or 0)
    if failures >= MAX_FAILURES:
        ttl = await redis.ttl(_key(email))
        raise RateLimited(
            "Too many failed logins for this email. Try again later.",
            headers={"Retry-After": str(max(ttl, 1))},
        )


async def failed(redis: Redis, email: str) -> None:
    key = _key(email)
    async with redis.pipeline() as pipe:
        pipe.incr(key)
        pipe.expire(key, WINDOW_SECONDS)
        await pipe.execute()


async def succeeded(redis: Redis, email: str) -> None:
    await redis.delete(_key(email))
