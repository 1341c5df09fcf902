"""The daily retention purge (#14): upload files, staging rows and finished jobs have an end."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.context import TenantInfo
from app.imports.models import Import, ImportRow, ImportRowError
from app.imports.storage import get_storage
from app.jobs.models import Job
from app.privacy.retention import purge
from tests.imports.conftest import RunJobs, Upload
from tests.imports.test_rules import HEADER, _run

FILE = (HEADER + "zofia@example.pl;Zofia;Łęcka;600123456\nnot-an-email;Beata;Nowak;\n").encode()


async def _age(session: AsyncSession, import_id: str, days: int) -> None:
    await session.execute(
        update(Import)
        .where(Import.id == uuid.UUID(import_id))
        .values(updated_at=datetime.now(UTC) - timedelta(days=days))
    )


async def _staged(session: AsyncSession, import_id: str) -> int:
    rows = 0
    for table in (ImportRow, ImportRowError):
        rows += (
            await session.scalar(
                select(func.count())
                .select_from(table)
                .where(table.import_id == uuid.UUID(import_id))
            )
            or 0
        )
    return rows


class TestRetention:
    async def test_the_file_goes_first_then_the_staging_rows_and_the_revert(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        worker_ctx: dict[str, Any],
    ) -> None:
        old = await _run(client, upload, run_jobs, FILE)
        recent = await _run(client, upload, run_jobs, FILE.replace(b"zofia@", b"zosia@"))
        assert old["status"] == recent["status"] == "completed"
        key = await session.scalar(
            select(Import.storage_key).where(Import.id == uuid.UUID(old["id"]))
        )
        path = get_storage().local_path(str(key))
        assert path.exists()

        await _age(session, old["id"], days=40)  # past the upload period, within staging's
        await purge(uow=worker_ctx["unit_of_work"])
        assert not path.exists()
        r = await client.get(f"/imports/{old['id']}/errors.csv")
        assert r.status_code == 410 and r.json()["code"] == "source_file_gone"
        assert await _staged(session, old["id"]) > 0

        await _age(session, old["id"], days=100)
        await purge(uow=worker_ctx["unit_of_work"])
        assert await _staged(session, old["id"]) == 0
        r = await client.post(f"/imports/{old['id']}/revert")
        assert r.status_code == 409 and r.json()["code"] == "import_expired"

        # The recent import keeps everything, and can still be reverted.
        assert await _staged(session, recent["id"]) > 0
        assert (await client.get(f"/imports/{recent['id']}/errors.csv")).status_code == 200
        assert (await client.post(f"/imports/{recent['id']}/revert")).status_code == 202

    async def test_finished_jobs_go_after_their_period_and_running_ones_stay(
        self, session: AsyncSession, tenant: TenantInfo, worker_ctx: dict[str, Any]
    ) -> None:
        long_ago = datetime.now(UTC) - timedelta(days=120)
        done, running, fresh = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        session.add_all(
            [
                Job(
                    id=done,
                    tenant_id=tenant.id,
                    kind="bulk.add_tags",
                    status="succeeded",
                    updated_at=long_ago,
                ),
                Job(
                    id=running,
                    tenant_id=tenant.id,
                    kind="bulk.add_tags",
                    status="running",
                    updated_at=long_ago,
                ),
                Job(id=fresh, tenant_id=tenant.id, kind="bulk.add_tags", status="failed"),
            ]
        )
        await session.flush()
        await purge(uow=worker_ctx["unit_of_work"])
        async with tenancy.as_tenant(session, tenant.id):  # the purge worked tenant by tenant
            left = set(await session.scalars(select(Job.id).where(Job.tenant_id == tenant.id)))
        assert left == {running, fresh}
