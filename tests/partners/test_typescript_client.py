"""@kartoteka/client (clients/typescript) against the real app: uvicorn on a free port of this
test run's database and Redis, a tenant and an API key committed for real, and the partner
scenario of clients/typescript/test/partner.test.ts run by vitest."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.tenants import service as tenants_service
from tests.contract.test_schemathesis import _free_port, _wait_healthy

PACKAGE = Path(__file__).resolve().parents[2] / "clients" / "typescript"


@pytest.fixture
async def committed_key(engine: AsyncEngine) -> str:
    """An API key of a new tenant, committed: the server runs in another process."""
    async with AsyncSession(engine, expire_on_commit=False) as session:
        slug = f"ts-{uuid.uuid4().hex[:10]}"
        tenant = await tenants_service.create_tenant(session, slug, name=f"Partner {slug}")
        _, token = await auth_service.create_api_key(
            session, tenant.id, name="partner", scopes=sorted(SCOPES), created_by="tests"
        )
        await session.commit()
    return token


def test_the_typescript_client_runs_the_partner_scenario(
    committed_key: str, tmp_path: Path
) -> None:
    if shutil.which("npx") is None or not (PACKAGE / "node_modules").is_dir():
        pytest.skip("clients/typescript is not installed: run `make clients-install`")
    port = _free_port()
    env = {**os.environ, "KARTOTEKA_UPLOAD_DIR": str(tmp_path / "uploads")}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), "--no-access-log"],
        env=env,
        cwd=PACKAGE.parents[1],
    )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/api/v1/health", server)
        run = subprocess.run(
            ["npx", "vitest", "run", "test/partner.test.ts", "--reporter=verbose"],
            env={
                **env,
                "KARTOTEKA_URL": f"http://127.0.0.1:{port}",
                "KARTOTEKA_API_KEY": committed_key,
            },
            cwd=PACKAGE,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-6000:]
    # Ran, not skipped: the four steps of the scenario passed.
    assert "4 passed" in report, report[-3000:]
