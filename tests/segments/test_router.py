from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.core.context import Context
from tests.factories import create_customer
from tests.problems import assert_problem


@pytest.fixture
async def people(session: AsyncSession, ctx: Context) -> None:
    await create_customer(session, ctx, last_name="Nowak", city="Łódź", tags=["VIP"])
    await create_customer(session, ctx, last_name="Kowalski", city="Łódź")
    await create_customer(session, ctx, last_name="Wiśniewski", city="Kraków", tags=["VIP"])


async def _create(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/segments", json={"name": "Łódź", "filter": "city = 'Łódź'", **body})


@pytest.mark.usefixtures("people")
class TestSegments:
    async def test_create_stores_the_tree_and_counts_members(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await _create(client, columns=["last_name", "city"], sort="last_name")
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["filter"] == {"field": "city", "op": "eq", "value": "Łódź"}
        assert body["member_count"] == 2
        assert body["columns"] == ["last_name", "city"]

    async def test_members_page_in_the_saved_sort(self, client: httpx.AsyncClient) -> None:
        segment = (await _create(client, sort="last_name")).json()
        body = (await client.get(f"/segments/{segment['id']}/customers")).json()
        assert [c["last_name"] for c in body["items"]] == ["Kowalski", "Nowak"]
        assert body["total"] == 2

    async def test_quick_search_terms_narrow_the_segment(self, client: httpx.AsyncClient) -> None:
        segment = (await _create(client, q="nowak")).json()
        assert segment["member_count"] == 1

    async def test_count_is_live(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        segment = (await _create(client)).json()
        await create_customer(session, ctx, last_name="Zieliński", city="Łódź")
        assert (await client.get(f"/segments/{segment['id']}")).json()["member_count"] == 3

    async def test_update_changes_the_filter(self, client: httpx.AsyncClient) -> None:
        segment = (await _create(client)).json()
        response = await client.patch(f"/segments/{segment['id']}", json={"filter": "tags = VIP"})
        assert response.status_code == 200
        assert response.json()["member_count"] == 2

    async def test_invalid_filter_is_rejected(self, client: httpx.AsyncClient) -> None:
        response = await _create(client, filter={"field": "city", "op": "gt", "value": 1})
        assert_problem(response, 422, "invalid_filter")
        assert response.json()["errors"][0]["loc"] == ["body", "filter", "op"]

    async def test_unknown_column_is_rejected(self, client: httpx.AsyncClient) -> None:
        assert_problem(await _create(client, columns=["password"]), 422, "validation_failed")

    async def test_duplicate_name_is_a_conflict(self, client: httpx.AsyncClient) -> None:
        await _create(client)
        response = await _create(client, name="łódź")
        assert response.status_code == 409
        assert response.json()["code"] == "segment_exists"

    async def test_delete_then_not_found(self, client: httpx.AsyncClient) -> None:
        segment = (await _create(client)).json()
        assert (await client.delete(f"/segments/{segment['id']}")).status_code == 204
        assert_problem(await client.get(f"/segments/{segment['id']}"), 404, "segment_not_found")

    async def test_list_runs_no_member_counts(
        self, client: httpx.AsyncClient, connection: AsyncConnection
    ) -> None:
        """A viewer's cheap list request used to count every segment's members (up to 500)."""
        for n in range(5):
            await _create(client, name=f"Łódź {n}")
        statements: list[str] = []

        def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            statements.append(statement)

        event.listen(connection.sync_connection, "before_cursor_execute", seen)
        try:
            body = (await client.get("/segments")).json()
        finally:
            event.remove(connection.sync_connection, "before_cursor_execute", seen)
        assert [(s["name"], s["member_count"]) for s in body][:2] == [
            ("Łódź 0", None),
            ("Łódź 1", None),
        ]
        assert len(body) == 5
        counts = [s for s in statements if "count(" in s.lower() and "customers" in s]
        assert counts == []

    async def test_count_endpoint_counts_one_segment(self, client: httpx.AsyncClient) -> None:
        segment = (await _create(client)).json()
        r = await client.get(f"/segments/{segment['id']}/count")
        assert r.status_code == 200, r.text
        assert r.json() == {"total": 2, "total_is_estimate": False}

    async def test_count_of_an_unknown_segment_is_404(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/segments/00000000-0000-0000-0000-000000000000/count")
        assert r.status_code == 404
        assert r.json()["code"] == "segment_not_found"

    async def test_other_tenant_cannot_see_or_use_it(
        self, client: httpx.AsyncClient, make_client: Any, other_tenant: Any
    ) -> None:
        segment = (await _create(client)).json()
        other = await make_client(tenant=other_tenant)
        assert_problem(await other.get(f"/segments/{segment['id']}"), 404, "segment_not_found")
        assert_problem(
            await other.get(f"/segments/{segment['id']}/customers"), 404, "segment_not_found"
        )
        assert_problem(
            await other.get(f"/segments/{segment['id']}/count"), 404, "segment_not_found"
        )
        assert (await other.get("/segments")).json() == []

    async def test_viewer_cannot_create(self, make_client: Any) -> None:
        viewer = await make_client(scopes=["customers:read"])
        assert_problem(await _create(viewer), 403, "missing_scope")


@pytest.mark.usefixtures("people")
class TestSegmentEdits:
    async def test_rename_alone_keeps_filter_columns_and_sort(
        self, client: httpx.AsyncClient
    ) -> None:
        segment = (await _create(client, columns=["last_name"], sort="last_name", q="nowak")).json()
        response = await client.patch(f"/segments/{segment['id']}", json={"name": "Łódź — VIP"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["name"] == "Łódź — VIP"
        assert body["filter"] == {"field": "city", "op": "eq", "value": "Łódź"}
        assert (body["q"], body["columns"], body["sort"]) == ("nowak", ["last_name"], "last_name")
        assert body["member_count"] == 1

    async def test_description_is_saved_changed_and_removed(
        self, client: httpx.AsyncClient
    ) -> None:
        segment = (await _create(client, description="  Spring mailing  ")).json()
        assert segment["description"] == "Spring mailing"
        url = f"/segments/{segment['id']}"
        body = (await client.patch(url, json={"description": "Autumn"})).json()
        assert body["description"] == "Autumn"
        assert body["filter"] == {"field": "city", "op": "eq", "value": "Łódź"}
        assert (await client.get("/segments")).json()[0]["description"] == "Autumn"
        assert (await client.patch(url, json={"description": ""})).json()["description"] is None

    async def test_rename_onto_another_segments_name_is_409(
        self, client: httpx.AsyncClient
    ) -> None:
        await _create(client)
        other = (await _create(client, name="Kraków", filter="city = 'Kraków'")).json()
        response = await client.patch(f"/segments/{other['id']}", json={"name": "łódź"})
        assert_problem(response, 409, "segment_exists")

    async def test_too_long_description_is_refused(self, client: httpx.AsyncClient) -> None:
        response = await _create(client, description="x" * 2001)
        assert_problem(response, 422, "validation_failed")
