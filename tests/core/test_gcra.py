"""GCRA buckets charged in batches (app/core/gcra.py), on the real Redis: the answers are the
ones requests charged one by one would get, with fewer round trips."""

import asyncio
import uuid
from typing import Any

import pytest
from redis.asyncio import Redis

from app.core.gcra import BatchedCharger, Bucket, Verdict


@pytest.fixture
async def charger(app: Any) -> BatchedCharger:
    return BatchedCharger(app.state.redis)


def _buckets(quota: int, tenant_quota: int = 1000) -> tuple[Bucket, ...]:
    tag = uuid.uuid4().hex
    return (
        Bucket(f"rl:test:key:{tag}", quota, 60_000),
        Bucket(f"rl:test:t:{tag}", tenant_quota, 60_000),
    )


class TestBatches:
    async def test_concurrent_requests_get_the_sequential_answers(
        self, charger: BatchedCharger, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls: list[int] = []
        charge_all = charger._charge_all

        async def counted(buckets: tuple[Bucket, ...], costs: list[int]) -> list[Verdict]:
            calls.append(len(costs))
            return await charge_all(buckets, costs)

        monkeypatch.setattr(charger, "_charge_all", counted)
        buckets = _buckets(50)
        verdicts = await asyncio.gather(*(charger.charge(buckets, 1) for _ in range(60)))
        allowed = [v for v in verdicts if v.allowed]
        assert len(allowed) == 50
        # Each allowed request saw the key bucket one unit emptier: 49, 48, … 0.
        assert sorted(v.buckets[0][0] for v in allowed) == list(range(50))
        assert all(v.retry_ms > 0 for v in verdicts if not v.allowed)
        assert sum(calls) == 60 and len(calls) < 60, calls  # batched: fewer round trips

    async def test_a_refused_request_charges_no_bucket_even_in_a_batch(
        self, charger: BatchedCharger
    ) -> None:
        buckets = _buckets(10, tenant_quota=100)
        verdicts = await asyncio.gather(*(charger.charge(buckets, c) for c in (8, 5, 2)))
        # 8 fits, 5 does not (only 2 left), 2 still fits: each in turn, as if sequential.
        assert [v.allowed for v in verdicts] == [True, False, True]
        assert verdicts[2].buckets[0][0] == 0
        assert verdicts[2].buckets[1][0] == 90  # the tenant paid for 8 + 2 only

    async def test_redis_down_fails_every_waiter(self) -> None:
        charger = BatchedCharger(Redis.from_url("redis://127.0.0.1:1/0"))
        results = await asyncio.gather(
            *(charger.charge(_buckets(5), 1) for _ in range(3)), return_exceptions=True
        )
        assert all(isinstance(r, Exception) for r in results)
        assert charger.queues == {}
