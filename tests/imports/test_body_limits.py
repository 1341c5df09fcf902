"""Only the upload itself may send a large body; the JSON routes under /imports may not."""

from collections.abc import AsyncIterator

import httpx

from app.core.config import get_settings
from tests.imports.conftest import Upload

TWO_MB = 2 * 1024 * 1024


class TestBodyLimits:
    async def test_a_2mb_json_mapping_is_a_413(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        assert get_settings().max_body_bytes < TWO_MB
        imp = await upload(b"email;name\na@example.pl;A\n")
        body = {**imp["mapping"], "tag_separator": ",", "padding": "x" * TWO_MB}
        r = await client.put(f"/imports/{imp['id']}/mapping", json=body)
        assert r.status_code == 413
        assert r.json()["code"] == "payload_too_large"

    async def test_a_2mb_json_body_without_a_length_is_a_413(
        self, client: httpx.AsyncClient, upload: Upload
    ) -> None:
        imp = await upload(b"email;name\na@example.pl;A\n")

        async def chunks() -> AsyncIterator[bytes]:  # streamed: no Content-Length
            for _ in range(TWO_MB // 65536 + 1):
                yield b" " * 65536

        r = await client.put(
            f"/imports/{imp['id']}/settings",
            content=chunks(),
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413
        assert r.json()["code"] == "payload_too_large"

    async def test_a_2mb_csv_upload_still_works(self, client: httpx.AsyncClient) -> None:
        rows = b"".join(b"u%07d@example.pl;Name %d\n" % (n, n) for n in range(90_000))
        data = b"email;name\n" + rows
        assert len(data) > TWO_MB
        r = await client.post("/imports", files={"file": ("big.csv", data)})
        assert r.status_code == 201, r.text
        r = await client.post("/imports", content=data, headers={"Content-Type": "text/csv"})
        assert r.status_code == 201, r.text
