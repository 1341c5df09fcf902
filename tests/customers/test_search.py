from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.core.context import Context
from app.customers.models import Customer
from tests.factories import create_customer


async def _names(client: httpx.AsyncClient, **params: Any) -> list[str]:
    response = await client.get("/customers", params=params)
    assert response.status_code == 200, response.text
    return [c["last_name"] for c in response.json()["items"]]


@pytest.fixture
async def people(session: AsyncSession, ctx: Context) -> None:
    await create_customer(
        session,
        ctx,
        first_name="Jan",
        last_name="Kowalski",
        email="jan.kowalski@example.pl",
        city="Łódź",
        phone="600 123 456",
        tags=["VIP"],
    )
    await create_customer(
        session,
        ctx,
        first_name="Anna",
        last_name="Kowalska",
        email="anna@example.pl",
        city="Kraków",
        cards=[{"number": "4000123412341234"}],
    )
    await create_customer(
        session,
        ctx,
        first_name="Тарас",
        last_name="Шевченко",
        email="taras@example.ua",
        external_id="CRM-77",
    )
    await create_customer(
        session,
        ctx,
        first_name="Иван",
        last_name="Иванов",
        email="ivan@example.ru",
        phone="+48 501 222 333",
    )
    await create_customer(session, ctx, first_name="Zoë", last_name="Żółć", email="zoe@example.pl")


@pytest.mark.usefixtures("people")
class TestQuickSearch:
    async def test_accents_are_ignored(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="lodz") == ["Kowalski"]

    async def test_polish_letters_match_without_diacritics(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="zolc") == ["Żółć"]

    async def test_case_is_ignored(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="KOWALSKI") == ["Kowalski"]

    async def test_ukrainian_name_any_case(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="шевЧЕНКО") == ["Шевченко"]

    async def test_russian_name_fragment(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="иван") == ["Иванов"]

    @pytest.mark.parametrize(
        "q", ["600 123", "600-123", "600123456", "+48 600 123 456", "(600) 123"]
    )
    async def test_phone_fragment_in_any_spelling(self, client: httpx.AsyncClient, q: str) -> None:
        assert await _names(client, q=q) == ["Kowalski"]

    async def test_email_prefix(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="jan.kow") == ["Kowalski"]

    async def test_card_number(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="4000123412341234") == ["Kowalska"]

    async def test_external_id(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="CRM-77") == ["Шевченко"]

    async def test_every_term_must_match(self, client: httpx.AsyncClient) -> None:
        assert sorted(await _names(client, q="kowal")) == ["Kowalska", "Kowalski"]
        assert await _names(client, q="kowal\nkrakow") == ["Kowalska"]
        assert await _names(client, q="anna kowal") == ["Kowalska"]

    async def test_exact_email_is_ranked_first(self, client: httpx.AsyncClient) -> None:
        names = await _names(client, q="anna@example.pl")
        assert names[0] == "Kowalska"

    async def test_other_tenants_customers_are_not_found(
        self, make_client: Any, other_tenant: Any
    ) -> None:
        other = await make_client(tenant=other_tenant)
        assert await _names(other, q="kowal") == []

    async def test_filter_and_q_combine(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="kowal", filter="tags = VIP") == ["Kowalski"]


@pytest.mark.usefixtures("people")
class TestListWithFilter:
    async def test_text_filter(self, client: httpx.AsyncClient) -> None:
        assert await _names(
            client, filter="city = 'łódź' OR email ends_with '.ua'", sort="last_name"
        ) == [
            "Kowalski",
            "Шевченко",
        ]

    async def test_invalid_filter_is_a_422_naming_the_node(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/customers/search",
            json={
                "filter": {
                    "and": [
                        {"field": "city", "op": "eq", "value": "x"},
                        {"or": [{"field": "city", "op": "gt", "value": "x"}]},
                    ]
                }
            },
        )
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "invalid_filter"
        assert body["errors"][0]["loc"] == ["filter", "and", 1, "or", 0, "op"]

    async def test_syntax_error_is_a_422(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/customers", params={"filter": "city ="})
        assert response.status_code == 422
        assert response.json()["detail"].startswith("Expected a value")

    async def test_unknown_sort_is_a_422(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/customers", params={"sort": "password"})
        assert response.status_code == 422


class TestSearchPaging:
    @pytest.fixture
    async def many(self, session: AsyncSession, ctx: Context) -> None:
        for i in range(23):
            session.add(
                Customer(
                    tenant_id=ctx.tenant_id,
                    last_name=f"P{i:02d}",
                    email=f"p{i}@x.pl",
                    total_spent=i % 5,
                )
            )
        await session.flush()

    @pytest.mark.usefixtures("many")
    async def test_page_carries_total(self, client: httpx.AsyncClient) -> None:
        body = (
            await client.post(
                "/customers/search", json={"page": 3, "page_size": 10, "sort": "last_name"}
            )
        ).json()
        assert body["total"] == 23
        assert [c["last_name"] for c in body["items"]] == ["P20", "P21", "P22"]
        assert body["next_cursor"] is None

    @pytest.mark.usefixtures("many")
    async def test_cursor_walks_every_customer_once(self, client: httpx.AsyncClient) -> None:
        seen: list[str] = []
        request: dict[str, Any] = {
            "page_size": 4,
            "sort": "-total_spent,last_name",
            "filter": "total_spent >= 0",
        }
        body = (await client.post("/customers/search", json=request)).json()
        while True:
            seen.extend(c["last_name"] for c in body["items"])
            if body["next_cursor"] is None:
                break
            body = (
                await client.post(
                    "/customers/search", json={**request, "cursor": body["next_cursor"]}
                )
            ).json()
            assert body["total"] is None
        assert len(seen) == 23 == len(set(seen))
        assert seen[:5] == ["P04", "P09", "P14", "P19", "P03"]

    @pytest.mark.usefixtures("many")
    async def test_cursor_over_nullable_sort_key(self, client: httpx.AsyncClient) -> None:
        request: dict[str, Any] = {"page_size": 5, "sort": "-last_visit_at"}
        body = (await client.post("/customers/search", json=request)).json()
        seen = [c["id"] for c in body["items"]]
        while body["next_cursor"]:
            body = (
                await client.post(
                    "/customers/search", json={**request, "cursor": body["next_cursor"]}
                )
            ).json()
            seen.extend(c["id"] for c in body["items"])
        assert len(seen) == 23 == len(set(seen))

    @pytest.mark.usefixtures("many")
    async def test_tampered_cursor_is_a_400(self, client: httpx.AsyncClient) -> None:
        body = (await client.post("/customers/search", json={"page_size": 4})).json()
        cursor = body["next_cursor"]
        tampered = ("A" if cursor[0] != "A" else "B") + cursor[1:]
        response = await client.post("/customers/search", json={"page_size": 4, "cursor": tampered})
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_cursor"

    @pytest.mark.usefixtures("many")
    async def test_cursor_signed_with_another_secret_key_is_a_400(
        self, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        body = (await client.post("/customers/search", json={"page_size": 4})).json()
        monkeypatch.setenv("KARTOTEKA_SECRET_KEY", "another-server-" + "k" * 32)
        get_settings.cache_clear()
        try:
            response = await client.post(
                "/customers/search", json={"page_size": 4, "cursor": body["next_cursor"]}
            )
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_cursor"

    @pytest.mark.usefixtures("many")
    async def test_cursor_of_another_sort_is_a_400(self, client: httpx.AsyncClient) -> None:
        body = (await client.post("/customers/search", json={"page_size": 4})).json()
        response = await client.post(
            "/customers/search",
            json={"page_size": 4, "sort": "last_name", "cursor": body["next_cursor"]},
        )
        assert response.status_code == 400

    @pytest.mark.usefixtures("many")
    async def test_fields_limit_the_output(self, client: httpx.AsyncClient) -> None:
        body = (
            await client.post("/customers/search", json={"page_size": 2, "fields": ["email"]})
        ).json()
        assert set(body["items"][0]) == {"id", "email"}


class TestFieldRegistry:
    async def test_fields_list_types_operators_and_labels(self, client: httpx.AsyncClient) -> None:
        body = (await client.get("/customers/fields", headers={"Accept-Language": "pl"})).json()
        by_name = {f["name"]: f for f in body["items"]}
        assert by_name["total_spent"]["label"] == "Suma zakupów"
        assert by_name["total_spent"]["type"] == "money"
        assert by_name["status"]["enum_values"] == ["active", "blocked", "inactive"]
        assert "has_all" in by_name["tags"]["operators"]
        assert by_name["tags"]["sortable"] is False
        assert by_name["created_at"]["labels"]["uk"] == "Створено"

    async def test_custom_fields_are_listed(self, client: httpx.AsyncClient) -> None:
        created = await client.post(
            "/custom-fields",
            json={"key": "colour", "label": "Colour", "type": "choice", "choices": ["red"]},
        )
        assert created.status_code == 201, created.text
        body = (await client.get("/customers/fields")).json()
        colour = next(f for f in body["items"] if f["name"] == "cf.colour")
        assert colour["type"] == "enum" and colour["enum_values"] == ["red"]

    async def test_needs_read_scope(self, make_client: Any) -> None:
        limited = await make_client(scopes=["imports"])
        assert (await limited.get("/customers/fields")).status_code == 403
