from collections.abc import Iterable

from fastapi import APIRouter
from fastapi.routing import APIRoute


def operation_id(route: APIRoute) -> str:
    """Stable `<tag>:<function>` ids (`customers:list_customers`): generated clients are named by them."""
    tag = str(route.tags[-1]) if route.tags else "default"
    return f"{tag}:{route.name}"


# What `add_api_route` takes that an APIRoute keeps under the same name.
_ROUTE_SETTINGS = (
    "response_model", "status_code", "tags", "dependencies", "summary", "description",
    "response_description", "responses", "deprecated", "methods", "operation_id",
    "response_model_include", "response_model_exclude", "response_model_by_alias",
    "response_model_exclude_unset", "response_model_exclude_defaults",
    "response_model_exclude_none", "include_in_schema", "response_class", "name", "callbacks",
    "openapi_extra", "generate_unique_id_function",
)  # fmt: skip


def add_routes(target: APIRouter, prefix: str, routers: Iterable[APIRouter]) -> None:
    """Copy the routers' routes onto `target` under `prefix`, as one flat list.

    `include_router` (FastAPI ≥ 0.137) keeps each router as a node that is walked on every
    request; with a dozen routers that walk cost more CPU than reading a customer.
    """
    for router in routers:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                raise TypeError(f"{route!r}: only API routes can be flattened")
            settings = {name: getattr(route, name) for name in _ROUTE_SETTINGS}
            target.add_api_route(prefix + route.path, route.endpoint, **settings)
