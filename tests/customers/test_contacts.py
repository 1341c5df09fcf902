"""Duplicate contacts: the live check of a form and the 409 of a write, through HTTP."""

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from tests.factories import create_customer

ZOFIA = {"first_name": "Zofia", "last_name": "Dąbrowska-Łęcka", "phone": "+48 600 123 456"}


async def _zofia(client: httpx.AsyncClient, **extra: str) -> dict[str, str]:
    r = await client.post("/customers", json={**ZOFIA, "email": "zofia@example.pl", **extra})
    assert r.status_code == 201, r.text
    body: dict[str, str] = r.json()
    return body


class TestContactMatches:
    async def test_a_phone_in_another_spelling_matches(self, client: httpx.AsyncClient) -> None:
        zofia = await _zofia(client)
        r = await client.get("/customers/contact-matches", params={"phone": "0048 600-123-456"})
        assert r.status_code == 200
        assert r.json()["matches"] == [
            {
                "customer_id": zofia["id"],
                "display_name": "Zofia Dąbrowska-Łęcka",
                "phone": "+48600123456",
                "email": "zofia@example.pl",
                "matched_on": ["phone"],
            }
        ]

    async def test_an_email_matches_in_any_case_and_both_keys_are_named(
        self, client: httpx.AsyncClient
    ) -> None:
        await _zofia(client)
        r = await client.get(
            "/customers/contact-matches",
            params={"email": "Zofia@Example.PL", "phone": "600123456"},
        )
        assert [m["matched_on"] for m in r.json()["matches"]] == [["phone", "email"]]

    async def test_the_customer_being_edited_is_not_its_own_match(
        self, client: httpx.AsyncClient
    ) -> None:
        zofia = await _zofia(client)
        r = await client.get(
            "/customers/contact-matches", params={"phone": "600123456", "exclude_id": zofia["id"]}
        )
        assert r.json()["matches"] == []

    async def test_a_half_typed_number_matches_nothing(self, client: httpx.AsyncClient) -> None:
        await _zofia(client)
        r = await client.get("/customers/contact-matches", params={"phone": "600 12"})
        assert (r.status_code, r.json()["matches"]) == (200, [])

    async def test_an_erased_customer_is_no_match(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        zofia = await _zofia(client)
        r = await client.post(f"/customers/{zofia['id']}/erase")
        assert r.status_code in (200, 202, 204), r.text
        r = await client.get("/customers/contact-matches", params={"phone": "600123456"})
        assert r.json()["matches"] == []

    async def test_at_most_five_and_only_of_this_tenant(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, make_client: object
    ) -> None:
        await client.patch("/tenant", json={"shared_phone_allowed": True})
        for n in range(7):
            await create_customer(session, ctx, phone="600123456", email=f"f{n}@example.pl")
        r = await client.get("/customers/contact-matches", params={"phone": "600123456"})
        assert len(r.json()["matches"]) == 5

    async def test_needs_customers_read(self, make_client: object) -> None:
        reader = await make_client(scopes=["vouchers"])  # type: ignore[operator]
        r = await reader.get("/customers/contact-matches", params={"phone": "600123456"})
        assert r.status_code == 403


class TestDuplicateOnWrite:
    async def test_create_with_a_taken_phone_is_409_with_candidates(
        self, client: httpx.AsyncClient
    ) -> None:
        zofia = await _zofia(client)
        r = await client.post("/customers", json={"first_name": "Jan", "phone": "600 123 456"})
        assert r.status_code == 409
        problem = r.json()
        assert problem["code"] == "duplicate_contact"
        assert [(c["customer_id"], c["matched_on"]) for c in problem["candidates"]] == [
            (zofia["id"], ["phone"])
        ]

    async def test_allow_duplicate_saves_a_shared_phone(self, client: httpx.AsyncClient) -> None:
        await _zofia(client)
        r = await client.post(
            "/customers",
            params={"allow_duplicate": "true"},
            json={"first_name": "Jan", "phone": "600 123 456"},
        )
        assert r.status_code == 201, r.text

    async def test_a_tenant_that_allows_shared_phones_saves_without_the_flag(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.patch("/tenant", json={"shared_phone_allowed": True})
        assert (r.status_code, r.json()["shared_phone_allowed"]) == (200, True)
        await _zofia(client)
        r = await client.post("/customers", json={"first_name": "Jan", "phone": "600123456"})
        assert r.status_code == 201, r.text

    async def test_a_taken_email_needs_the_flag_even_when_phones_may_be_shared(
        self, client: httpx.AsyncClient
    ) -> None:
        await client.patch("/tenant", json={"shared_phone_allowed": True})
        await _zofia(client)
        r = await client.post("/customers", json={"email": "ZOFIA@example.pl"})
        assert (r.status_code, r.json()["code"]) == (409, "duplicate_contact")
        assert r.json()["candidates"][0]["matched_on"] == ["email"]
        # The email is one person's: the flag passes the warning, not the unique key.
        r = await client.post(
            "/customers", params={"allow_duplicate": "true"}, json={"email": "zofia@example.pl"}
        )
        assert (r.status_code, r.json()["code"]) == (409, "email_taken")

    async def test_patch_to_a_taken_phone_is_409_and_its_own_phone_is_not(
        self, client: httpx.AsyncClient
    ) -> None:
        zofia = await _zofia(client)
        r = await client.post("/customers", json={"first_name": "Jan", "phone": "601000000"})
        jan = r.json()
        r = await client.patch(f"/customers/{jan['id']}", json={"phone": "+48600123456"})
        assert (r.status_code, r.json()["code"]) == (409, "duplicate_contact")
        r = await client.patch(
            f"/customers/{zofia['id']}", json={"phone": "600123456", "city": "Łódź"}
        )
        assert r.status_code == 200, r.text

    async def test_patch_with_the_flag_saves(self, client: httpx.AsyncClient) -> None:
        await _zofia(client)
        r = await client.post("/customers", json={"first_name": "Jan", "phone": "601000000"})
        r = await client.patch(
            f"/customers/{r.json()['id']}",
            params={"allow_duplicate": "true"},
            json={"phone": "600123456"},
        )
        assert (r.status_code, r.json()["phone"]) == (200, "+48600123456")

    async def test_upsert_by_external_id_refuses_and_allows_alike(
        self, client: httpx.AsyncClient
    ) -> None:
        await _zofia(client)
        ext = f"shop-{uuid.uuid4().hex[:8]}"
        r = await client.put(f"/customers/external/{ext}", json={"phone": "600123456"})
        assert (r.status_code, r.json()["code"]) == (409, "duplicate_contact")
        r = await client.put(
            f"/customers/external/{ext}",
            params={"allow_duplicate": "true"},
            json={"phone": "600123456"},
        )
        assert r.status_code == 201, r.text

    async def test_the_problem_is_in_the_spec(self, client: httpx.AsyncClient) -> None:
        spec = (await client.get("/openapi.json")).json()
        op = spec["paths"]["/api/v1/customers"]["post"]
        schema = op["responses"]["409"]["content"]["application/problem+json"]["schema"]
        # Any of the 409's problems: the duplicate with its candidates, or a plain conflict.
        refs = [s["$ref"] for s in schema["anyOf"]]
        assert any(ref.endswith("/DuplicateContactProblem") for ref in refs)
        assert any(ref.endswith("/Problem") for ref in refs)
