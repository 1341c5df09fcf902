"""At most `export_concurrency_per_tenant` exports per tenant at a time, counted in Redis.

A slot is a member of a per-tenant sorted set scored by when it was taken; a slot older
than SLOT_TTL is dropped, so a process that died mid-export frees its slots by itself.
Adding, expiring and counting run in one MULTI, so two requests at once never both get
the last slot (both may be refused: the safe side).
"""

import time
import uuid
from typing import Any

from app.core.config import get_settings
from app.core.errors import RateLimited

# Longer than building the largest export and sending it to a slow client.
SLOT_TTL = 15 * 60


class TooManyExports(RateLimited):
    code = "too_many_exports"
    title = "Too many exports are running for this tenant"


def _key(tenant_id: uuid.UUID) -> str:
    return f"kartoteka:exports:{tenant_id}"


async def acquire(redis: Any, tenant_id: uuid.UUID) -> str:
    """A slot's token, or TooManyExports (429) while the tenant's slots are all taken."""
    cap = get_settings().export_concurrency_per_tenant
    key, token, now = _key(tenant_id), uuid.uuid4().hex, time.time()
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zremrangebyscore(key, "-inf", now - SLOT_TTL)
        pipe.zadd(key, {token: now})
        pipe.zcard(key)
        pipe.expire(key, SLOT_TTL)
        _, _, taken, _ = await pipe.execute()
    if taken > cap:
        await redis.zrem(key, token)
        raise TooManyExports(
            f"At most {cap} exports run at once for a tenant; retry when one is done.",
            headers={"Retry-After": "10"},
        )
    return token


async def release(redis: Any, tenant_id: uuid.UUID, token: str) -> None:
    await redis.zrem(_key(tenant_id), token)
