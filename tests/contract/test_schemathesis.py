"""The API keeps its own contract: schemathesis (pinned) with every check, seed 42, against the
real app (uvicorn) on this run's real, migrated database, authenticated with an all-scopes key
and with seeded ids for the operations no OpenAPI link reaches (tests/contract/schemathesis.toml).

25 examples per operation on 2 workers, all four phases: about nine minutes on a busy 2-core
machine, more than the four-minute budget; tuning the phases is still to do.
"""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "the API process exited"
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("the API did not come up")


# Not yet at 0 failures (see the branch's report): `make contract` runs it; `make test` will
# once it is green.
@pytest.mark.skipif(
    os.environ.get("KARTOTEKA_CONTRACT") != "1", reason="the contract run: make contract"
)
def test_schemathesis_finds_no_failure(database: str, tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        # The run makes thousands of requests with one key: the limiter has its own tests.
        "KARTOTEKA_RATE_LIMIT_KEY_PER_MINUTE": "100000000",
        "KARTOTEKA_RATE_LIMIT_TENANT_PER_MINUTE": "100000000",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), "--no-access-log"],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_healthy(f"{base}/health", server)
        seeded = subprocess.run(
            [sys.executable, "-m", "tests.contract.seed", base],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        ids = json.loads(seeded.stdout)
        run = subprocess.run(
            [
                str(Path(sys.executable).parent / "st"),
                "--config-file",
                str(HERE / "schemathesis.toml"),
                "run",
                f"{base}/openapi.json",
                "--no-color",
                "--report",
                "junit",
                "--report-dir",
                str(tmp_path),
            ],
            env={**env, **ids, "CONTRACT_BASE_URL": f"http://127.0.0.1:{port}"},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary = run.stdout[-6000:]
    assert run.returncode == 0, summary
