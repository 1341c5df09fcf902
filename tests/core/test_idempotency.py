"""`Idempotency-Key` on real Redis: fingerprints, who may store what, and Redis being down."""

import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from app.core import idempotency
from tests.conftest import ClientFactory
from tests.core.conftest import idem_keys

pytestmark = pytest.mark.usefixtures("one_at_a_time")

# Two different files of the same size: only the whole body tells them apart.
CSV_A = b"email;first_name\nanna@example.pl;Anna\n"
CSV_B = b"email;first_name\nolga@example.pl;Olga\n"


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
        assert again.headers["idempotent-replayed"] == "true"

    async def test_bodyless_post_is_guarded(self, client: httpx.AsyncClient) -> None:
        imp = (await client.post("/imports", files={"file": ("a.csv", CSV_A)})).json()
        key = {"Idempotency-Key": str(uuid.uuid4())}
        first = await client.post(f"/imports/{imp['id']}/cancel", headers=key)
        again = await client.post(f"/imports/{imp['id']}/cancel", headers=key)
        assert first.status_code == again.status_code == 200
        assert again.headers["idempotent-replayed"] == "true"


class TestUploadFingerprint:
    async def test_other_file_of_the_same_size_is_422(self, client: httpx.AsyncClient) -> None:
        assert len(CSV_A) == len(CSV_B)
        key = {"Idempotency-Key": str(uuid.uuid4())}
        first = await client.post("/imports", files={"file": ("a.csv", CSV_A)}, headers=key)
        other = await client.post("/imports", files={"file": ("a.csv", CSV_B)}, headers=key)
        assert first.status_code == 201
        assert other.status_code == 422
        assert other.json()["code"] == "idempotency_key_reused"
        assert (await client.get("/imports")).json()["total"] == 1

    async def test_other_raw_body_of_the_same_size_is_422(self, client: httpx.AsyncClient) -> None:
        headers = {"Idempotency-Key": str(uuid.uuid4()), "Content-Type": "text/csv"}
        first = await client.post("/imports", content=CSV_A, headers=headers)
        other = await client.post("/imports", content=CSV_B, headers=headers)
        assert first.status_code == 201
        assert other.status_code == 422
        assert other.json()["code"] == "idempotency_key_reused"

    async def test_same_file_with_a_new_multipart_boundary_is_replayed(
        self, client: httpx.AsyncClient
    ) -> None:
        # A client rebuilds the form on retry, and with it a random boundary.
        key = str(uuid.uuid4())
        first = await client.post(
            "/imports",
            files={"file": ("a.csv", CSV_A)},
            headers={"Idempotency-Key": key, "Content-Type": "multipart/form-data; boundary=b1"},
        )
        again = await client.post(
            "/imports",
            files={"file": ("a.csv", CSV_A)},
            headers={"Idempotency-Key": key, "Content-Type": "multipart/form-data; boundary=b2"},
        )
        assert first.status_code == again.status_code == 201
        assert again.headers["idempotent-replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]


def _closed_port() -> int:
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.fixture
async def redis_down(app: Any) -> AsyncIterator[None]:
    working = app.state.redis
    app.state.redis = Redis.from_url(f"redis://127.0.0.1:{_closed_port()}/3")
    yield
    await app.state.redis.aclose()
    app.state.redis = working


class TestRedisDown:
    async def test_keyed_post_is_served_without_the_guarantee(
        self, client: httpx.AsyncClient, redis_down: None
    ) -> None:
        response = await client.post(
            "/customers",
            json={"email": "down@example.pl"},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code == 201
        assert response.headers["idempotency-status"] == "unavailable"
        assert (await client.get("/customers")).json()["total"] == 1

    async def test_post_without_a_key_has_no_status_header(
        self, client: httpx.AsyncClient, redis_down: None
    ) -> None:
        response = await client.post("/customers", json={"email": "nokey@example.pl"})
        assert response.status_code == 201
        assert "idempotency-status" not in response.headers


class TestStoredKeys:
    async def test_entry_is_keyed_by_tenant_and_principal(
        self, client: httpx.AsyncClient, redis: Redis
    ) -> None:
        me = (await client.get("/auth/me")).json()
        before = await idem_keys(redis)
        await client.post(
            "/customers",
            json={"email": "k@example.pl"},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        (new,) = await idem_keys(redis) - before
        assert new.startswith(f"idem:{me['tenant']['id']}:api_key:")


def _multipart(boundary: bytes, content: bytes) -> bytes:
    return (
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="a.csv"'
        b"\r\n\r\n" + content + b"\r\n--" + boundary + b"--\r\n"
    )


def _fingerprint(boundary: bytes, body: bytes, chunk: int) -> str:
    scope = {
        "method": "POST",
        "path": "/api/v1/imports",
        "headers": [(b"content-type", b"multipart/form-data; boundary=" + boundary)],
    }
    fp = idempotency._Fingerprint(scope)
    for i in range(0, len(body), chunk):
        fp._update(body[i : i + chunk])
    return fp.hexdigest()


class TestMultipartFingerprint:
    @pytest.mark.parametrize("chunk", [1, 3, 7, 64, 10_000])
    def test_boundary_split_across_chunks_hashes_like_one_piece(self, chunk: int) -> None:
        one = _fingerprint(b"b0undary", _multipart(b"b0undary", CSV_A), 10_000)
        assert _fingerprint(b"b0undary", _multipart(b"b0undary", CSV_A), chunk) == one
        assert _fingerprint(b"other-bnd", _multipart(b"other-bnd", CSV_A), chunk) == one
        assert _fingerprint(b"b0undary", _multipart(b"b0undary", CSV_B), chunk) != one
