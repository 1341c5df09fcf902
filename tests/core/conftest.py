"""Fixtures for the idempotency tests: the Redis they store into, and a lock between workers.

Some of those tests assert that *no* idempotency entry appeared anywhere (a refused request
has no principal to look under), so they compare `SCAN idem:*` before and after; the lock
keeps a second xdist worker's idempotency tests from writing in between.
"""

import os
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

PREFIX = "idem:"


async def idem_keys(redis: Redis, pattern: str = PREFIX + "*") -> set[str]:
    return {k.decode() async for k in redis.scan_iter(match=pattern, count=1000)}


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(os.environ["REDIS_URL"])
    yield client
    await client.aclose()


@pytest.fixture
async def one_at_a_time(redis: Redis) -> AsyncIterator[None]:
    async with redis.lock("tests:idempotency-lock", timeout=300, blocking_timeout=300):
        yield
