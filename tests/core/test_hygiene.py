"""Text that cannot be stored is a 422 naming the field, never a 500; names are NFC and
trimmed (issue #13, point 3)."""

import json
from typing import Any
from urllib.parse import quote

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from app.imports.mapping import suggest_columns
from app.imports.schemas import Mapping
from app.imports.validate import Spec, validate_chunk

CODE = "invalid_characters"
# Text with the characters PostgreSQL cannot hold among ordinary ones.
NASTY = st.text(
    alphabet=st.sampled_from(["a", "Ż", " ", "%", "'", "\x00", "\ud800", "\udfff", "\\", "é"]),
    max_size=8,
)
PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _raw_json(body: dict[str, Any]) -> bytes:
    # `json.dumps` writes a lone surrogate as a `\ud800` escape, as a client's encoder would.
    return json.dumps(body).encode()


async def _post(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post(
        path, content=_raw_json(body), headers={"Content-Type": "application/json"}
    )


def _locs(response: httpx.Response) -> list[list[Any]]:
    assert response.status_code == 422, response.text
    assert response.json()["code"] == CODE
    return [e["loc"] for e in response.json()["errors"]]


class TestTheReportedRequests:
    async def test_nul_in_a_search_count_body(self, client: httpx.AsyncClient) -> None:
        r = await _post(client, "/customers/search/count", {"q": "a\x00z"})
        assert _locs(r) == [["body", "q"]]

    async def test_nul_in_a_query_parameter(self, client: httpx.AsyncClient) -> None:
        assert _locs(await client.get("/customers?q=a%00z")) == [["query", "q"]]

    async def test_nul_in_a_new_customers_name(self, client: httpx.AsyncClient) -> None:
        r = await _post(client, "/customers", {"first_name": "a\x00b", "email": "x@example.com"})
        assert _locs(r) == [["body", "first_name"]]


class TestEverywhere:
    async def test_a_lone_surrogate_in_a_nested_value(self, client: httpx.AsyncClient) -> None:
        body = {"email": "s@example.com", "custom_fields": {"note": ["ok", "x\ud800"]}}
        assert _locs(await _post(client, "/customers", body)) == [
            ["body", "custom_fields", "note", 1]
        ]

    async def test_a_bad_key_is_named(self, client: httpx.AsyncClient) -> None:
        body = {"email": "k@example.com", "custom_fields": {"a\x00": "x"}}
        assert _locs(await _post(client, "/customers", body)) == [
            ["body", "custom_fields", "a\x00"]
        ]

    async def test_nul_in_a_path_parameter(self, client: httpx.AsyncClient) -> None:
        assert _locs(await client.get("/customers/external/a%00b")) == [["path"]]

    async def test_nul_in_a_header(self, app: Any) -> None:
        # httpx refuses to send such a header; a raw ASGI call stands for a client that does.
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/api/v1/customers",
            "raw_path": b"/api/v1/customers",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"test"), (b"authorization", b"Bearer kt_\x00x")],
            "client": ("127.0.0.1", 1),
            "server": ("test", 80),
            "app": app,
        }
        await app(scope, receive, send)
        assert sent[0]["status"] == 422
        problem = json.loads(sent[1]["body"])
        assert problem["code"] == CODE
        assert problem["errors"][0]["loc"] == ["header", "authorization"]

    async def test_an_escaped_backslash_is_not_mistaken(self, client: httpx.AsyncClient) -> None:
        r = await _post(client, "/customers", {"first_name": "a\\u0000b", "email": "e@example.com"})
        assert r.status_code == 201, r.text
        assert r.json()["first_name"] == "a\\u0000b"


class TestNames:
    async def test_are_nfc_and_trimmed(self, client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/customers",
            json={
                "first_name": "  Zoe\u0308 ",
                "last_name": "Ło\u0301dz\u030c\t",
                "email": "z@x.pl",
            },
        )
        assert r.status_code == 201, r.text
        assert (r.json()["first_name"], r.json()["last_name"]) == ("Zoë", "Łódž")

    def test_in_an_import_too(self) -> None:
        header = ["Imię", "Nazwisko", "E-mail"]
        spec = Spec(header=header, mapping=Mapping(columns=suggest_columns(header, {})))
        result = validate_chunk([(1, [" Zoe\u0308", "Nowak", "z@x.pl"])], spec)
        assert result.valid["first_name"].to_list() == ["Zoë"]


class TestImportCells:
    def test_a_nul_in_a_cell_is_a_row_error(self) -> None:
        header = ["Imię", "E-mail"]
        spec = Spec(header=header, mapping=Mapping(columns=suggest_columns(header, {})))
        result = validate_chunk([(1, ["An\x00na", "a@x.pl"]), (2, ["Jan", "j@x.pl"])], spec)
        assert result.valid["row_no"].to_list() == [2]
        errors = result.errors.select("row_no", "column", "code", "value").rows()
        assert errors == [(1, "Imię", CODE, "Anna")]


class TestNoInputReachesA500:
    """Over the public schemas most exposed to typed text: whatever the text, never a 500."""

    @PROPERTY
    @given(first=NASTY, city=NASTY, tag=NASTY)
    async def test_customer_create(
        self, client: httpx.AsyncClient, first: str, city: str, tag: str
    ) -> None:
        body = {"first_name": first, "city": city, "tags": [tag], "phone": "600123456"}
        r = await _post(client, "/customers", body)
        assert r.status_code < 500, r.text

    @PROPERTY
    @given(last=NASTY, notes=NASTY)
    async def test_customer_patch(
        self, client: httpx.AsyncClient, session: AsyncSession, last: str, notes: str
    ) -> None:
        created = await client.post("/customers", json={"last_name": "P", "phone": "600123457"})
        assert created.status_code in (201, 409), created.text
        customer_id = created.json().get("id")
        if customer_id:
            r = await client.patch(
                f"/customers/{customer_id}",
                content=_raw_json({"last_name": last, "notes": notes}),
                headers={"Content-Type": "application/json"},
            )
            assert r.status_code < 500, r.text
            await client.delete(f"/customers/{customer_id}")

    @PROPERTY
    @given(q=NASTY, filter_text=NASTY)
    async def test_search_body(self, client: httpx.AsyncClient, q: str, filter_text: str) -> None:
        for path in ("/customers/search", "/customers/search/count"):
            for body in ({"q": q}, {"filter": filter_text}):
                r = await _post(client, path, body)
                assert r.status_code < 500, r.text

    @PROPERTY
    @given(q=NASTY, sort=NASTY, filter_text=NASTY)
    async def test_query_parameters(
        self, client: httpx.AsyncClient, q: str, sort: str, filter_text: str
    ) -> None:
        # A lone surrogate has no UTF-8 form: its bytes (as a sloppy encoder writes them) arrive.
        query = "&".join(
            f"{k}={quote(v.encode('utf-8', 'surrogatepass'))}"
            for k, v in {"q": q, "sort": sort, "filter": filter_text}.items()
        )
        r = await client.get(f"/customers?{query}")
        assert r.status_code < 500, r.text
