"""A tenant writes at most `import_concurrency_per_tenant` imports at once (issue #13, point 2)."""

import httpx
import pytest

from app.core.config import get_settings
from tests.imports.conftest import RunJobs, Upload


async def _validated(client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, n: int) -> str:
    imp = await upload(f"Imię;E-mail\nAnna;cap{n}@x.pl\n".encode())
    assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
    assert await run_jobs() == ["validated"]
    return str(imp["id"])


class TestRunningWrites:
    async def test_a_commit_past_the_cap_waits_for_a_running_one(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(get_settings(), "import_concurrency_per_tenant", 1)
        first = await _validated(client, upload, run_jobs, 1)
        second = await _validated(client, upload, run_jobs, 2)
        assert (await client.post(f"/imports/{first}/commit")).status_code == 202
        refused = await client.post(f"/imports/{second}/commit")
        assert refused.status_code == 429
        assert refused.json()["code"] == "too_many_running"
        assert refused.headers["retry-after"] == "30"
        assert (await client.get(f"/imports/{second}")).json()["status"] == "validated"

        assert await run_jobs() == ["completed"]
        assert (await client.post(f"/imports/{second}/commit")).status_code == 202
        # A revert is a write too: it waits while the second commit runs.
        refused = await client.post(f"/imports/{first}/revert")
        assert refused.json()["code"] == "too_many_running"
