"""A number a custom field cannot hold is a row error of the preview (issue #18, item 1)."""

import asyncio

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.custom_fields import service as custom_fields
from tests.imports.conftest import RunJobs, Upload


@pytest.fixture
async def score(session: AsyncSession, ctx: Context) -> None:
    await custom_fields.create_definition(
        session, ctx, key="score", label="Score", kind="number", choices=None, required=False
    )


@pytest.mark.usefixtures("score")
class TestImportPreview:
    async def test_each_bad_number_is_a_row_error(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        values = ["1e99999999", "9" * 5000, "-1e-99999999", "NaN", "Infinity", "12,5"]
        data = "E-mail;Score\n" + "".join(
            f"p{n}@example.pl;{v}\n" for n, v in enumerate(values, start=1)
        )
        imp = await upload(data.encode())
        mapping = {**imp["mapping"], "columns": {"E-mail": "email", "Score": "cf.score"}}
        assert (await client.put(f"/imports/{imp['id']}/mapping", json=mapping)).status_code == 200
        assert (await client.post(f"/imports/{imp['id']}/preview")).status_code == 202
        assert await asyncio.wait_for(run_jobs(), 5) == ["validated"]
        r = await client.get(f"/imports/{imp['id']}/errors")
        assert [(e["row"], e["column"], e["code"]) for e in r.json()["items"]] == [
            (1, "Score", "number_out_of_range"),
            (2, "Score", "number_out_of_range"),
            (3, "Score", "number_out_of_range"),
            (4, "Score", "invalid_value"),
            (5, "Score", "invalid_value"),
        ]
