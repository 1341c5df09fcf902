"""What schemathesis found where the code and the spec disagreed, one test each."""

import uuid
from typing import Any

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


class TestStrictBooleans:
    """A JSON number is not a boolean anywhere a request takes one."""

    async def test_a_consent_is_granted_by_true_not_by_1(self, client: httpx.AsyncClient) -> None:
        body = {"first_name": "Anna", "consents": {"email_marketing": {"granted": 1}}}
        r = await client.post("/customers", json=body)
        assert r.status_code == 422
        locs = [e["loc"] for e in r.json()["errors"]]
        assert ["body", "consents", "email_marketing", "granted"] in locs

    async def test_bulk_consent_and_merge_dry_run_and_custom_field_required(
        self, client: httpx.AsyncClient
    ) -> None:
        bulk = {"action": "delete", "selection": {"q": "x"}, "granted": 0}
        r = await client.post("/customers/bulk", json=bulk)
        assert r.status_code == 422
        assert ["body", "granted"] in [e["loc"] for e in r.json()["errors"]]
        merge = {"target_id": str(uuid.uuid4()), "source_ids": [str(uuid.uuid4())], "dry_run": 1}
        r = await client.post("/customers/merge", json=merge)
        assert r.status_code == 422
        assert ["body", "dry_run"] in [e["loc"] for e in r.json()["errors"]]
        field = {"key": "colour", "label": "Colour", "type": "text", "required": 0}
        r = await client.post("/custom-fields", json=field)
        assert r.status_code == 422
        assert ["body", "required"] in [e["loc"] for e in r.json()["errors"]]


class TestTheSpecSaysWhatComesBack:
    async def test_a_search_with_fields_answers_the_fields_page(
        self, client: httpx.AsyncClient, app: Any
    ) -> None:
        await client.post("/customers", json={"first_name": "Anna", "email": "a@x.example"})
        r = await client.post("/customers/search", json={"fields": [""]})
        assert r.status_code == 200
        assert r.json()["items"] == [{"id": r.json()["items"][0]["id"]}]
        spec = app.openapi()
        answer = spec["paths"]["/api/v1/customers/search"]["post"]["responses"]["200"]
        pages = answer["content"]["application/json"]["schema"]["anyOf"]
        assert {"$ref": "#/components/schemas/SearchFieldsPage"} in pages
        assert spec["components"]["schemas"]["CustomerFieldsOut"]["required"] == ["id"]

    async def test_a_too_long_unsubscribe_token_is_a_problem_and_so_documented(
        self, anonymous: httpx.AsyncClient, app: Any
    ) -> None:
        r = await anonymous.get("/unsubscribe/" + "0" * 101)
        assert r.status_code == 422
        assert r.headers["content-type"] == "application/problem+json"
        page = app.openapi()["paths"]["/api/v1/unsubscribe/{token}"]["get"]["responses"]
        assert set(page["422"]["content"]) == {"application/problem+json"}

    def test_the_http_servers_own_400_is_plain_text(self, app: Any) -> None:
        for item in app.openapi()["paths"].values():
            for operation in item.values():
                assert "text/plain" in operation["responses"]["400"]["content"]

    def test_merge_sources_are_declared_distinct(self, app: Any) -> None:
        schema = app.openapi()["components"]["schemas"]["MergeRequest"]
        assert schema["properties"]["source_ids"]["uniqueItems"] is True


class TestDatesAreStrings:
    """`format: date` / `date-time` in the spec: a number (a Unix timestamp) is refused."""

    async def test_a_card_expiry_and_a_birth_date_are_days(self, client: httpx.AsyncClient) -> None:
        body = {"first_name": "Anna", "email": "a@x.example", "birth_date": 0}
        r = await client.post(
            "/customers", json=body | {"cards": [{"number": "1", "expires_on": 0}]}
        )
        assert r.status_code == 422
        locs = [e["loc"] for e in r.json()["errors"]]
        assert ["body", "birth_date"] in locs
        assert ["body", "cards", 0, "expires_on"] in locs
        ok = await client.post("/customers", json=body | {"birth_date": "2000-01-31"})
        assert ok.status_code == 201
        assert ok.json()["birth_date"] == "2000-01-31"

    async def test_a_voucher_validity_is_an_iso_instant(self, client: httpx.AsyncClient) -> None:
        body = {"value": "10.00", "kind": "amount", "valid_from": 1700000000}
        r = await client.post("/vouchers", json=body)
        assert r.status_code == 422
        assert ["body", "valid_from"] in [e["loc"] for e in r.json()["errors"]]
        body["valid_from"] = "2026-01-01T00:00:00+01:00"
        assert (await client.post("/vouchers", json=body)).status_code == 201


class TestAnUnknownSegmentIsADocumented404:
    async def test_export_bulk_and_issue(self, client: httpx.AsyncClient, app: Any) -> None:
        missing = str(uuid.uuid4())
        calls = [
            ("/customers/export", {"format": "csv", "segment_id": missing}),
            ("/customers/bulk", {"action": "add_tags", "tags": ["x"], "selection": {"segment_id": missing}}),
            ("/vouchers/issue", {"value": "5.00", "kind": "amount", "segment_id": missing}),
        ]  # fmt: skip
        paths = app.openapi()["paths"]
        for path, body in calls:
            r = await client.post(path, json=body)
            assert (r.status_code, r.json()["code"]) == (404, "segment_not_found"), path
            assert "404" in paths[f"/api/v1{path}"]["post"]["responses"], path


class TestLinks:
    def test_a_created_item_links_to_its_operations(self, app: Any) -> None:
        paths = app.openapi()["paths"]
        links = paths["/api/v1/customers"]["post"]["responses"]["201"]["links"]
        assert links["customers_delete_customer"] == {
            "operationId": "customers:delete_customer",
            "parameters": {"customer_id": "$response.body#/id"},
        }
        voucher = paths["/api/v1/vouchers"]["post"]["responses"]["201"]["links"]
        assert voucher["vouchers_redeem_voucher"]["parameters"] == {"code": "$response.body#/code"}
