"""Imports and erasure (#14): an erased person is neither imported again nor resurrected."""

import uuid

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import TenantInfo
from app.core.jobs import InMemoryQueue
from app.imports.models import Import, ImportRow, ImportRowError
from app.imports.storage import get_storage
from app.privacy.erasure import SCRUB_JOB
from tests.imports.conftest import RunJobs, Upload
from tests.imports.test_rules import HEADER, _run

FILE = (HEADER + "zofia@example.pl;Zofia;Łęcka;600123456\nbeata@example.pl;Beata;Nowak;\n").encode()


async def _erase(client: httpx.AsyncClient, customer_id: str, jobs: InMemoryQueue) -> None:
    r = await client.post(f"/customers/{customer_id}/erase")
    assert r.status_code == 200, r.text
    # Its scrub of Redis and files is tested in tests/privacy; these tests run import jobs only.
    jobs.jobs = [j for j in jobs.jobs if j.function != SCRUB_JOB]


async def _find(client: httpx.AsyncClient, email: str) -> list[dict[str, object]]:
    page = (await client.get("/customers", params={"q": email})).json()
    return [c for c in page["items"] if c["email"] == email]


class TestImportsAfterErasure:
    async def test_the_erased_persons_row_is_a_row_error_without_the_value(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
        jobs: InMemoryQueue,
    ) -> None:
        zofia = (
            await client.post(
                "/customers", json={"email": "zofia@example.pl", "phone": "600123456"}
            )
        ).json()
        await _erase(client, zofia["id"], jobs)
        imp = await _run(client, upload, run_jobs, FILE)
        assert imp["status"] == "completed", imp
        assert imp["counts"]["invalid"] == 1
        errors = list(
            await session.scalars(
                select(ImportRowError).where(
                    ImportRowError.tenant_id == tenant.id,
                    ImportRowError.import_id == uuid.UUID(imp["id"]),
                )
            )
        )
        assert [(e.row_no, e.code, e.value) for e in errors] == [(1, "erased_subject", None)]
        assert await _find(client, "zofia@example.pl") == []
        assert len(await _find(client, "beata@example.pl")) == 1
        report = await client.get(f"/imports/{imp['id']}/errors.csv")
        assert report.status_code == 200, report.text
        lines = report.text.splitlines()
        assert len(lines) == 2 and lines[1].startswith(";;;;")  # the row, blanked, and why
        assert "zofia" not in report.text.lower() and "erased at their request" in report.text

    async def test_staging_rows_of_the_person_are_blanked(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
        jobs: InMemoryQueue,
    ) -> None:
        imp = await _run(client, upload, run_jobs, FILE)
        (zofia,) = await _find(client, "zofia@example.pl")
        await _erase(client, str(zofia["id"]), jobs)
        session.expire_all()
        rows = {
            r.row_no: r
            for r in await session.scalars(
                select(ImportRow).where(
                    ImportRow.tenant_id == tenant.id, ImportRow.import_id == uuid.UUID(imp["id"])
                )
            )
        }
        assert (rows[1].email, rows[1].first_name, rows[1].phone) == (None, None, None)
        assert rows[2].email == "beata@example.pl"  # the others' rows stay for the revert
        got = (await client.get(f"/imports/{imp['id']}")).json()
        assert "Zofia" not in str(got.get("sample"))

    async def test_a_revert_keeps_the_tombstone_and_does_not_restore_the_person(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, jobs: InMemoryQueue
    ) -> None:
        imp = await _run(client, upload, run_jobs, FILE)
        (zofia,) = await _find(client, "zofia@example.pl")
        await client.post("/transactions", json={"customer": {"id": zofia["id"]}, "amount": "50"})
        await _erase(client, str(zofia["id"]), jobs)
        r = await client.post(f"/imports/{imp['id']}/revert")
        assert r.status_code in (200, 202), r.text
        await run_jobs()
        assert (await client.get(f"/imports/{imp['id']}")).json()["status"] == "reverted"
        tomb = (await client.get(f"/customers/{zofia['id']}")).json()
        assert tomb["erased_at"] is not None and tomb["email"] is None
        assert tomb["total_spent"] == "50.00"
        assert await _find(client, "beata@example.pl") == []  # the rest was reverted

    async def test_without_its_upload_the_error_file_is_410(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, session: AsyncSession
    ) -> None:
        imp = await _run(
            client, upload, run_jobs, FILE.replace(b"beata@example.pl", b"not-an-email")
        )
        assert imp["counts"]["invalid"] == 1
        stored = await client.get(f"/imports/{imp['id']}")
        assert stored.status_code == 200
        # As the erasure's scrub job leaves it:
        key = await session.scalar(
            select(Import.storage_key).where(Import.id == uuid.UUID(imp["id"]))
        )
        get_storage().delete(str(key))
        r = await client.get(f"/imports/{imp['id']}/errors.csv")
        assert r.status_code == 410 and r.json()["code"] == "source_file_gone"
