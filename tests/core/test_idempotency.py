import uuid

import httpx

from tests.conftest import ClientFactory


class TestIdempotencyKey:
    async def test_retry_returns_first_response_without_second_write(
        self, client: httpx.AsyncClient
    ) -> None:
        key = str(uuid.uuid4())
        body = {"email": "idem@example.pl"}
        first = await client.post("/customers", json=body, headers={"Idempotency-Key": key})
        again = await client.post("/customers", json=body, headers={"Idempotency-Key": key})
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert (await client.get("/customers")).json()["total"] == 1

    async def test_same_key_with_other_body_is_422(self, client: httpx.AsyncClient) -> None:
        key = str(uuid.uuid4())
        await client.post(
            "/customers", json={"email": "a@example.pl"}, headers={"Idempotency-Key": key}
        )
        response = await client.post(
            "/customers", json={"email": "b@example.pl"}, headers={"Idempotency-Key": key}
        )
        assert response.status_code == 422
        assert response.json()["code"] == "idempotency_key_reused"

    async def test_keys_are_scoped_to_the_caller(
        self, client: httpx.AsyncClient, make_client: ClientFactory
    ) -> None:
        key = str(uuid.uuid4())
        other = await make_client()
        a = await client.post(
            "/customers", json={"email": "x1@example.pl"}, headers={"Idempotency-Key": key}
        )
        b = await other.post(
            "/customers", json={"email": "x2@example.pl"}, headers={"Idempotency-Key": key}
        )
        assert a.status_code == b.status_code == 201
        assert a.json()["id"] != b.json()["id"]

    async def test_failed_validation_is_replayed_too(self, client: httpx.AsyncClient) -> None:
        key = str(uuid.uuid4())
        first = await client.post(
            "/customers", json={"first_name": "x"}, headers={"Idempotency-Key": key}
        )
        again = await client.post(
            "/customers", json={"first_name": "x"}, headers={"Idempotency-Key": key}
        )
        assert first.status_code == again.status_code == 422
