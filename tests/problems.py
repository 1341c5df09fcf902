"""Assert an error response by its status and its problem `code` (RFC 9457), not the status alone."""

import httpx


def assert_problem(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code, response.text
