"""The preview's errors grouped by kind and column, and the error list narrowed to one group."""

from typing import Any

import httpx

from app.core.context import TenantInfo
from tests.conftest import ClientFactory
from tests.imports.conftest import RunJobs, Upload
from tests.problems import assert_problem

CSV = (
    "Imię;Nazwisko;E-mail;Telefon\n"
    "Anna;Kowalska;anna@example.pl;600 123 456\n"
    "Ewa;Zła;not-an-email;\n"
    "Iga;Zła;also@bad;\n"
    "Ola;Zła;@nope;\n"
    "Kasia;Tel;kasia@example.pl;12\n"
    "Olga;Bez;;\n"
    "Zofia;Ok;zofia@example.pl;\n"
).encode("cp1250")


async def _validated(client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs) -> str:
    imp = await upload(CSV)
    assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
    assert await run_jobs() == ["validated"]
    return str(imp["id"])


async def test_groups_count_each_kind_of_problem_largest_first(
    client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
) -> None:
    import_id = await _validated(client, upload, run_jobs)
    r = await client.get(f"/imports/{import_id}/errors/groups")
    assert r.status_code == 200, r.text
    groups: list[dict[str, Any]] = r.json()
    assert groups[0] == {"code": "invalid_email", "column": "E-mail", "count": 3, "first_row": 2}
    by_code = {g["code"]: g for g in groups}
    assert by_code["invalid_phone"]["count"] == 1
    assert by_code["invalid_phone"]["column"] == "Telefon"
    assert by_code["invalid_phone"]["first_row"] == 5
    assert by_code["missing_contact"]["count"] == 1
    total = (await client.get(f"/imports/{import_id}/errors")).json()["total"]
    assert sum(g["count"] for g in groups) == total


async def test_errors_filtered_by_code_and_column(
    client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
) -> None:
    import_id = await _validated(client, upload, run_jobs)
    r = await client.get(f"/imports/{import_id}/errors", params={"code": "invalid_email"})
    body = r.json()
    assert body["total"] == 3
    assert [e["row"] for e in body["items"]] == [2, 3, 4]
    assert {e["code"] for e in body["items"]} == {"invalid_email"}
    r = await client.get(
        f"/imports/{import_id}/errors", params={"code": "invalid_email", "column": "Telefon"}
    )
    assert r.json()["total"] == 0
    r = await client.get(f"/imports/{import_id}/errors", params={"column": "Telefon"})
    assert [e["code"] for e in r.json()["items"]] == ["invalid_phone"]


async def test_groups_of_another_tenants_import_are_404(
    client: httpx.AsyncClient,
    make_client: ClientFactory,
    other_tenant: TenantInfo,
    upload: Upload,
    run_jobs: RunJobs,
) -> None:
    import_id = await _validated(client, upload, run_jobs)
    theirs = await make_client(tenant=other_tenant)
    r = await theirs.get(f"/imports/{import_id}/errors/groups")
    assert_problem(r, 404, "import_not_found")


async def test_groups_of_an_import_without_errors_are_empty(
    client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
) -> None:
    imp = await upload(b"E-mail\nok@example.pl\n")
    assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
    assert await run_jobs() == ["validated"]
    assert (await client.get(f"/imports/{imp['id']}/errors/groups")).json() == []
