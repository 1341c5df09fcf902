"""An export's file is named through the one Content-Disposition helper, whatever its name."""

import httpx
import pytest

from app.exports import service as export_service
from tests.core.test_downloads import parse


class TestExportFileName:
    @pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
    async def test_default_name_is_an_attachment_with_both_forms(
        self, client: httpx.AsyncClient, fmt: str
    ) -> None:
        r = await client.post("/customers/export", json={"format": fmt, "columns": ["last_name"]})
        assert r.status_code == 200, r.text
        kind, fallback, name = parse(r.headers["content-disposition"])
        assert kind == "attachment"
        assert fallback == name
        assert name.startswith("customers-") and name.endswith(f".{fmt}")

    @pytest.mark.parametrize(
        ("name", "fallback", "utf8"),
        [
            ("klienci-łódź.csv", "klienci-lodz.csv", "klienci-łódź.csv"),
            ("клієнти.csv", "download.csv", "клієнти.csv"),
            ('a"b.csv', "a_b.csv", 'a"b.csv'),
            ("a\r\nX-Evil: 1.csv", "a X-Evil_ 1.csv", "a X-Evil: 1.csv"),
        ],
    )
    async def test_a_non_latin1_or_hostile_name_is_well_formed(
        self,
        client: httpx.AsyncClient,
        monkeypatch: pytest.MonkeyPatch,
        name: str,
        fallback: str,
        utf8: str,
    ) -> None:
        # Export names are generated today; a future name from a segment must stay safe too.
        monkeypatch.setattr(export_service, "file_name", lambda fmt: name)
        r = await client.post("/customers/export", json={"format": "csv", "columns": ["city"]})
        assert r.status_code == 200
        assert parse(r.headers["content-disposition"]) == ("attachment", fallback, utf8)
        assert "x-evil" not in r.headers
