"""Tags as objects of their own: listed with counts, created, renamed, deleted."""

import httpx

from tests.conftest import ClientFactory


async def _tag(client: httpx.AsyncClient, name: str, colour: str = "#e64980") -> dict[str, str]:
    r = await client.post("/tags", json={"name": name, "colour": colour})
    assert r.status_code == 201, r.text
    return r.json()


class TestList:
    async def test_tags_come_with_how_many_customers_carry_them(
        self, client: httpx.AsyncClient
    ) -> None:
        await _tag(client, "Stała klientka")
        for n in range(2):
            r = await client.post(
                "/customers", json={"email": f"t{n}@example.pl", "tags": ["VIP", "Stała klientka"]}
            )
            assert r.status_code == 201
        counts = {t["name"]: t["customers_count"] for t in (await client.get("/tags")).json()}
        assert counts == {"Stała klientka": 2, "VIP": 2}


class TestCreate:
    async def test_a_name_taken_in_another_case_is_a_conflict(
        self, client: httpx.AsyncClient
    ) -> None:
        await _tag(client, "VIP")
        r = await client.post("/tags", json={"name": "vip"})
        assert r.status_code == 409
        assert r.json()["code"] == "tag_exists"

    async def test_a_colour_must_be_a_hex_code(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/tags", json={"name": "Red", "colour": "red"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"][-1] == "colour"

    async def test_a_name_of_only_whitespace_is_refused_by_the_schema(
        self, client: httpx.AsyncClient
    ) -> None:
        # Found by schemathesis: it was a 500 (IndexError) before.
        r = await client.post("/tags", json={"name": "   "})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "string_pattern_mismatch"

    async def test_a_name_of_only_separators_is_a_blank_name(
        self, client: httpx.AsyncClient
    ) -> None:
        # U+001C is whitespace to Python's str.split but not to the schema's `\S`.
        r = await client.post("/tags", json={"name": "\x1c"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "blank_name"

    async def test_a_name_is_nfc_and_trimmed(self, client: httpx.AsyncClient) -> None:
        tag = await _tag(client, "  Zoe\u0308  ")
        assert tag["name"] == "Zo\u00eb"

    async def test_a_viewer_may_not_create(self, make_client: ClientFactory) -> None:
        viewer = await make_client(scopes=["customers:read"])
        r = await viewer.post("/tags", json={"name": "Nope"})
        assert r.status_code == 403
        assert r.json()["code"] == "missing_scope"


class TestUpdateAndDelete:
    async def test_a_rename_shows_on_the_customers(self, client: httpx.AsyncClient) -> None:
        customer = (
            await client.post("/customers", json={"email": "r@example.pl", "tags": ["Nowa"]})
        ).json()
        tag = next(t for t in (await client.get("/tags")).json() if t["name"] == "Nowa")
        r = await client.patch(f"/tags/{tag['id']}", json={"name": "Stała"})
        assert r.status_code == 200
        assert (await client.get(f"/customers/{customer['id']}")).json()["tags"] == ["Stała"]

    async def test_a_deleted_tag_leaves_its_customers(self, client: httpx.AsyncClient) -> None:
        customer = (
            await client.post("/customers", json={"email": "d@example.pl", "tags": ["Stara"]})
        ).json()
        tag = next(t for t in (await client.get("/tags")).json() if t["name"] == "Stara")
        assert (await client.delete(f"/tags/{tag['id']}")).status_code == 204
        assert (await client.get(f"/customers/{customer['id']}")).json()["tags"] == []

    async def test_another_tenants_tag_is_not_found(
        self, client: httpx.AsyncClient, make_client: ClientFactory, other_tenant: object
    ) -> None:
        tag = await _tag(client, "Nasz")
        stranger = await make_client(tenant=other_tenant)
        r = await stranger.patch(f"/tags/{tag['id']}", json={"name": "Ich"})
        assert r.status_code == 404
        assert r.json()["code"] == "tag_not_found"
