"""Start the API as production would (uvicorn, a worker per core and one more) for a bench."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

BENCH_TENANT_LIMIT = 10_000_000  # requests a minute
API_LOG = os.environ.get("BENCH_API_LOG", "/tmp/kartoteka-bench-api.log")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_api(
    workers: int | None = None, app: str = "app.main:app", env: dict[str, str] | None = None
) -> Iterator[str]:
    """`app` under uvicorn as production runs it; yields its base URL once /health answers."""
    port = _free_port()
    # One more worker than cores: connections spread unevenly over the workers, and with one
    # per core a busy one waits while a core idles (2 cores: ~1,150 req/s with 2, ~1,400 with 3).
    workers = workers or (os.cpu_count() or 2) + 1
    # The limiter runs (its Redis round trip is part of every figure) but is sized for the load
    # a bench offers: the bench key has its own high limit, and the tenant's is raised here.
    # Logs as the image writes them (JSON, see the Dockerfile).
    env = {
        "KARTOTEKA_RATE_LIMIT_TENANT_PER_MINUTE": str(BENCH_TENANT_LIMIT),
        "KARTOTEKA_LOG_JSON": "true",
        **(env or {}),
    }
    # The app logs a line per request, as in production; to a file, not over the figures.
    log = open(API_LOG, "ab")  # closed with the process below
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--workers", str(workers),
         "--no-access-log", "--log-level", "warning", "--loop", "uvloop", "--http", "httptools"],
        env={**os.environ, **env}, stdout=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise RuntimeError("the API did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@contextmanager
def running_worker(settings: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """The arq worker as production runs it (`arq app.worker.WorkerSettings`), one process;
    `settings`: environment variables it gets besides ours."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "arq", "app.worker.WorkerSettings"],
        env={**os.environ, **(settings or {})},
    )
    try:
        time.sleep(3)  # imports and the schema check; jobs queued meanwhile simply wait
        if proc.poll() is not None:
            raise RuntimeError("the worker did not start")
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def peak_rss_mib(pid: int) -> float:
    """The highest resident memory the process has used so far (Linux VmHWM)."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
