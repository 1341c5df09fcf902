"""Each encoding, delimiter and spreadsheet type through upload → preview → commit."""

from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.context import TenantInfo
from app.customers.models import Customer
from tests.conftest import ClientFactory
from tests.imports.conftest import RunJobs, Upload
from tests.problems import assert_problem

FILES = Path(__file__).parent / "files"

# Names that only decode right in the file's own encoding.
PEOPLE = {
    "cp1250": [("Zażółć", "Gęślą"), ("Łucja", "Źdźbło")],
    "iso8859_2": [("Zażółć", "Gęślą"), ("Jaś", "Kąś")],
    "cp1251": [("Ольга", "Петренко"), ("Ярослава", "Шевчук")],
    "cp1252": [("Søren", "Ærø"), ("José", "Núñez")],
    "utf-8-sig": [("Їжак", "Ґудзь"), ("Zażółć", "Gęślą")],
    "utf-16": [("Ольга", "Żółć"), ("Søren", "Ærø")],
}


HEADERS = {
    "cp1251": ("Имя", "Фамилия", "Эл. почта"),
    "cp1252": ("First name", "Last name", "E-mail"),
}


def _csv(encoding: str, delimiter: str) -> bytes:
    lines = [delimiter.join(HEADERS.get(encoding, ("Imię", "Nazwisko", "E-mail")))]
    for n, (first, last) in enumerate(PEOPLE[encoding]):
        lines.append(delimiter.join((first, last, f"p{n}@example.pl")))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


async def _names(session: AsyncSession, tenant: TenantInfo) -> list[tuple[str | None, ...]]:
    async with tenancy.as_tenant(session, tenant.id):
        rows = await session.execute(
            select(Customer.first_name, Customer.last_name, Customer.email)
            .where(Customer.tenant_id == tenant.id)
            .order_by(Customer.email)
        )
    return [tuple(r) for r in rows]


async def _import(client: httpx.AsyncClient, imp: dict[str, object], run_jobs: RunJobs) -> dict:  # type: ignore[type-arg]
    assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
    assert await run_jobs() == ["validated"]
    assert (await client.post(f"/imports/{imp['id']}/commit")).status_code == 202
    assert await run_jobs() == ["completed"]
    got: dict = (await client.get(f"/imports/{imp['id']}")).json()  # type: ignore[type-arg]
    return got


class TestEncodings:
    @pytest.mark.parametrize("encoding", list(PEOPLE))
    async def test_each_encoding_round_trips_the_names(
        self,
        encoding: str,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await upload(_csv(encoding, ";"))
        assert imp["encoding"] == encoding
        done = await _import(client, imp, run_jobs)
        assert done["counts"]["created"] == 2
        assert await _names(session, tenant) == [
            (first, last, f"p{n}@example.pl") for n, (first, last) in enumerate(PEOPLE[encoding])
        ]


class TestDelimiters:
    @pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
    async def test_each_delimiter_is_detected_and_read(
        self,
        delimiter: str,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await upload(_csv("cp1250", delimiter))
        assert (imp["delimiter"], [c["name"] for c in imp["columns"]]) == (
            delimiter,
            ["Imię", "Nazwisko", "E-mail"],
        )
        await _import(client, imp, run_jobs)
        assert [n[:2] for n in await _names(session, tenant)] == PEOPLE["cp1250"]


class TestSpreadsheets:
    @pytest.mark.parametrize("name", ["klienci.xls", "klienci.ods"])
    async def test_legacy_excel_and_opendocument_files_import(
        self,
        name: str,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await upload((FILES / name).read_bytes(), name=name)
        assert imp["file_type"] == name.rsplit(".", 1)[1]
        assert imp["mapping"]["columns"]["Data urodzenia"] == "birth_date"
        done = await _import(client, imp, run_jobs)
        assert (done["counts"]["created"], done["counts"]["invalid"]) == (2, 1)
        rows = (
            await session.execute(
                select(Customer.first_name, Customer.phone, Customer.birth_date)
                .where(Customer.tenant_id == tenant.id)
                .order_by(Customer.email)
            )
        ).all()
        assert [(r[0], r[1], str(r[2]) if r[2] else None) for r in rows] == [
            ("Jan", "+48601234567", None),
            ("Zażółć", "+48600123456", "1990-12-31"),
        ]


class TestTwoTenants:
    async def test_imports_of_two_tenants_side_by_side_stay_apart(
        self,
        make_client: ClientFactory,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
        other_tenant: TenantInfo,
    ) -> None:
        mine, theirs = await make_client(), await make_client(tenant=other_tenant)
        a = await upload(_csv("cp1250", ";"), http=mine)
        b = await upload(_csv("cp1251", ";"), http=theirs)
        # Both previews queued before either runs; then both commits.
        for http, imp in ((mine, a), (theirs, b)):
            assert (await http.post(f"/imports/{imp['id']}/preview")).status_code == 202
        assert await run_jobs() == ["validated", "validated"]
        for http, imp in ((mine, a), (theirs, b)):
            assert (await http.post(f"/imports/{imp['id']}/commit")).status_code == 202
        assert await run_jobs() == ["completed", "completed"]
        # Same emails in both files: each tenant has its own customers.
        assert [n[:2] for n in await _names(session, tenant)] == PEOPLE["cp1250"]
        assert [n[:2] for n in await _names(session, other_tenant)] == PEOPLE["cp1251"]
        assert_problem(await theirs.get(f"/imports/{a['id']}"), 404, "import_not_found")
