"""Typed errors for RFC 9457 problems (hand-written; `make clients` keeps this file).

The generated `*_detailed` functions return a `Response` whose `parsed` is the success model
or one of the problem models. `expect` turns that into the model or a raised `ProblemError`
(a subclass per status a partner handles differently):

    from kartoteka_client.api.customers import create_customer
    from kartoteka_client.models import CustomerOut
    from kartoteka_client.problems import ConflictError, expect

    try:
        customer = expect(create_customer.sync_detailed(client=client, body=...), CustomerOut)
    except ConflictError as problem:
        if problem.code == "duplicate_contact": ...
"""

import json
from http import HTTPStatus
from typing import Any, TypeVar

from .types import Response

T = TypeVar("T")


class ProblemError(Exception):
    """An `application/problem+json` answer: `code` is the stable machine code."""

    def __init__(self, status: int, body: dict[str, Any], parsed: object = None) -> None:
        self.status = status
        self.body = body
        self.parsed = parsed
        self.code: str = str(body.get("code", ""))
        self.title: str = str(body.get("title", HTTPStatus(status).phrase))
        self.detail: str | None = body.get("detail")
        super().__init__(f"{status} {self.code or self.title}: {self.detail or self.title}")


class BadRequestError(ProblemError):
    """400: a body or header the server cannot parse."""


class UnauthorizedError(ProblemError):
    """401: no credentials, or a bad, expired or revoked API key."""


class ForbiddenError(ProblemError):
    """403: the key lacks the scope (`body["required_scope"]` when the server says)."""


class NotFoundError(ProblemError):
    """404: no such object in this tenant."""


class ConflictError(ProblemError):
    """409: e.g. `duplicate_contact` (candidates in the body), `email_taken`,
    `idempotency_in_progress` (retry later with the same key)."""


class PreconditionFailedError(ProblemError):
    """412: the `If-Match` ETag is stale: read the object again and reapply the change."""


class ValidationFailedError(ProblemError):
    """422: `errors` lists every failing field with its JSON path; also
    `idempotency_key_reused`."""

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])


class RateLimitedError(ProblemError):
    """429: wait `retry_after` seconds before the next request."""

    retry_after: float | None = None


class ServerError(ProblemError):
    """5xx: safe to retry an idempotent request (a POST with its `Idempotency-Key`)."""


_BY_STATUS: dict[int, type[ProblemError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: ValidationFailedError,
    429: RateLimitedError,
}


def problem_error(response: Response[Any]) -> ProblemError:
    """The typed error of a 4xx/5xx response (any body; a problem's members when it is one)."""
    status = int(response.status_code)
    try:
        body = json.loads(response.content) if response.content else {}
    except ValueError:
        body = {"detail": response.content.decode(errors="replace")[:500]}
    if not isinstance(body, dict):
        body = {"detail": str(body)}
    kind = _BY_STATUS.get(status, ServerError if status >= 500 else ProblemError)
    error = kind(status, body, response.parsed)
    if isinstance(error, RateLimitedError):
        retry_after = response.headers.get("Retry-After")
        error.retry_after = float(retry_after) if retry_after else None
    return error


def expect(response: Response[Any], model: type[T]) -> T:
    """The parsed success body as `model`, or the typed `ProblemError` of the answer."""
    if 200 <= response.status_code < 300 and isinstance(response.parsed, model):
        return response.parsed
    if response.status_code < 300:
        raise TypeError(f"{response.status_code}: expected {model.__name__}, got {type(response.parsed).__name__}")
    raise problem_error(response)


def expect_no_content(response: Response[Any]) -> None:
    """For operations that answer 204: return, or raise the typed `ProblemError`."""
    if response.status_code >= 300:
        raise problem_error(response)
