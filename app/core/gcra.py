"""GCRA buckets in Redis, charged in batches: one round trip for all requests in flight.

GCRA (the generic cell rate algorithm): each bucket is one timestamp in Redis, the theoretical
arrival time. A policy of `q` units per `w` seconds lets a caller spend the whole quota at once
and then one unit every `w/q` seconds. A request's buckets (its key or user, and its tenant)
are checked and charged in one Lua script, so parallel requests on several API processes cannot
overspend, and a refused request charges none of them.

A busy API process would otherwise spend a Redis round trip per request. Instead, the requests
of one caller that arrive while a charge is on its way wait for the next one, and that one
charges them all, each in turn as if they had come one by one (the same answers, headers
included, as unbatched). A lone request goes at once: batching adds no delay, only saves calls.
"""

import asyncio
from dataclasses import dataclass, field

from redis.asyncio import Redis

# KEYS: the buckets. ARGV[1]: n, the requests; ARGV[2..n+1]: their costs; then per bucket its
# window (ms) and quota. Each request charges all buckets or none, in order. Returns, per
# request: allowed, retry_after_ms, then per bucket remaining, reset_ms.
_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = tonumber(ARGV[1])
local tats = {}
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  tats[i] = tat
end
local out = {}
for r = 1, n do
  local cost = tonumber(ARGV[1 + r])
  local allowed, retry, new = 1, 0, {}
  for i = 1, #KEYS do
    local window = tonumber(ARGV[n + 2 * i])
    local quota = tonumber(ARGV[n + 2 * i + 1])
    new[i] = tats[i] + math.min(cost, quota) * window / quota
    if new[i] - window > now then
      allowed = 0
      retry = math.max(retry, new[i] - window - now)
    end
  end
  out[#out + 1] = allowed
  out[#out + 1] = math.ceil(retry)
  for i = 1, #KEYS do
    local window = tonumber(ARGV[n + 2 * i])
    local interval = window / tonumber(ARGV[n + 2 * i + 1])
    if allowed == 1 then tats[i] = new[i] end
    out[#out + 1] = math.floor((window - (tats[i] - now)) / interval)
    out[#out + 1] = math.ceil(tats[i] - now)
  end
end
for i = 1, #KEYS do
  if tats[i] > now then
    redis.call('SET', KEYS[i], string.format('%.3f', tats[i]), 'PX', math.ceil(tats[i] - now) + 1)
  end
end
return out
"""


@dataclass(frozen=True)
class Bucket:
    key: str
    quota: int
    window_ms: int


@dataclass(frozen=True)
class Verdict:
    """One request's answer: allowed, retry after (ms), and per bucket (remaining, reset ms)."""

    allowed: bool
    retry_ms: int
    buckets: list[tuple[int, int]]


@dataclass
class _Queue:
    loop: asyncio.AbstractEventLoop
    waiting: list[tuple[int, "asyncio.Future[Verdict]"]] = field(default_factory=list)
    sending: "asyncio.Task[None] | None" = None


class BatchedCharger:
    """Charges requests to their buckets, one Redis call per batch of the same buckets."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.script = redis.register_script(_SCRIPT)
        self.queues: dict[tuple[Bucket, ...], _Queue] = {}

    async def charge(self, buckets: tuple[Bucket, ...], cost: int) -> Verdict:
        loop = asyncio.get_running_loop()
        queue = self.queues.get(buckets)
        if queue is None or queue.loop is not loop:  # (a loop closed mid-call leaves its queue)
            queue = self.queues[buckets] = _Queue(loop)
        answer: asyncio.Future[Verdict] = loop.create_future()
        queue.waiting.append((cost, answer))
        if queue.sending is None:
            queue.sending = loop.create_task(self._send(buckets, queue))
        return await answer

    async def _send(self, buckets: tuple[Bucket, ...], queue: _Queue) -> None:
        try:
            while queue.waiting:
                batch, queue.waiting = queue.waiting, []
                try:
                    verdicts = await self._charge_all(buckets, [cost for cost, _ in batch])
                except BaseException as exc:  # every waiter meets it (Redis down: fail open)
                    for _, answer in batch:
                        if not answer.done():
                            answer.set_exception(exc)
                    if not isinstance(exc, Exception):
                        raise
                    continue
                for (_, answer), verdict in zip(batch, verdicts, strict=True):
                    if not answer.done():
                        answer.set_result(verdict)
        finally:
            queue.sending = None
            if not queue.waiting and self.queues.get(buckets) is queue:
                del self.queues[buckets]

    async def _charge_all(self, buckets: tuple[Bucket, ...], costs: list[int]) -> list[Verdict]:
        args: list[int] = [len(costs), *costs]
        for b in buckets:
            args += [b.window_ms, b.quota]
        out = [int(v) for v in await self.script(keys=[b.key for b in buckets], args=args)]
        step = 2 + 2 * len(buckets)
        return [
            Verdict(
                allowed=bool(out[i]),
                retry_ms=out[i + 1],
                buckets=[(out[j], out[j + 1]) for j in range(i + 2, i + step, 2)],
            )
            for i in range(0, len(out), step)
        ]
