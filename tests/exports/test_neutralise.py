"""The formula guard: plain negative numbers pass, anything a spreadsheet would run does not."""

import csv
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from app.exports import service as export_service
from tests.factories import create_customer

# Plain decimal numbers, as money and counts are written: data, never a formula.
PLAIN = ["-12.50", "-3", "-0.01", "12.50", "0", "ok", "Kraków"]
# OWASP CSV injection: each of these would be run by a spreadsheet (or is not a plain number).
FORMULAS = [
    "-1+2",
    "-cmd|' /C calc'!A0",
    "-1e3",
    "-12.50 ",
    "-12.50\n",
    "-12.50\n=1",
    "-.5",
    "--1",
    "-",
    "=1+2",
    "+12",
    "@SUM(A1)",
    "\t-1",
    "\r-1",
    '=HYPERLINK("http://x")',
]


async def _export(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    response = await client.post("/customers/export", json={"locale": "en", **body})
    assert response.status_code == 200, response.text
    return response


@pytest.fixture
async def refunded(session: AsyncSession, ctx: Context) -> Customer:
    """A customer whose refunds exceed the purchases, with number-like and formula notes."""
    customer = await create_customer(
        session, ctx, first_name="-12.50", last_name="Zwrot", city="-1+2", notes="-3"
    )
    await session.execute(
        update(Customer).where(Customer.id == customer.id).values(total_spent=Decimal("-12.50"))
    )
    return customer


class TestNeutralise:
    @pytest.mark.parametrize("value", PLAIN)
    def test_plain_numbers_and_text_pass_unchanged(self, value: str) -> None:
        assert export_service.neutralise(value) == value

    @pytest.mark.parametrize("value", FORMULAS)
    def test_formulas_get_an_apostrophe(self, value: str) -> None:
        assert export_service.neutralise(value) == "'" + value

    async def test_postgres_pattern_decides_as_the_python_one(self, session: AsyncSession) -> None:
        """The CSV is neutralised by PostgreSQL, the XLSX by Python: one rule for both."""
        values = PLAIN + FORMULAS
        got = [
            await session.scalar(
                select(func.regexp_replace(literal(v), export_service._FORMULA_PATTERN, "'\\1"))
            )
            for v in values
        ]
        assert got == [export_service.neutralise(v) for v in values]


class TestCsv:
    async def test_negative_money_is_exported_as_a_number(
        self, client: httpx.AsyncClient, refunded: Customer
    ) -> None:
        response = await _export(
            client, columns=["last_name", "total_spent", "first_name", "notes", "city"]
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[1] == ["Zwrot", "-12.50", "-12.50", "-3", "'-1+2"]


class TestXlsx:
    async def test_negative_money_is_a_numeric_cell_and_formulas_are_text(
        self, client: httpx.AsyncClient, refunded: Customer
    ) -> None:
        response = await _export(
            client, format="xlsx", columns=["last_name", "total_spent", "first_name", "city"]
        )
        sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
        cells = dict(re.findall(r'<c r="([A-Z]+2)"([^>]*>.*?)</c>', sheet.decode()))
        # A number cell holds its value; text is an inline string (constant_memory mode).
        assert cells["B2"] == "><v>-12.5</v>"
        assert cells["C2"] == ' t="inlineStr"><is><t>-12.50</t></is>'
        assert cells["D2"] == ' t="inlineStr"><is><t>\'-1+2</t></is>'
        assert b"<f>" not in sheet
