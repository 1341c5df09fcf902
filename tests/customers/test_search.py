from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.core.context import Context, TenantInfo
from app.customers import search
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
        "q",
        [
            "600 123",
            "600-123",
            "600123456",
            "+48 600 123 456",
            "(600) 123",
            "0048 600 123 456",
            "0048600123456",
        ],
    )
    async def test_phone_fragment_in_any_spelling(self, client: httpx.AsyncClient, q: str) -> None:
        assert await _names(client, q=q) == ["Kowalski"]

    async def test_email_prefix(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="jan.kow") == ["Kowalski"]

    async def test_card_number(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="4000123412341234") == ["Kowalska"]

    async def test_external_id(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="CRM-77") == ["Шевченко"]

    async def test_one_term_by_card_another_by_name(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="40001234 anna") == ["Kowalska"]
        assert await _names(client, q="40001234 jan") == []

    async def test_one_term_by_external_id_another_by_name(self, client: httpx.AsyncClient) -> None:
        assert await _names(client, q="CRM-77 тарас") == ["Шевченко"]
        assert await _names(client, q="CRM-77 kowal") == []

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
                    # Nullable sort keys with ties, values and NULLs (cursor tests).
                    last_visit_at=datetime(2026, 1, 1 + i % 4, tzinfo=UTC) if i % 3 else None,
                    city=("Kraków", "Łódź", None)[i % 3],
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
    @pytest.mark.parametrize("sort", ["-last_visit_at", "last_visit_at", "city,-last_visit_at"])
    async def test_cursor_over_nullable_sort_key(
        self, client: httpx.AsyncClient, sort: str
    ) -> None:
        # Each page starts from a bound on the first key (NULLs first descending, last
        # ascending), which must keep every row after the cursor.
        request: dict[str, Any] = {"page_size": 5, "sort": sort}
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


class TestTotalApart:
    """The list without `total` and the count on its own, asked for in parallel by the SPA."""

    @pytest.fixture
    async def many(self, session: AsyncSession, ctx: Context) -> None:
        for i in range(23):
            session.add(
                Customer(
                    tenant_id=ctx.tenant_id,
                    last_name=f"Nowak{i:02d}" if i % 2 else f"Lis{i:02d}",
                    email=f"n{i}@x.pl",
                    status="active" if i % 3 else "blocked",
                )
            )
        await session.flush()

    @pytest.mark.usefixtures("many")
    async def test_list_carries_total_and_has_more_by_default(
        self, client: httpx.AsyncClient
    ) -> None:
        body = (await client.get("/customers", params={"q": "nowak", "page_size": 5})).json()
        assert (body["total"], body["total_is_estimate"], body["has_more"]) == (11, False, True)

    @pytest.mark.usefixtures("many")
    async def test_list_without_total_says_whether_more_follows(
        self, client: httpx.AsyncClient
    ) -> None:
        params: dict[str, Any] = {"q": "nowak", "page_size": 5, "include_total": "false"}
        first = (await client.get("/customers", params=params)).json()
        last = (await client.get("/customers", params={**params, "page": 3})).json()
        assert (first["total"], first["has_more"], len(first["items"])) == (None, True, 5)
        assert (last["total"], last["has_more"], len(last["items"])) == (None, False, 1)

    @pytest.mark.usefixtures("many")
    async def test_search_without_total(self, client: httpx.AsyncClient) -> None:
        body = (
            await client.post(
                "/customers/search",
                json={"filter": "status = active", "page_size": 20, "include_total": False},
            )
        ).json()
        assert (body["total"], body["has_more"], len(body["items"])) == (None, False, 15)

    @pytest.mark.usefixtures("many")
    async def test_count_is_the_lists_total(self, client: httpx.AsyncClient) -> None:
        params = {"q": "nowak", "filter": "status = active"}
        listed = (await client.get("/customers", params=params)).json()
        counted = await client.get("/customers/count", params=params)
        assert counted.status_code == 200
        assert counted.json() == {"total": listed["total"], "total_is_estimate": False}
        assert listed["total"] == 7

    @pytest.mark.usefixtures("many")
    async def test_count_of_everything(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/customers/count")).json()["total"] == 23

    @pytest.mark.usefixtures("many")
    async def test_search_count_takes_a_filter_tree(self, client: httpx.AsyncClient) -> None:
        tree = {"or": [{"field": "status", "op": "eq", "value": "blocked"}]}
        response = await client.post("/customers/search/count", json={"filter": tree, "q": "lis"})
        assert response.status_code == 200
        assert response.json() == {"total": 4, "total_is_estimate": False}

    async def test_count_of_a_bad_filter_is_a_422(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/customers/count", params={"filter": "city ="})
        assert response.status_code == 422
        tree = {"and": [{"field": "city", "op": "gt", "value": "x"}]}
        response = await client.post("/customers/search/count", json={"filter": tree})
        assert response.json()["code"] == "invalid_filter"
        assert response.json()["errors"][0]["loc"] == ["filter", "and", 0, "op"]

    @pytest.mark.usefixtures("many")
    async def test_count_beyond_the_cap_is_an_estimate_never_below_what_exists(
        self, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(search.counts, "COUNT_CAP", 5)
        monkeypatch.setattr(search.counts, "ESTIMATE_ONLY_ABOVE", 10)
        counted = (await client.get("/customers/count", params={"q": "x.pl"})).json()
        assert counted["total_is_estimate"] is True
        assert counted["total"] >= 6

    @pytest.mark.usefixtures("many")
    async def test_a_page_past_the_cap_counts_nothing(
        self, client: httpx.AsyncClient, engine: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Page 3 of 5 has shown 10 rows and sees more: beyond a cap of 5, a count of at most
        6 rows could only repeat that, so the total is the estimate and nothing is counted."""
        monkeypatch.setattr(search.counts, "COUNT_CAP", 5)
        counts: list[str] = []

        def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if "count(" in statement.lower():
                counts.append(statement)

        event.listen(engine.sync_engine, "before_cursor_execute", seen)
        try:
            page = await client.get("/customers", params={"page": 3, "page_size": 5})
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", seen)
        body = page.json()
        assert len(body["items"]) == 5
        assert body["total_is_estimate"] is True and body["total"] >= 16
        assert counts == []
        first = (await client.get("/customers", params={"page_size": 5})).json()
        assert first["total_is_estimate"] is True and first["total"] >= 6

    @pytest.mark.usefixtures("many")
    async def test_count_sees_only_own_tenant(
        self, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        other = await make_client(tenant=other_tenant)
        assert (await other.get("/customers/count", params={"q": "nowak"})).json()["total"] == 0
        response = await other.post("/customers/search/count", json={"q": "nowak"})
        assert response.json() == {"total": 0, "total_is_estimate": False}

    @pytest.mark.parametrize(("scopes", "status"), [(["customers:read"], 200), (["vouchers"], 403)])
    async def test_count_needs_customers_read(
        self, make_client: Any, scopes: list[str], status: int
    ) -> None:
        client = await make_client(scopes=scopes)
        assert (await client.get("/customers/count")).status_code == status
        assert (await client.post("/customers/search/count", json={})).status_code == status

    async def test_count_needs_credentials(self, anonymous: httpx.AsyncClient) -> None:
        assert (await anonymous.get("/customers/count")).status_code == 401
        assert (await anonymous.post("/customers/search/count", json={})).status_code == 401


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
