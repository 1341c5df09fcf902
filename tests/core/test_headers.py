"""Security headers, CORS closed by default, no-store on the API (issue #13, point 5)."""

import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.config import get_settings
from app.main import create_app

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
SHOP = "https://shop.example"

Client = Callable[..., Any]


@pytest.fixture
def spa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "index.html").write_text('<script type="module" src="/assets/a.js"></script>')
    monkeypatch.setattr(get_settings(), "spa_dir", tmp_path)
    return tmp_path


@asynccontextmanager
async def _fresh_app(monkeypatch: pytest.MonkeyPatch, **settings: Any) -> AsyncIterator[Any]:
    """An app built with these settings; no lifespan: only answers that need no database."""
    for name, value in settings.items():
        monkeypatch.setattr(get_settings(), name, value)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app()), base_url="http://test"
    ) as client:
        yield client


def _assert_common(r: httpx.Response) -> None:
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


class TestSpa:
    async def test_gets_a_strict_csp(self, spa: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        async with _fresh_app(monkeypatch) as client:
            r = await client.get("/customers/123")
        assert r.status_code == 200
        _assert_common(r)
        csp = dict(
            part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";")
        )
        assert csp["script-src"] == "'self'"
        assert csp["object-src"] == "'none'"
        assert csp["default-src"] == "'self'"
        assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]

    def test_index_html_has_no_inline_script(self) -> None:
        # Every <script> of the page the build starts from loads a file: the CSP allows no other.
        html = (FRONTEND / "index.html").read_text()
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts
        assert all("src=" in attrs and not body.strip() for attrs, body in scripts)


class TestApi:
    async def test_personal_data_is_never_stored_by_a_cache(
        self, client: httpx.AsyncClient
    ) -> None:
        for r in (await client.get("/customers"), await client.get("/customers/nope")):
            assert r.headers["cache-control"] == "no-store"
            _assert_common(r)

    async def test_a_refusal_is_not_stored_either(self, anonymous: httpx.AsyncClient) -> None:
        r = await anonymous.get("/customers")
        assert r.status_code == 401
        assert r.headers["cache-control"] == "no-store"
        _assert_common(r)

    async def test_the_spec_stays_cacheable(self, anonymous: httpx.AsyncClient) -> None:
        r = await anonymous.get("/openapi.json")
        assert r.status_code == 200
        assert "no-store" not in r.headers.get("cache-control", "")


class TestHsts:
    async def test_only_where_cookies_are_secure(self, monkeypatch: pytest.MonkeyPatch) -> None:
        async with _fresh_app(monkeypatch, cookie_secure=False) as client:
            assert "strict-transport-security" not in (await client.get("/api/v1/x")).headers
        async with _fresh_app(monkeypatch, cookie_secure=True) as client:
            r = await client.get("/api/v1/x")
        assert r.headers["strict-transport-security"].startswith("max-age=31536000")


class TestCors:
    async def test_closed_unless_configured(self, monkeypatch: pytest.MonkeyPatch) -> None:
        async with _fresh_app(monkeypatch, cors_origins=[]) as client:
            r = await client.options(
                "/api/v1/customers",
                headers={"Origin": SHOP, "Access-Control-Request-Method": "GET"},
            )
        assert "access-control-allow-origin" not in r.headers

    async def test_an_allowed_origin_only(self, monkeypatch: pytest.MonkeyPatch) -> None:
        async with _fresh_app(monkeypatch, cors_origins=[SHOP]) as client:
            ok = await client.options(
                "/api/v1/customers",
                headers={"Origin": SHOP, "Access-Control-Request-Method": "GET"},
            )
            other = await client.options(
                "/api/v1/customers",
                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
            )
        assert ok.headers["access-control-allow-origin"] == SHOP
        assert "access-control-allow-origin" not in other.headers

    def test_origins_are_read_comma_separated(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from app.core.config import Settings

        monkeypatch.setenv("KARTOTEKA_CORS_ORIGINS", f"{SHOP}, https://b.example")
        assert Settings().cors_origins == [SHOP, "https://b.example"]


class TestSpaLeavesTheApiAlone:
    async def test_an_unknown_api_path_is_a_404_whatever_the_method(
        self, spa: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async with _fresh_app(monkeypatch) as client:
            for method in ("GET", "DELETE", "POST"):
                r = await client.request(method, "/api/v1/api-keys/null,null/nothing")
                assert r.status_code == 404, (method, r.text)
                assert r.headers["content-type"].startswith("application/problem+json")
            assert (await client.get("/customers/123")).status_code == 200  # the SPA's route
            assert (await client.delete("/customers/123")).status_code == 405

    async def test_a_known_api_path_with_another_method_is_still_a_405(
        self, spa: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async with _fresh_app(monkeypatch) as client:
            r = await client.delete("/api/v1/customers/count")
        assert r.status_code == 405
