"""What schemathesis found where the code and the spec disagreed, one test each."""

import httpx


class TestStrictTypes:
    async def test_a_number_is_not_a_boolean(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/customers/search", json={"include_total": 0})
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"] == ["body", "include_total"]

    async def test_a_boolean_is_not_a_count(self, client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/customers/bulk",
            json={"action": "delete", "selection": {"q": "x"}, "expected_count": False},
        )
        assert r.status_code == 422
        assert ["body", "expected_count"] in [e["loc"] for e in r.json()["errors"]]

    async def test_a_day_is_a_date_not_a_timestamp(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/stats/consents", params={"to": "0"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"] == ["query", "to"]


class TestMethodsAndIds:
    async def test_an_undeclared_method_gets_405_with_every_allowed_method(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.request("OPTIONS", "/tags")
        assert r.status_code == 405
        assert r.headers["allow"] == "GET, POST"
        assert r.json()["code"] == "method_not_allowed"

    async def test_a_static_path_is_not_a_value_of_its_siblings_template(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.patch("/customers/bulk", json={})
        assert r.status_code == 405
        assert r.headers["allow"] == "POST"

    async def test_a_malformed_id_is_a_404(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/customers/not-a-uuid")
        assert r.status_code == 404
        assert r.json()["code"] == "not_found"
