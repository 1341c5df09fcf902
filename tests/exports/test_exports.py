import csv
import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fontTools.ttLib import TTFont
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.filters.registry import fields_for
from app.customers.models import Customer
from app.exports import service as export_service
from app.exports.schemas import ExportRequest
from tests.exports.pdf_text import pdf_text
from tests.factories import create_customer
from tests.problems import assert_problem


@pytest.fixture
async def people(session: AsyncSession, ctx: Context) -> None:
    await create_customer(
        session, ctx, first_name="Łucja", last_name="Żak", city="Łódź", tags=["VIP"]
    )
    await create_customer(
        session, ctx, first_name='=HYPERLINK("x")', last_name="Evil", city="@SUM(A1)", notes="-2+3"
    )
    await create_customer(session, ctx, first_name="Олена", last_name="Коваленко", city="Київ")


async def _export(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    """The tenant of these tests is Polish; the headings asked for in English unless given."""
    return await client.post("/customers/export", json={"locale": "en", **body})


def _csv(response: httpx.Response, delimiter: str = ";") -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.usefixtures("people")
class TestCsvExport:
    async def test_semicolon_csv_with_bom_and_unicode(self, client: httpx.AsyncClient) -> None:
        response = await _export(
            client, columns=["first_name", "last_name", "city", "tags"], sort="city"
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = _csv(response)
        assert rows[0] == ["First name", "Last name", "City", "Tags"]
        assert rows[1:] == [
            ['\'=HYPERLINK("x")', "Evil", "'@SUM(A1)", ""],
            ["Łucja", "Żak", "Łódź", "VIP"],
            ["Олена", "Коваленко", "Київ", ""],
        ]

    async def test_comma_delimiter(self, client: httpx.AsyncClient) -> None:
        response = await _export(
            client, columns=["last_name", "city"], delimiter=",", filter="city = 'Łódź'"
        )
        assert _csv(response, ",") == [["Last name", "City"], ["Żak", "Łódź"]]

    async def test_headers_in_the_locale_asked_for(self, client: httpx.AsyncClient) -> None:
        response = await _export(client, locale="uk", columns=["last_name", "total_spent"])
        assert _csv(response)[0] == ["Прізвище", "Загальна сума покупок"]

    async def test_a_polish_tenant_gets_polish_headers_whatever_the_browser_says(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await client.post(
            "/customers/export",
            json={"columns": ["first_name", "last_name", "city", "tags", "total_spent", "cards"]},
            headers={"Accept-Language": "en-US,en;q=0.9"},
        )
        assert _csv(response)[0] == [
            "Imię", "Nazwisko", "Miasto", "Tagi", "Suma zakupów", "Karty",
        ]  # fmt: skip

    async def test_formula_prefixes_are_neutralised(self) -> None:
        assert [
            export_service.neutralise(v) for v in ("=1", "+1", "-1+2", "@a", "\tx", "\rx", "ok", 5)
        ] == [
            "'=1",
            "'+1",
            "'-1+2",
            "'@a",
            "'\tx",
            "'\rx",
            "ok",
            5,
        ]

    async def test_unknown_column_is_a_422(self, client: httpx.AsyncClient) -> None:
        assert_problem(await _export(client, columns=["password"]), 422, "validation_failed")


@pytest.mark.usefixtures("people")
class TestOtherFormats:
    async def test_xlsx_is_a_workbook_with_neutralised_text(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await _export(
            client, format="xlsx", columns=["first_name", "city", "total_spent"]
        )
        assert response.status_code == 200
        book = zipfile.ZipFile(io.BytesIO(response.content))
        strings = (
            book.read("xl/sharedStrings.xml").decode()
            if "xl/sharedStrings.xml" in book.namelist()
            else ""
        )
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        assert "Łódź" in strings + sheet
        assert "'=HYPERLINK" in strings + sheet
        assert "<f>" not in sheet

    async def test_pdf_is_rendered(self, client: httpx.AsyncClient) -> None:
        response = await _export(client, format="pdf", columns=["first_name", "last_name", "city"])
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        assert {"Łucja", "Żak", "Łódź", "Олена", "Коваленко", "Київ"} <= set(
            pdf_text(response.content)
        )

    async def test_pdf_prints_polish_ukrainian_and_russian_names(
        self, session: AsyncSession, ctx: Context, client: httpx.AsyncClient
    ) -> None:
        names = [
            ("Łucja", "Żółkiewska", "Gdańsk"),
            ("Олена", "Шевченко", "Львів"),  # Ukrainian: і ї є ґ
            ("Фёдор", "Щербаков", "Подъячев"),  # Russian: ё щ ъ ы э
            ("Ґанна", "Їжакевич", "Єнакієве"),
            ("Эльвира", "Быстрова", "Санкт-Петербург"),
        ]
        for first, last, city in names:
            await create_customer(session, ctx, first_name=first, last_name=last, city=city)
        response = await _export(
            client,
            locale="uk",
            format="pdf",
            columns=["first_name", "last_name", "city"],
            filter="city != 'Łódź' AND city != 'Київ' AND last_name != 'Evil'",
        )
        assert response.status_code == 200, response.text
        shown = pdf_text(response.content)
        for first, last, city in names:
            assert {first, last, city} <= set(shown)
        # The headings in Ukrainian, set in the bold face, read back too.
        assert shown[1:4] == ["Ім'я", "Прізвище", "Місто"]
        assert not any("?" in s for s in shown)

    def test_pdf_font_has_every_letter_of_the_three_alphabets(self) -> None:
        letters = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" + "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяЄІЇҐ" + "ёъыэЁЪЫЭ"
        for path in export_service.PDF_FONT_FILES.values():
            cmap = TTFont(path).getBestCmap()
            assert [c for c in letters if ord(c) not in cmap] == [], path.name

    async def test_pdf_refuses_too_many_rows(
        self, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(export_service, "PDF_MAX_ROWS", 2)
        response = await _export(client, format="pdf")
        assert response.status_code == 422
        assert response.json()["code"] == "too_many_rows_for_pdf"


@pytest.mark.usefixtures("people")
class TestExportLog:
    async def test_every_export_is_logged(self, client: httpx.AsyncClient) -> None:
        await _export(client, filter="city = 'Łódź'", columns=["last_name"])
        await _export(client, format="pdf", columns=["last_name"])
        body = (await client.get("/exports")).json()
        assert body["total"] == 2
        assert sorted((e["format"], e["row_count"]) for e in body["items"]) == [
            ("csv", 1),
            ("pdf", 3),
        ]
        csv_entry = next(e for e in body["items"] if e["format"] == "csv")
        assert csv_entry["selection"] == {"filter": "city = 'Łódź'"}
        assert csv_entry["actor_label"].startswith("API key test")

    async def test_log_is_per_tenant(
        self, client: httpx.AsyncClient, make_client: Any, other_tenant: Any
    ) -> None:
        await _export(client)
        other = await make_client(tenant=other_tenant)
        assert (await other.get("/exports")).json()["total"] == 0

    async def test_export_needs_the_exports_scope(self, make_client: Any) -> None:
        reader = await make_client(scopes=["customers:read"])
        assert_problem(await _export(reader), 403, "missing_scope")
        assert_problem(await reader.get("/exports"), 403, "missing_scope")

    async def test_other_tenants_customers_are_not_exported(
        self, make_client: Any, other_tenant: Any
    ) -> None:
        other = await make_client(tenant=other_tenant)
        assert _csv(await _export(other, columns=["last_name"])) == [["Last name"]]


class TestCsvRendering:
    async def test_csv_rendered_by_postgres_matches_the_python_rendering_of_every_column(
        self, session: AsyncSession, ctx: Context, client: httpx.AsyncClient
    ) -> None:
        tricky = await create_customer(
            session,
            ctx,
            first_name="=1+2",
            last_name='O"Brien; Jr',
            notes='line "one"\nline two\r\n; end',
            city="-Kraków",
            street="\tTab street",
            birth_date=date(1990, 5, 17),
            tags=["VIP", "@home"],
        )
        await session.execute(
            update(Customer)
            .where(Customer.id == tricky.id)
            .values(
                total_spent=Decimal("-12.50"),
                visits=3,
                last_visit_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
            )
        )
        await create_customer(
            session, ctx, first_name="Олена", last_name="Шевченко", email=None, phone="600 700 800"
        )
        fields = await fields_for(session, ctx.tenant_id)
        columns = [n for n, f in fields.items() if f.sql is not None] + ["tags", "cards"]
        response = await _export(client, columns=columns, sort="last_name", delimiter=",")
        assert response.status_code == 200, response.text
        got = _csv(response, ",")[1:]
        query, _, _ = await export_service.prepare(
            session, ctx, ExportRequest(columns=columns, sort="last_name")
        )
        expected = [
            [str(export_service.neutralise(export_service._plain(v))) for v in row]
            async for row in export_service._rows(session, query)
        ]
        assert len(got) == 2
        assert got == expected
        assert response.content.endswith(b"\r\n")
