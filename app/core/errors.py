"""One error hierarchy, rendered as RFC 9457 problem+json in one place."""

import re
import socket
import traceback
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar, Union

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.openapi import allowed_methods

log = structlog.get_logger()

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    loc: list[str | int] = Field(examples=[["body", "email"]])
    code: str = Field(examples=["invalid_email"])
    message: str = Field(examples=["The email address is not valid."])


class Problem(BaseModel):
    """An RFC 9457 problem document with a stable machine `code`; a problem may carry
    extension members of its own (`AppError.problem_model` states them in the spec)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        default="about:blank", examples=["https://kartoteka.dev/problems/customer_not_found"]
    )
    title: str = Field(examples=["Customer not found"])
    status: int = Field(examples=[404])
    detail: str | None = None
    code: str = Field(examples=["customer_not_found"])
    errors: list[FieldError] | None = None


class AppError(Exception):
    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    title: ClassVar[str] = "Bad request"
    # The problem's schema in the spec: a subclass of Problem naming its extension members.
    problem_model: ClassVar[type[Problem]] = Problem

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.extensions = extensions or {}

    def to_problem(self) -> Problem:
        return self.problem_model(
            type=f"https://kartoteka.dev/problems/{self.code}",
            title=self.title,
            status=self.status,
            detail=self.detail,
            code=self.code,
            errors=self.errors,
            **self.extensions,
        )


class NotFound(AppError):
    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(AppError):
    status = 409
    code = "conflict"
    title = "Conflict"


class Unauthenticated(AppError):
    status = 401
    code = "unauthenticated"
    title = "Authentication required"


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    title = "Not allowed"


class ValidationFailed(AppError):
    status = 422
    code = "validation_failed"
    title = "Some fields are not valid"

    @classmethod
    def field(cls, loc: list[str | int], code: str, message: str) -> "ValidationFailed":
        return cls(message, errors=[FieldError(loc=loc, code=code, message=message)])


class PreconditionFailed(AppError):
    status = 412
    code = "precondition_failed"
    title = "The resource has changed since you read it"


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"
    title = "The request body is too large"


class RateLimited(AppError):
    status = 429
    code = "rate_limited"
    title = "Too many requests"


class DatabaseUnavailable(AppError):
    """A connection to the database failed (see `UNREACHABLE`); the request may be retried."""

    status = 503
    code = "database_unavailable"
    title = "The database is not available"


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a route: each status documented with the Problem schema."""
    out: dict[int | str, dict[str, Any]] = {}
    documented: tuple[type[AppError], ...] = (
        *errors,
        ValidationFailed,
        Unauthenticated,
        DatabaseUnavailable,
    )
    for err in documented:
        entry = out.setdefault(
            err.status, {"model": Problem, "description": "", "content": {PROBLEM_JSON: {}}}
        )
        entry.setdefault("_models", []).append(err.problem_model)
        codes = entry.setdefault("_codes", [])
        codes.append(err.code)
        entry["description"] = "Problem codes: " + ", ".join(sorted(set(codes)))
    for entry in out.values():
        entry.pop("_codes", None)
        # A status whose problems carry members of their own is any of their schemas (a 409
        # may be `duplicate_contact` with its candidates, or a plain `external_id_taken`).
        # The plain Problem last: a generated client tries each schema in turn, and the plain
        # one (open to any member) would take a `voucher_overspent` before its own schema.
        models = tuple(sorted(dict.fromkeys(entry.pop("_models")), key=lambda m: m is Problem))
        entry["model"] = models[0] if len(models) == 1 else Union[models]  # noqa: UP007
    return out


def _validation_code(err: dict[str, Any]) -> str:
    kind = str(err.get("type", "invalid"))
    return {"json_invalid": "invalid_json", "extra_forbidden": "unknown_field"}.get(kind, kind)


def _clean_message(err: dict[str, Any]) -> str:
    msg = str(err.get("msg", "Invalid value"))
    return msg.removeprefix("Value error, ")


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(exc.to_problem(), exc.headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(loc=list(e.get("loc", ())), code=_validation_code(e), message=_clean_message(e))
        for e in exc.errors()
    ]
    malformed = any(e.code == "invalid_json" for e in errors)
    problem = Problem(
        type="https://kartoteka.dev/problems/"
        + ("invalid_json" if malformed else "validation_failed"),
        title="The request body is not valid JSON" if malformed else ValidationFailed.title,
        status=422,
        code="invalid_json" if malformed else ValidationFailed.code,
        detail=f"{len(errors)} field(s) failed validation" if not malformed else errors[0].message,
        errors=errors,
    )
    return problem_response(problem)


_HTTP_CODES = {
    400: "invalid_body",
    404: "not_found",
    405: "method_not_allowed",
    401: "unauthenticated",
    403: "forbidden",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        # The true Allow: every route at this path, not only the first one Starlette met.
        headers = {"Allow": ", ".join(allowed_methods(request.app.router.routes, request.scope))}
    problem = Problem(
        type=f"https://kartoteka.dev/problems/{code}",
        title=str(exc.detail),
        status=exc.status_code,
        code=code,
    )
    return problem_response(problem, headers)


# Citus relays a shard's error by its message alone, naming the shard's index
# ("customers_email_key_102008"): the name is read from the message, the shard id dropped.
_CONSTRAINT_IN_MESSAGE = re.compile(r'constraint "([^"]+)"')
_SHARD_SUFFIX = re.compile(r"_\d+$")


def _violated_constraint(exc: IntegrityError) -> str:
    cause = getattr(exc.orig, "__cause__", None)
    named = getattr(cause, "constraint_name", None)
    if named:
        return str(named)
    found = _CONSTRAINT_IN_MESSAGE.search(str(cause or exc.orig))
    return found.group(1) if found else ""


def _integrity_error(
    unique_conflicts: Mapping[str, type[AppError]],
) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    """A unique index named in `unique_conflicts` is that error (a caller's conflict, not a
    server fault); any other integrity error is a plain 409 `conflict`."""

    async def handler(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, IntegrityError)
        constraint = _violated_constraint(exc)
        error = unique_conflicts.get(constraint) or unique_conflicts.get(
            _SHARD_SUFFIX.sub("", constraint)
        )
        code, title = (
            (error.code, error.title)
            if error
            else ("conflict", "The change conflicts with existing data")
        )
        log.info("integrity_conflict", constraint=constraint)
        return problem_response(
            Problem(
                type=f"https://kartoteka.dev/problems/{code}", title=title, status=409, code=code
            )
        )

    return handler


# The database is down, restarting or out of connections: the request may simply be retried
# (asyncpg's class 08 errors, a server shutting down, starting up or out of connection slots,
# a refused connect, our own pool exhausted).
UNREACHABLE: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
    # The server closed the connection while a statement ran (terminated, restarted).
    asyncpg.ConnectionDoesNotExistError,
    ConnectionError,
    socket.gaierror,
    PoolTimeout,
)
RETRY_AFTER_SECONDS = 5


def database_unreachable(exc: BaseException) -> bool:
    """Whether `exc` says the database could not be reached (or the connection was lost),
    rather than that a statement failed: worth a retry, not a failure."""
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(
            getattr(exc.orig, "__cause__", None), UNREACHABLE
        )
    return isinstance(exc, UNREACHABLE)


async def _database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    log.warning("database_unavailable", error=f"{type(exc).__name__}: {exc}")
    error = DatabaseUnavailable(
        "Retry in a few seconds.", headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )
    return problem_response(error.to_problem(), error.headers)


async def _db_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if database_unreachable(exc):
        return await _database_unavailable(request, exc)
    cause = getattr(exc.orig, "__cause__", None)
    if type(cause).__name__ == "QueryCanceledError":
        return problem_response(
            Problem(
                type="https://kartoteka.dev/problems/query_timeout",
                title="The query took too long",
                status=503,
                code="query_timeout",
                detail="Narrow the filter, or use an export or bulk job for large sets.",
            )
        )
    return await _unexpected(request, exc)


async def _too_deep(_: Request, exc: Exception) -> JSONResponse:
    return problem_response(
        Problem(
            type="https://kartoteka.dev/problems/too_deep",
            title="The request is nested too deeply",
            status=422,
            code="too_deep",
        )
    )


def _database_error(exc: BaseException) -> BaseException | None:
    """The driver's error behind `exc`, if a database error is in its chain."""
    seen: BaseException | None = exc
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        if type(seen).__module__.startswith("asyncpg"):
            return seen
        visited.add(id(seen))
        seen = seen.__cause__ or seen.__context__
    return None


_SERVER_FAULTS = ("XX", "58")


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    driver_error = _database_error(exc)
    if driver_error is not None:
        # The driver's and the server's messages quote the values they choked on ("invalid
        # input for query argument $1: 'anna@…'"): log the kind, the SQL and the frames only.
        sqlstate = getattr(driver_error, "sqlstate", None) or ""
        log.error(
            "unhandled_db_error",
            error=type(exc).__name__,
            db_error=type(driver_error).__name__,
            sqlstate=sqlstate or None,
            # An internal or system error (class XX, 58) speaks of the server, not of values:
            # its text is what finds the cause.
            server_message=str(driver_error) if sqlstate[:2] in _SERVER_FAULTS else None,
            statement=getattr(exc, "statement", None),
            stack="".join(traceback.format_tb(exc.__traceback__)),
        )
    else:
        log.exception("unhandled_error", exc_info=exc)
    return problem_response(
        Problem(title="Internal server error", status=500, code="internal_error"),
    )


def install_error_handlers(
    app: FastAPI, unique_conflicts: Mapping[str, type[AppError]] | None = None
) -> None:
    """The handlers of every error; `unique_conflicts` maps a unique index to the domain error
    its violation is (the wiring passes the domains' own classes, so codes are stated once)."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error(unique_conflicts or {}))
    app.add_exception_handler(DBAPIError, _db_error)
    for unreachable in UNREACHABLE:
        app.add_exception_handler(unreachable, _database_unavailable)
    app.add_exception_handler(RecursionError, _too_deep)
    app.add_exception_handler(Exception, _unexpected)
