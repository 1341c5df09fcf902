import httpx

from app.core.config import get_settings


class TestProblemFormat:
    async def test_bad_json(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/customers", content=b'{"email": ', headers={"content-type": "application/json"}
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "invalid_json"

    async def test_wrong_types_and_unknown_fields_are_all_listed(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await client.post(
            "/customers", json={"first_name": 1, "birth_date": "yesterday", "shoe_size": 44}
        )
        body = response.json()
        assert response.status_code == 422
        assert body["code"] == "validation_failed"
        by_field = {tuple(e["loc"]): e["code"] for e in body["errors"]}
        assert by_field == {
            ("body", "first_name"): "string_type",
            ("body", "birth_date"): "date_from_datetime_parsing",
            ("body", "shoe_size"): "unknown_field",
        }

    async def test_oversized_body_is_413(self, client: httpx.AsyncClient) -> None:
        big = "x" * (get_settings().max_body_bytes + 10)
        response = await client.post("/customers", json={"notes": big})
        assert response.status_code == 413
        assert response.json()["code"] == "payload_too_large"

    async def test_deeply_nested_json_is_not_a_500(self, client: httpx.AsyncClient) -> None:
        body = b"[" * 100_000 + b"]" * 100_000
        response = await client.post(
            "/customers", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_body"

    async def test_bad_uuid_in_path_is_422(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/customers/not-a-uuid")
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["path", "customer_id"]

    async def test_unknown_route_is_404_problem(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/nope")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
