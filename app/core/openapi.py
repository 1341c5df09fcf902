"""What the spec says about every operation, stated once: the statuses any route can answer
and the true `Allow` of a 405.

Routes declare their own domain errors (`errors.responses(...)`); the answers that come from
the framework and the middleware — a body that is not JSON (400), too large (413), a path id
that is not a UUID (404, no route matches), a rate limit (429), a validation error (422) — are
added here to every operation they can reach, each as `application/problem+json`.
"""

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.routing import Match, Route
from starlette.types import Scope

PROBLEM_JSON = "application/problem+json"
_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_ANY_OPERATION = {
    "400": "A request the server cannot parse: a body that is not JSON (`invalid_body`), or, "
    "as plain text from the HTTP server itself, a request line it refuses (e.g. too long)",
    "429": "Rate limited (`rate_limited`) or too many running (`too_many_running`); "
    "see `Retry-After`",
}
_WITH_BODY = {
    "413": "Problem codes: payload_too_large",
}
_WITH_PATH_ID = {"404": "Problem codes: not_found (no such resource, or an id that is not one)"}
# What IdempotencyMiddleware answers on a POST whose responses it keeps.
_WITH_IDEMPOTENCY = {
    "409": "Problem codes: idempotency_in_progress (the first request with this key still runs)",
    "422": "Problem codes: idempotency_key_reused (the key came with another request)",
}


def allowed_methods(routes: list[Any], scope: Scope) -> list[str]:
    """Every method some route serves at this path (Starlette's own 405 names only the first
    route's). The SPA's catch-all is not an API resource and is left out."""
    static: set[str] = set()
    templated: set[str] = set()
    for route in routes:
        if not isinstance(route, Route) or route.path == "/{path:path}" or not route.methods:
            continue
        match, _ = route.matches({**scope, "method": next(iter(route.methods))})
        if match is Match.FULL:
            (templated if route.param_convertors else static).update(route.methods)
    # A path the spec names as it is (/vouchers/generate) is that resource, not a value of a
    # sibling's template (/vouchers/{code}).
    return sorted(static or templated)


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": _PROBLEM_REF}}}


def complete_spec(
    spec: dict[str, Any], idempotency: tuple[Callable[[str], bool], dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Add the framework's and the middleware's answers to every operation; `idempotency` is
    (whether a POST path keeps its responses, the `Idempotency-Key` parameter), passed in as
    the middleware imports the errors that import this module."""
    keeps, idempotency_key = idempotency or ((lambda path: False), {})
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            answers: dict[str, Any] = operation.setdefault("responses", {})
            extra = dict(_ANY_OPERATION)
            if "requestBody" in operation:
                extra |= _WITH_BODY
            if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                extra |= _WITH_PATH_ID
            if method == "post" and keeps(path):
                # Declared so generated clients take the key as a parameter of the call.
                operation.setdefault("parameters", []).append(idempotency_key)
                extra |= _WITH_IDEMPOTENCY
            for status, description in extra.items():
                answers.setdefault(status, _problem(description))
            if method == "post" and keeps(path):
                for status, description in _WITH_IDEMPOTENCY.items():
                    code = description.split(": ", 1)[1].split(" ", 1)[0]
                    if code not in answers[status]["description"]:
                        answers[status]["description"] += f"; {code} (Idempotency-Key)"
            for status, answer in answers.items():
                content = answer.get("content", {})
                json_only = set(content) <= {"application/json", PROBLEM_JSON}
                # FastAPI gives a route's default media type (text/html for the unsubscribe
                # pages) to its 422, which our handler answers as a problem all the same.
                a_problem = any(c.get("schema") == _PROBLEM_REF for c in content.values())
                if status[0] in "45" and (json_only or a_problem):
                    # Every JSON error is problem+json, whatever FastAPI's default says (a
                    # route that answers in HTML, such as unsubscribe pages, keeps its own),
                    # with the schema of a problem that carries members of its own.
                    schema = next(
                        (c["schema"] for c in content.values() if "schema" in c), _PROBLEM_REF
                    )
                    answer["content"] = {PROBLEM_JSON: {"schema": schema}}
            # A request the HTTP server (uvicorn) cannot parse never reaches the app: its 400
            # is the server's own plain text.
            answers["400"].setdefault("content", {})["text/plain"] = {"schema": {"type": "string"}}
    return spec


def _item_paths(spec: dict[str, Any], collection: str) -> list[tuple[str, str]]:
    """The paths of one item of a collection (`/customers/{customer_id}` and those under it)
    with the name of the item's parameter."""
    found = []
    for path in spec["paths"]:
        match = re.fullmatch(re.escape(collection) + r"/\{(\w+)\}(/.*)?", path)
        if match:
            found.append((path, match.group(1)))
    return found


def add_links(spec: dict[str, Any]) -> None:
    """OpenAPI links from a POST that creates an item to every operation of that item: the
    `{customer_id}` of `/customers/{customer_id}` is the `id` the POST answered (a voucher's
    `{code}`, its `code`). Clients and schemathesis' stateful phase follow them."""
    schemas = spec.get("components", {}).get("schemas", {})
    for collection, item in spec["paths"].items():
        create = item.get("post")
        if create is None:
            continue
        for status, answer in create["responses"].items():
            ref = answer.get("content", {}).get("application/json", {}).get("schema", {})
            fields = schemas.get(ref.get("$ref", "").rsplit("/", 1)[-1], {}).get("properties", {})
            if status not in ("200", "201") or "id" not in fields:
                continue
            links: dict[str, Any] = {}
            for path, param in _item_paths(spec, collection):
                field = param if param in fields else "id"
                if field != param and not param.endswith("_id"):
                    continue
                for method in _METHODS:
                    if (operation := spec["paths"][path].get(method)) is not None:
                        links[operation["operationId"].replace(":", "_")] = {
                            "operationId": operation["operationId"],
                            "parameters": {param: f"$response.body#/{field}"},
                        }
            if links:
                answer["links"] = links


def install_openapi(
    app: FastAPI, idempotency: tuple[Callable[[str], bool], dict[str, Any]] | None = None
) -> None:
    """`app.openapi()` returns the completed spec (built once, as FastAPI caches it)."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete_spec(build(), idempotency)
            add_links(app.openapi_schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
