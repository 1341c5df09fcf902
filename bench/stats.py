import statistics
import time
from collections.abc import Awaitable, Callable


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def latencies(
    call: Callable[[int], Awaitable[None]], n: int, warmup: int = 50
) -> dict[str, float]:
    """p50/p95/p99 in milliseconds of `n` sequential calls."""
    for i in range(warmup):
        await call(i)
    samples = []
    for i in range(n):
        t = time.perf_counter()
        await call(warmup + i)
        samples.append((time.perf_counter() - t) * 1000)
    return {
        "p50": pct(samples, 50),
        "p95": pct(samples, 95),
        "p99": pct(samples, 99),
        "mean": statistics.fmean(samples),
    }


def row(name: str, r: dict[str, float], goal: str) -> str:
    return f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {goal} |"
