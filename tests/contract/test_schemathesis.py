"""The API keeps its own contract: schemathesis (pinned) with every check, seed 42, against the
real app (uvicorn) on a real, migrated database of its own, authenticated with an all-scopes key
and with seeded ids for the operations no OpenAPI link reaches (tests/contract/schemathesis.toml).

Part of `make test` (`make contract` runs it alone). 25 examples per operation on 2 workers, all
four phases, about 7,000 requests: 3 to 3.5 minutes of schemathesis, 4 to 4.5 in all with the
database and the server, on a 2-core machine with a load average of 8. A failure shows schemathesis' own report of each failing case, with a
`curl` to reproduce it.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.citus_nodes import drop_citus_database, make_citus_database

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
# Time for the server to answer its first request: a busy CI machine needs more than seconds.
STARTUP_S = 180


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        assert server.poll() is None, "the API process exited"
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("the API did not come up")


async def _admin(base_url: str, statement: str) -> None:
    dsn = make_url(base_url).set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


@pytest.fixture
def contract_database() -> Iterator[str]:
    """A database of its own: the run commits thousands of rows (tenants, customers, imports)
    that the other tests, on this worker's database, must not see."""
    from alembic import command

    from app.cli import alembic_config

    base = os.environ["KARTOTEKA_TEST_BASE_DATABASE_URL"]
    name = f"kt_contract_{os.getpid()}"
    url = make_url(os.environ["DATABASE_URL"]).set(database=name)
    asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}"'))
    asyncio.run(make_citus_database(base, name))
    rendered = url.render_as_string(hide_password=False)
    # As the owner; the app (and the seed) as the app's role, which the migrations grant.
    owner = make_url(os.environ["MIGRATIONS_DATABASE_URL"]).set(database=name)
    command.upgrade(alembic_config(owner.render_as_string(hide_password=False)), "heads")
    yield rendered
    asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(drop_citus_database(base, name))


def _failures(report: str) -> str:
    """Schemathesis' ERRORS and FAILURES sections (each case, its check and a curl) and its
    SUMMARY."""
    starts = [i for i in (report.find("= ERRORS ="), report.find("= FAILURES =")) if i >= 0]
    end = report.find("= WARNINGS =")
    failures = report[min(starts) : end if end >= 0 else None] if starts else ""
    summary = report.find("= SUMMARY =")
    return failures[:40_000] + "\n" + (report[summary:] if summary >= 0 else report[-6000:])


def _schemathesis(base: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "st"),
            "--config-file",
            str(HERE / "schemathesis.toml"),
            "run",
            f"{base}/openapi.json",
            "--no-color",
        ],
        env={**env, "SCHEMATHESIS_HOOKS": "tests.contract.hooks"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def _only_tool_errors(report: str) -> bool:
    """Whether a run ended with errors of the tool's own and no failure (no finding)."""
    return "= ERRORS =" in report and "= FAILURES =" not in report and "Server error" not in report


def test_schemathesis_finds_no_failure(contract_database: str, tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    env = {
        **os.environ,
        "DATABASE_URL": contract_database,
        "MIGRATIONS_DATABASE_URL": make_url(os.environ["MIGRATIONS_DATABASE_URL"])
        .set(database=make_url(contract_database).database)
        .render_as_string(hide_password=False),
        "KARTOTEKA_UPLOAD_DIR": str(tmp_path / "uploads"),
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
        st_env = {**env, **ids, "CONTRACT_BASE_URL": f"http://127.0.0.1:{port}"}
        run = _schemathesis(base, st_env)
        if _only_tool_errors(run.stdout):
            # An error inside schemathesis itself (seen once: a KeyError in its own coverage
            # phase), with no failure of ours: one more run, the same seed; a finding fails.
            print(run.stdout[-4000:])
            run = _schemathesis(base, st_env)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert run.returncode == 0, _failures(run.stdout) + run.stderr[-6000:]
