"""The import resource through HTTP, with its jobs run in the test's transaction."""

import csv
import io
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.core.context import TenantInfo
from app.core.jobs import InMemoryQueue
from app.customers.models import Customer
from app.imports import recover
from app.imports.models import Import
from tests.conftest import ClientFactory
from tests.imports.conftest import RunJobs, Upload
from tests.problems import assert_problem

CSV = (
    "Imię;Nazwisko;E-mail;Telefon;Data urodzenia;Zgoda marketingowa\n"
    "Anna;Kowalska;anna@example.pl;600 123 456;31.12.1990;tak\n"
    "Jan;Nowak;ANNA@example.pl ;601 234 567;;nie\n"
    "Ewa;Zła;not-an-email;;;tak\n"
    "Olga;Bez;;;;\n"
    "Piotr;Data;piotr@example.pl;;32.13.1990;\n"
    "Kasia;Tel;kasia@example.pl;12;;\n"
    "Zofia;Ok;zofia@example.pl;;1985-05-01;nie\n"
).encode("cp1250")


async def _customers(session: AsyncSession, tenant: TenantInfo) -> list[Customer]:
    rows = await session.scalars(
        select(Customer).where(Customer.tenant_id == tenant.id).order_by(Customer.email)
    )
    return list(rows)


async def _validated(
    client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, data: bytes = CSV
) -> dict[str, Any]:
    imp = await upload(data)
    r = await client.post(f"/imports/{imp['id']}/preview")
    assert r.status_code == 202, r.text
    assert await run_jobs() == ["validated"]
    got: dict[str, Any] = (await client.get(f"/imports/{imp['id']}")).json()
    return got


async def _completed(
    client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, data: bytes = CSV
) -> dict[str, Any]:
    imp = await _validated(client, upload, run_jobs, data)
    assert (await client.post(f"/imports/{imp['id']}/commit")).status_code == 202
    assert await run_jobs() == ["completed"]
    got: dict[str, Any] = (await client.get(f"/imports/{imp['id']}")).json()
    return got


class TestUpload:
    async def test_multipart_upload_detects_settings_and_suggests_mapping(
        self, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        assert imp["status"] == "uploaded"
        assert (imp["file_type"], imp["delimiter"]) == ("csv", ";")
        assert imp["encoding"] in ("cp1250", "windows-1250")
        assert imp["columns"][0] == {
            "name": "Imię",
            "samples": ["Anna", "Jan", "Ewa", "Olga", "Piotr"],
        }
        assert imp["mapping"]["columns"]["Telefon"] == "phone"
        assert imp["mapping"]["columns"]["Zgoda marketingowa"] == "consents.email_marketing"
        assert imp["created_by"]

    async def test_raw_body_upload_takes_the_name_from_a_header(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.post(
            "/imports",
            content=b"email,phone\na@example.pl,600123456\n",
            headers={"Content-Type": "text/csv", "X-File-Name": "raw.csv"},
        )
        assert r.status_code == 201, r.text
        assert r.json()["file_name"] == "raw.csv"
        assert r.json()["mapping"]["columns"] == {"email": "email", "phone": "phone"}

    async def test_detected_settings_can_be_overridden(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        """A file detected wrongly is read again as the user says: columns, samples and the
        suggested mapping follow."""
        data = "Imię|Nazwisko|E-mail\nŁucja|Żółw|l@example.pl\n".encode("cp1250")
        imp = await upload(data, delimiter=",", encoding="cp1252")
        assert (imp["delimiter"], imp["encoding"]) == (",", "cp1252")
        assert [c["name"] for c in imp["columns"]] == ["Imiê|Nazwisko|E-mail"]
        r = await client.put(
            f"/imports/{imp['id']}/settings", json={"delimiter": "|", "encoding": "cp1250"}
        )
        assert r.status_code == 200, r.text
        fixed = r.json()
        assert (fixed["delimiter"], fixed["encoding"], fixed["status"]) == (
            "|",
            "cp1250",
            "uploaded",
        )
        assert fixed["columns"][0] == {"name": "Imię", "samples": ["Łucja"]}
        assert fixed["mapping"]["columns"]["E-mail"] == "email"

    async def test_bad_settings_are_named(self, client: httpx.AsyncClient, upload: Upload) -> None:
        r = await client.post(
            "/imports", files={"file": ("a.csv", b"email\na@b.pl\n")}, params={"delimiter": "x"}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"] == ["query", "delimiter"]
        imp = await upload(b"email\na@b.pl\n")
        r = await client.put(f"/imports/{imp['id']}/settings", json={"encoding": "ebcdic"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"][-1] == "encoding"

    async def test_empty_file_is_a_problem(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/imports", files={"file": ("e.csv", b"")})
        assert r.status_code == 422
        assert r.json()["code"] == "invalid_file"
        assert r.json()["errors"][0]["code"] == "empty_file"

    async def test_multipart_without_a_file_field_is_a_problem(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.post("/imports", data={"other": "x"}, files={"x": ("a.csv", b"a")})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "missing_file"

    async def test_over_the_size_cap_is_413_and_nothing_is_kept(
        self, client: httpx.AsyncClient, tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "max_upload_bytes", 100)
        r = await client.post(
            "/imports",
            content=b"email\n" + b"a@example.pl\n" * 20,
            headers={"Content-Type": "text/csv"},
        )
        assert r.status_code == 413
        assert r.json()["code"] == "payload_too_large"
        folder = Path(get_settings().upload_dir) / str(tenant.id)
        assert not folder.exists() or not any(folder.iterdir())
        assert (await client.get("/imports")).json()["total"] == 0


class TestMapping:
    async def test_put_replaces_the_mapping(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        mapping = {**imp["mapping"], "columns": {"E-mail": "email", "Imię": None}}
        mapping["on_duplicate"] = "update"
        r = await client.put(f"/imports/{imp['id']}/mapping", json=mapping)
        assert r.status_code == 200, r.text
        assert r.json()["mapping"]["columns"] == {"E-mail": "email", "Imię": None}
        assert r.json()["mapping"]["on_duplicate"] == "update"

    @pytest.mark.parametrize(
        ("columns", "code"),
        [
            ({"Nie ma": "email"}, "unknown_column"),
            ({"Imię": "shoe_size"}, "unknown_target"),
            ({"Imię": "consents.pigeon"}, "unknown_target"),
            ({"Imię": "cf.nope"}, "unknown_target"),
            ({"Imię": "email", "E-mail": "email"}, "duplicate_target"),
        ],
    )
    async def test_invalid_mapping_is_a_problem(
        self, client: httpx.AsyncClient, upload: Upload, columns: dict[str, str], code: str
    ) -> None:
        imp = await upload(CSV)
        r = await client.put(f"/imports/{imp['id']}/mapping", json={"columns": columns})
        assert r.status_code == 422
        assert r.json()["code"] == "invalid_mapping"
        assert r.json()["errors"][0]["code"] == code

    async def test_unknown_option_is_refused(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        r = await client.put(
            f"/imports/{imp['id']}/mapping", json={"columns": {}, "on_duplicate": "merge"}
        )
        assert r.status_code == 422

    async def test_mapping_cannot_change_while_committing(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/commit")
        r = await client.put(f"/imports/{imp['id']}/mapping", json=imp["mapping"])
        assert r.status_code == 409
        assert r.json()["code"] == "import_wrong_status"


class TestPreview:
    async def test_preview_queues_the_validation_job(
        self, client: httpx.AsyncClient, upload: Upload, jobs: InMemoryQueue
    ) -> None:
        imp = await upload(CSV)
        r = await client.post(f"/imports/{imp['id']}/preview")
        assert r.status_code == 202
        assert r.json()["status"] == "validating"
        assert [j.function for j in jobs.jobs] == ["preview_import"]

    async def test_validated_import_reports_counts_and_a_sample(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        assert imp["status"] == "validated"
        counts = imp["counts"]
        assert (counts["rows"], counts["valid"], counts["invalid"]) == (7, 2, 5)
        assert (counts["to_create"], counts["to_update"], counts["to_skip"]) == (2, 0, 0)
        assert imp["progress"] == {
            "phase": "validated",
            "done": 7,
            "total": 7,
            "percent": 100.0,
            "given_up": None,
        }
        assert imp["sample"][0]["email"] == "anna@example.pl"
        assert imp["sample"][0]["phone"] == "+48600123456"

    async def test_errors_list_each_rejected_row(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        r = await client.get(f"/imports/{imp['id']}/errors")
        assert r.status_code == 200
        body = r.json()
        assert body["total"] == 5
        assert [(e["row"], e["code"]) for e in body["items"]] == [
            (2, "duplicate_in_file"),
            (3, "invalid_email"),
            (4, "missing_contact"),
            (5, "invalid_date"),
            (6, "invalid_phone"),
        ]
        first = body["items"][0]
        assert first["column"] == "E-mail" and first["value"] == "anna@example.pl"
        assert first["message"]

    async def test_errors_are_paged(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        r = await client.get(f"/imports/{imp['id']}/errors", params={"page": 2, "page_size": 2})
        assert [e["row"] for e in r.json()["items"]] == [4, 5]
        assert r.json()["total"] == 5

    async def test_errors_csv_is_the_rejected_rows_as_in_the_file_plus_an_error(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        r = await client.get(f"/imports/{imp['id']}/errors.csv")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(r.text.removeprefix("\ufeff")), delimiter=";"))
        assert rows[0] == [
            "Imię", "Nazwisko", "E-mail", "Telefon", "Data urodzenia", "Zgoda marketingowa",
            "error",
        ]  # fmt: skip
        assert [r[:6] for r in rows[1:]] == [
            ["Jan", "Nowak", "ANNA@example.pl ", "601 234 567", "", "nie"],
            ["Ewa", "Zła", "not-an-email", "", "", "tak"],
            ["Olga", "Bez", "", "", "", ""],
            ["Piotr", "Data", "piotr@example.pl", "", "32.13.1990", ""],
            ["Kasia", "Tel", "kasia@example.pl", "12", "", ""],
        ]
        assert all(r[6] for r in rows[1:])

    async def test_preview_of_a_validating_import_is_409(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        await client.post(f"/imports/{imp['id']}/preview")
        r = await client.post(f"/imports/{imp['id']}/preview")
        assert r.status_code == 409


class TestCommit:
    async def test_commit_writes_the_valid_rows(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        assert imp["status"] == "completed"
        assert (imp["counts"]["created"], imp["counts"]["updated"]) == (2, 0)
        assert imp["progress"]["phase"] == "completed"
        people = await _customers(session, tenant)
        assert [(c.email, c.phone) for c in people] == [
            ("anna@example.pl", "+48600123456"),
            ("zofia@example.pl", None),
        ]
        assert all(c.import_id is not None and str(c.import_id) == imp["id"] for c in people)

    async def test_commit_before_preview_is_409(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        r = await client.post(f"/imports/{imp['id']}/commit")
        assert r.status_code == 409
        assert r.json()["code"] == "import_wrong_status"

    async def test_committing_import_is_reported_with_its_phase(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        r = await client.post(f"/imports/{imp['id']}/commit")
        assert r.json()["status"] == "committing"
        assert r.json()["progress"]["phase"] == "committing"


class TestCancel:
    async def test_cancel_of_a_validated_import_drops_its_staging(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        r = await client.post(f"/imports/{imp['id']}/cancel")
        assert r.status_code == 200
        assert r.json()["status"] == "cancelled"
        assert (await client.get(f"/imports/{imp['id']}/errors")).json()["total"] == 0

    async def test_cancel_while_validating_stops_the_job(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await upload(CSV)
        await client.post(f"/imports/{imp['id']}/preview")
        await client.post(f"/imports/{imp['id']}/cancel")
        assert await run_jobs() == ["not validating"]
        assert (await client.get(f"/imports/{imp['id']}")).json()["status"] == "cancelled"

    async def test_cancel_while_committing_undoes_the_writes(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/commit")
        await client.post(f"/imports/{imp['id']}/cancel")
        assert await run_jobs() == ["cancelled"]
        assert await _customers(session, tenant) == []

    async def test_cancel_of_a_completed_import_is_409(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        r = await client.post(f"/imports/{imp['id']}/cancel")
        assert r.status_code == 409


async def _given_up(
    session: AsyncSession, jobs: InMemoryQueue, tenant: TenantInfo, imp: dict[str, Any], kind: str
) -> None:
    """What the sweeper does to a job lost too often: its queued job gone, the import failed."""
    jobs.jobs.clear()
    row = await session.get(Import, (tenant.id, uuid.UUID(imp["id"])))
    assert row is not None
    await recover._give_up(session, row, kind)
    await session.flush()


class TestRevert:
    async def test_revert_deletes_what_the_import_created(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        r = await client.post(f"/imports/{imp['id']}/revert")
        assert r.status_code == 202
        assert r.json()["status"] == "reverting"
        assert await run_jobs() == ["reverted"]
        got = (await client.get(f"/imports/{imp['id']}")).json()
        assert got["status"] == "reverted"
        assert got["progress"] == {
            "phase": "reverted",
            "done": 2,
            "total": 2,
            "percent": 100.0,
            "given_up": None,
        }
        assert await _customers(session, tenant) == []

    async def test_a_rerun_of_the_revert_job_changes_nothing(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        jobs: InMemoryQueue,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/revert")
        job = jobs.jobs[0]
        await run_jobs()
        jobs.jobs.append(job)
        assert await run_jobs() == ["not reverting"]
        assert await _customers(session, tenant) == []

    async def test_a_given_up_revert_can_be_started_again_and_finishes(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        jobs: InMemoryQueue,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/revert")
        # Its job lost again and again (the sweeper's verdict), the revert is given up.
        await _given_up(session, jobs, tenant, imp, "revert")
        failed = (await client.get(f"/imports/{imp['id']}")).json()
        assert failed["status"] == "failed"
        assert failed["progress"]["given_up"] == "revert"
        assert "revert it again" in failed["error"]

        r = await client.post(f"/imports/{imp['id']}/revert")
        assert r.status_code == 202
        assert r.json()["status"] == "reverting" and r.json()["error"] is None
        assert str(jobs.jobs[0].job_id).startswith(
            f"import-revert-{imp['id']}-"
        )  # an id of its own
        assert await run_jobs() == ["reverted"]
        assert (await client.get(f"/imports/{imp['id']}")).json()["status"] == "reverted"
        assert await _customers(session, tenant) == []

    async def test_a_failed_preview_or_commit_cannot_be_reverted(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        jobs: InMemoryQueue,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _validated(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/commit")
        await _given_up(session, jobs, tenant, imp, "commit")
        r = await client.post(f"/imports/{imp['id']}/revert")
        assert_problem(r, 409, "import_wrong_status")

    async def test_cancel_while_reverting_is_409(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/revert")
        assert_problem(
            await client.post(f"/imports/{imp['id']}/cancel"), 409, "import_wrong_status"
        )

    async def test_revert_of_an_uncommitted_import_is_409(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        r = await client.post(f"/imports/{imp['id']}/revert")
        assert_problem(r, 409, "import_wrong_status")

    async def test_second_revert_is_409(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        await client.post(f"/imports/{imp['id']}/revert")
        assert_problem(
            await client.post(f"/imports/{imp['id']}/revert"), 409, "import_wrong_status"
        )
        await run_jobs()
        assert_problem(
            await client.post(f"/imports/{imp['id']}/revert"), 409, "import_wrong_status"
        )


class TestHistory:
    async def test_history_lists_newest_first_with_who(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        await upload(CSV, name="first.csv")
        await upload(CSV, name="second.csv")
        r = await client.get("/imports")
        assert r.status_code == 200
        body = r.json()
        assert body["total"] == 2
        assert {i["file_name"] for i in body["items"]} == {"first.csv", "second.csv"}
        assert all(i["created_by"] for i in body["items"])


class TestEvents:
    async def test_events_stream_the_state_of_a_finished_import(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _completed(client, upload, run_jobs)
        r = await client.get(f"/imports/{imp['id']}/events")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.text.startswith("event: progress\ndata: ")
        assert '"status": "completed"' in r.text


class TestOneShot:
    async def test_mapping_auto_and_commit_true_runs_it_all(
        self,
        client: httpx.AsyncClient,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        r = await client.post(
            "/imports",
            params={"mapping": "auto", "commit": "true"},
            content=CSV,
            headers={"Content-Type": "text/csv", "X-File-Name": "k.csv"},
        )
        assert r.status_code == 201, r.text
        assert r.json()["status"] == "validating"
        assert await run_jobs() == ["validated", "completed"]
        got = (await client.get(f"/imports/{r.json()['id']}")).json()
        assert got["status"] == "completed" and got["counts"]["created"] == 2
        assert len(await _customers(session, tenant)) == 2

    async def test_mapping_must_be_auto(self, client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/imports",
            params={"mapping": "mine"},
            content=CSV,
            headers={"Content-Type": "text/csv"},
        )
        assert r.status_code == 422


ROUTES = [
    ("GET", ""),
    ("PUT", "/mapping"),
    ("POST", "/preview"),
    ("POST", "/commit"),
    ("POST", "/cancel"),
    ("POST", "/revert"),
    ("GET", "/errors"),
    ("GET", "/errors.csv"),
    ("GET", "/events"),
]


class TestAccess:
    async def test_imports_scope_is_required(
        self, make_client: ClientFactory, upload: Upload
    ) -> None:
        imp = await upload(CSV)
        reader = await make_client(scopes=["customers:read"])
        assert_problem(await reader.get("/imports"), 403, "missing_scope")
        assert_problem(await reader.get(f"/imports/{imp['id']}"), 403, "missing_scope")
        r = await reader.post("/imports", files={"file": ("a.csv", CSV)})
        assert_problem(r, 403, "missing_scope")

    @pytest.mark.parametrize(("method", "path"), ROUTES)
    async def test_another_tenant_gets_404(
        self,
        make_client: ClientFactory,
        upload: Upload,
        other_tenant: TenantInfo,
        method: str,
        path: str,
    ) -> None:
        imp = await upload(CSV)
        stranger = await make_client(tenant=other_tenant)
        body = {"columns": {}} if method == "PUT" else None
        r = await stranger.request(method, f"/imports/{imp['id']}{path}", json=body)
        assert r.status_code == 404, r.text
        assert r.json()["code"] == "import_not_found"

    async def test_history_of_another_tenant_is_not_listed(
        self, make_client: ClientFactory, upload: Upload, other_tenant: TenantInfo
    ) -> None:
        await upload(CSV)
        stranger = await make_client(tenant=other_tenant)
        assert (await stranger.get("/imports")).json()["total"] == 0
