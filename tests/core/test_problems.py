import json

import httpx
import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from app.core.config import get_settings
from app.core.context import Context
from app.customers.models import Customer
from app.customers.service import EmailTaken
from app.main import create_app
from tests.factories import create_customer


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

    async def test_bad_uuid_in_path_is_404(self, client: httpx.AsyncClient) -> None:
        # Path ids are typed `{customer_id:uuid}`: a malformed one names no resource (as the
        # spec documents), and `/customers/bulk` can never be read as an id.
        response = await client.get("/customers/not-a-uuid")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    async def test_unknown_route_is_404_problem(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/nope")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


class TestUniqueConflicts:
    async def test_a_race_past_the_check_is_the_domains_own_code(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        # Two writers both pass the "is this email free" check; the second insert meets the
        # unique index, whose name maps to the customers' own EmailTaken (code stated once).
        first = await create_customer(session, ctx, email="race@example.com")
        twin = Customer(tenant_id=ctx.tenant_id, email=first.email, first_name="Twin")
        savepoint = await session.begin_nested()
        session.add(twin)
        with pytest.raises(IntegrityError) as caught:
            await session.flush()
        await savepoint.rollback()
        handler = create_app().exception_handlers[IntegrityError]
        response = await handler(Request({"type": "http"}), caught.value)
        assert response.status_code == 409
        body = json.loads(bytes(response.body))
        assert (body["code"], body["title"]) == (EmailTaken.code, EmailTaken.title)
