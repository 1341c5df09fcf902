import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from tests.factories import create_customer
from tests.problems import assert_problem

ANNA = {
    "first_name": "Anna",
    "last_name": "Łódzka",
    "phone": "600-123-456",
    "email": "Anna@Example.PL",
}


class TestCreate:
    async def test_creates_with_normalised_contacts(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/customers", json={**ANNA, "tags": ["VIP", "vip"]})
        assert response.status_code == 201
        body = response.json()
        assert body["phone"] == "+48600123456"
        assert body["email"] == "anna@example.pl"
        assert body["tags"] == ["VIP"]
        assert body["source"] == "api"
        assert response.headers["location"].endswith(body["id"])
        assert response.headers["etag"].startswith(f'"{body["id"]}.1.')

    async def test_needs_email_or_phone(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/customers", json={"first_name": "Anna"})
        assert response.status_code == 422
        assert response.json()["errors"][0]["code"] == "missing_contact"

    async def test_reports_every_bad_contact_field(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/customers", json={"email": "nope", "phone": "12"})
        assert response.status_code == 422
        codes = {e["loc"][-1]: e["code"] for e in response.json()["errors"]}
        assert codes == {"email": "invalid_email", "phone": "invalid_phone"}

    async def test_duplicate_email_is_a_conflict_case_insensitively(
        self, client: httpx.AsyncClient
    ) -> None:
        assert (await client.post("/customers", json=ANNA)).status_code == 201
        # The warning with the candidates first; past it, the email is still one person's.
        response = await client.post("/customers", json={"email": "ANNA@example.pl"})
        assert (response.status_code, response.json()["code"]) == (409, "duplicate_contact")
        response = await client.post(
            "/customers", params={"allow_duplicate": "true"}, json={"email": "ANNA@example.pl"}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "email_taken"

    async def test_card_number_is_unique(self, client: httpx.AsyncClient) -> None:
        await client.post("/customers", json={**ANNA, "cards": [{"number": "C-1"}]})
        response = await client.post(
            "/customers", json={"email": "x@example.pl", "cards": [{"number": "C-1"}]}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "card_taken"

    async def test_consents_and_custom_fields(self, client: httpx.AsyncClient) -> None:
        await client.post(
            "/custom-fields",
            json={
                "key": "colour",
                "label": "Colour",
                "type": "choice",
                "choices": ["red", "green"],
            },
        )
        await client.post("/custom-fields", json={"key": "kids", "label": "Kids", "type": "number"})
        response = await client.post(
            "/customers",
            json={
                **ANNA,
                "consents": {"sms_marketing": {"granted": True, "source": "till"}},
                "custom_fields": {"colour": "red", "kids": "2"},
            },
        )
        body = response.json()
        assert body["consents"]["sms_marketing"]["granted"] is True
        assert body["custom_fields"] == {"colour": "red", "kids": 2}

    async def test_custom_field_values_are_validated(self, client: httpx.AsyncClient) -> None:
        await client.post(
            "/custom-fields",
            json={"key": "colour", "label": "Colour", "type": "choice", "choices": ["red"]},
        )
        response = await client.post(
            "/customers", json={**ANNA, "custom_fields": {"colour": "blue", "nope": 1}}
        )
        assert response.status_code == 422
        assert {e["code"] for e in response.json()["errors"]} == {
            "invalid_custom_field",
            "unknown_custom_field",
        }


class TestRead:
    async def test_get_sends_etag_and_honours_if_none_match(
        self, client: httpx.AsyncClient
    ) -> None:
        created = (await client.post("/customers", json=ANNA)).json()
        first = await client.get(f"/customers/{created['id']}")
        assert first.status_code == 200
        again = await client.get(
            f"/customers/{created['id']}", headers={"If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 304

    async def test_unknown_id_is_404_problem(self, client: httpx.AsyncClient) -> None:
        response = await client.get(f"/customers/{uuid.uuid4()}")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "customer_not_found"

    async def test_list_pages_and_sorts(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        for name in ("Cezary", "Adam", "Bartek"):
            await create_customer(session, ctx, first_name=name, last_name=name)
        response = await client.get("/customers", params={"sort": "last_name", "page_size": 2})
        body = response.json()
        assert body["total"] == 3
        assert [c["last_name"] for c in body["items"]] == ["Adam", "Bartek"]
        page2 = (
            await client.get("/customers", params={"sort": "last_name", "page_size": 2, "page": 2})
        ).json()
        assert [c["last_name"] for c in page2["items"]] == ["Cezary"]

    async def test_unknown_sort_field_is_422(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/customers", params={"sort": "password"})
        assert response.status_code == 422
        assert response.json()["errors"][0]["code"] == "invalid_sort"

    async def test_page_size_is_capped(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/customers", params={"page_size": 501})).status_code == 422


class TestLookup:
    async def test_any_phone_spelling_finds_the_customer(self, client: httpx.AsyncClient) -> None:
        created = (await client.post("/customers", json=ANNA)).json()
        for spelling in ("+48 600 123 456", "(0048) 600123456", "600123456"):
            found = (await client.get("/customers/lookup", params={"phone": spelling})).json()[
                "items"
            ]
            assert [c["id"] for c in found] == [created["id"]]

    async def test_by_email_and_card(self, client: httpx.AsyncClient) -> None:
        created = (
            await client.post("/customers", json={**ANNA, "cards": [{"number": "777"}]})
        ).json()
        assert (await client.get("/customers/lookup", params={"email": "ANNA@example.pl"})).json()[
            "items"
        ][0]["id"] == created["id"]
        assert (await client.get("/customers/lookup", params={"card": "777"})).json()["items"][0][
            "id"
        ] == created["id"]

    async def test_needs_exactly_one_key(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/customers/lookup")).status_code == 422


class TestUpdate:
    async def test_patch_changes_only_given_fields_and_bumps_version(
        self, client: httpx.AsyncClient
    ) -> None:
        created = (await client.post("/customers", json=ANNA)).json()
        response = await client.patch(
            f"/customers/{created['id']}", json={"city": "Łódź", "phone": None}
        )
        body = response.json()
        assert body["city"] == "Łódź" and body["phone"] is None and body["first_name"] == "Anna"
        assert body["version"] == 2

    async def test_stale_if_match_is_412(self, client: httpx.AsyncClient) -> None:
        created = await client.post("/customers", json=ANNA)
        etag = created.headers["etag"]
        cid = created.json()["id"]
        assert (
            await client.patch(f"/customers/{cid}", json={"city": "A"}, headers={"If-Match": etag})
        ).status_code == 200
        stale = await client.patch(
            f"/customers/{cid}", json={"city": "B"}, headers={"If-Match": etag}
        )
        assert stale.status_code == 412
        assert stale.json()["code"] == "stale_version"

    async def test_cannot_remove_last_contact(self, client: httpx.AsyncClient) -> None:
        created = (await client.post("/customers", json={"email": "a@example.pl"})).json()
        response = await client.patch(f"/customers/{created['id']}", json={"email": None})
        assert response.status_code == 422


class TestUpsertByExternalId:
    async def test_creates_then_updates(self, client: httpx.AsyncClient) -> None:
        first = await client.put(
            "/customers/external/CRM-1", json={"email": "sync@example.pl", "first_name": "A"}
        )
        assert first.status_code == 201
        second = await client.put("/customers/external/CRM-1", json={"first_name": "B"})
        assert second.status_code == 200
        assert second.json()["id"] == first.json()["id"]
        assert second.json()["first_name"] == "B" and second.json()["external_id"] == "CRM-1"

    async def test_repeating_the_same_body_changes_nothing(self, client: httpx.AsyncClient) -> None:
        body = {"email": "sync@example.pl"}
        await client.put("/customers/external/CRM-2", json=body)
        again = await client.put("/customers/external/CRM-2", json=body)
        assert again.json()["version"] == 1


class TestDeleteAndHistory:
    async def test_delete_then_404(self, client: httpx.AsyncClient) -> None:
        cid = (await client.post("/customers", json=ANNA)).json()["id"]
        assert (await client.delete(f"/customers/{cid}")).status_code == 204
        assert_problem(await client.get(f"/customers/{cid}"), 404, "customer_not_found")

    async def test_history_records_who_and_before_after(self, client: httpx.AsyncClient) -> None:
        cid = (await client.post("/customers", json=ANNA)).json()["id"]
        await client.patch(f"/customers/{cid}", json={"city": "Łódź", "tags": ["VIP"]})
        items = (await client.get(f"/customers/{cid}/history")).json()["items"]
        assert [i["action"] for i in items] == ["customer.updated", "customer.created"]
        assert items[0]["changes"] == {"city": [None, "Łódź"], "tags": [[], ["VIP"]]}
        assert items[0]["actor_type"] == "api_key"
        assert items[1]["changes"]["phone"] == [None, "+48600123456"]
