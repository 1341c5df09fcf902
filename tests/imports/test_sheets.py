"""Spreadsheets that would take the API down: far-apart cells, lying zip sizes, odd .xls."""

from pathlib import Path
from typing import Any

import httpx
import pytest

from app.imports import guard, sheets
from tests.imports.conftest import RunJobs
from tests.imports.xlsx_files import (
    SHEET,
    cell,
    declare_size,
    sheet_xml,
    table_rows,
    workbook,
)

HEADER = ["email", "first_name"]
TABLE = [HEADER, *([f"u{n}@example.pl", f"Name {n}"] for n in range(1, 80))]
FILES = Path(__file__).parent / "files"


async def _post(client: httpx.AsyncClient, data: bytes) -> httpx.Response:
    return await client.post("/imports", files={"file": ("klienci.xlsx", data)})


async def _alive(client: httpx.AsyncClient) -> None:
    """The API process still answers (a calamine abort would have killed this one)."""
    r = await client.get("/imports")
    assert r.status_code == 200
    assert r.json()["total"] == 0


async def _preview(client: httpx.AsyncClient, run_jobs: RunJobs, data: bytes) -> dict[str, Any]:
    r = await _post(client, data)
    assert r.status_code == 201, r.text
    imp: dict[str, Any] = r.json()
    assert [c["name"] for c in imp["columns"]] == HEADER
    assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
    await run_jobs()
    got: dict[str, Any] = (await client.get(f"/imports/{imp['id']}")).json()
    return got


class TestFarApartCells:
    async def test_a_declared_far_corner_is_a_422_at_upload(
        self, client: httpx.AsyncClient
    ) -> None:
        far = f'<row r="1048576">{cell("XFD1048576", "x")}</row>'
        data = workbook(sheet_xml([*table_rows(TABLE), far], dimension="A1:XFD1048576"))
        assert len(data) < 5000
        r = await _post(client, data)
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "sheet_too_large"
        await _alive(client)

    async def test_a_far_cell_in_the_first_rows_is_a_422_whatever_the_dimension_says(
        self, client: httpx.AsyncClient
    ) -> None:
        rows = list(table_rows(TABLE))
        rows[1] = rows[1].replace("</row>", cell("XFD1048576", "x") + "</row>")
        r = await _post(client, workbook(sheet_xml(rows, dimension="A1:B80")))
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "sheet_too_large"
        await _alive(client)

    async def test_a_far_cell_after_the_first_rows_fails_the_preview_not_the_worker(
        self, client: httpx.AsyncClient, run_jobs: RunJobs
    ) -> None:
        far = f'<row r="1048576">{cell("XFD1048576", "x")}</row>'
        imp = await _preview(
            client, run_jobs, workbook(sheet_xml([*table_rows(TABLE), far], dimension="A1:B80"))
        )
        assert imp["status"] == "failed"
        assert "cells" in imp["error"]


class TestColumns:
    async def test_a_value_left_of_the_table_after_the_first_rows_does_not_shift_columns(
        self, client: httpx.AsyncClient, run_jobs: RunJobs
    ) -> None:
        # The table starts in column B; row 70 also has a note in column A. Detection reads
        # only the first rows, the preview the whole sheet: both must see the same columns.
        rows = [
            f'<row r="{r}">{cell(f"B{r}", a)}{cell(f"C{r}", b)}</row>'
            for r, (a, b) in enumerate(TABLE, 1)
        ]
        rows[69] = rows[69].replace(">", ">" + cell("A70", "a note"), 1)
        imp = await _preview(client, run_jobs, workbook(sheet_xml(rows)))
        assert imp["status"] == "validated", imp["error"]
        assert imp["counts"]["rows"] == len(TABLE) - 1
        assert imp["counts"]["invalid"] == 0


class TestMemoryCap:
    """A sheet within the cell bound can still need more memory than the child may take:
    the child dies, the request gets a problem (the cap is lowered to make one cheaply)."""

    @pytest.fixture(autouse=True)
    def small_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sheets, "MAX_MEMORY", 150 * 1024 * 1024)

    async def test_a_reader_killed_by_its_cap_is_a_422_and_the_api_lives(
        self, client: httpx.AsyncClient
    ) -> None:
        rows = list(table_rows(TABLE))
        rows[1] = rows[1].replace("</row>", cell("Z400000", "x") + "</row>")  # 10.4M cells
        r = await _post(client, workbook(sheet_xml(rows)))
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "sheet_too_large"
        await _alive(client)

    async def test_upload_reads_only_the_first_rows(
        self, client: httpx.AsyncClient, run_jobs: RunJobs
    ) -> None:
        # The same grid past row 50: detection reads a copy cut before it and succeeds;
        # only the preview's full read meets it (and fails, under this cap).
        far = f'<row r="400000">{cell("Z400000", "x")}</row>'
        imp = await _preview(client, run_jobs, workbook(sheet_xml([*table_rows(TABLE), far])))
        assert imp["status"] == "failed"
        assert "memory" in imp["error"]

    async def test_an_ordinary_sheet_is_read_under_the_cap(
        self, client: httpx.AsyncClient, run_jobs: RunJobs
    ) -> None:
        imp = await _preview(client, run_jobs, workbook(sheet_xml(table_rows(TABLE))))
        assert imp["status"] == "validated", imp["error"]
        assert imp["counts"]["rows"] == len(TABLE) - 1


class TestZipSizes:
    async def test_a_member_larger_than_its_declared_size_is_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        data = declare_size(workbook(sheet_xml(table_rows(TABLE))), SHEET, 100)
        r = await _post(client, data)
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "zip_size_mismatch"

    async def test_a_bomb_declaring_small_sizes_is_refused(self, client: httpx.AsyncClient) -> None:
        padding = " " * (64 * 1024 * 1024)  # whitespace: well-formed, 64 MB unpacked
        data = declare_size(workbook(sheet_xml([*table_rows(TABLE), padding])), SHEET, 1000)
        assert len(data) < 1024 * 1024
        r = await _post(client, data)
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "zip_bomb"
        await _alive(client)


class TestXls:
    def test_an_xls_larger_than_any_real_one_is_refused(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(guard, "MAX_XLS_BYTES", 1024)
        with pytest.raises(guard.FileProblem) as exc:
            guard.check_xls(FILES / "klienci.xls")
        assert exc.value.code == "file_too_large"

    async def test_an_xls_with_a_damaged_header_is_refused(self, client: httpx.AsyncClient) -> None:
        data = bytearray((FILES / "klienci.xls").read_bytes())
        data[30] = 40  # a sector of 2**40 bytes
        r = await client.post("/imports", files={"file": ("klienci.xls", bytes(data))})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unreadable_file"

    async def test_a_real_xls_is_read(self, client: httpx.AsyncClient) -> None:
        data = (FILES / "klienci.xls").read_bytes()
        r = await client.post("/imports", files={"file": ("klienci.xls", data)})
        assert r.status_code == 201, r.text
        assert r.json()["columns"][0]["name"] == "Imię"
