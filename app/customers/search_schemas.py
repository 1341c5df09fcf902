"""Request and response shapes of search, the field registry and selections."""

import uuid
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field, create_model

from app.core.pagination import MAX_PAGE_SIZE, Page
from app.customers.schemas import CustomerOut

FILTER_EXAMPLE: dict[str, Any] = {
    "and": [
        {"field": "tags", "op": "has_any", "value": ["VIP"]},
        {"field": "status", "op": "eq", "value": "active"},
        {"field": "created_at", "op": "in_last", "value": "30d"},
    ]
}
FilterInput = dict[str, Any] | str | None
FilterField = Field(
    default=None,
    description="A filter tree, or its text form (`status = active AND total_spent >= 500`)",
    examples=[FILTER_EXAMPLE],
)

# The list's query parameters, shared by `GET /customers` and `GET /customers/count`.
FilterQuery = Annotated[
    str | None, Query(max_length=10_000, examples=["status = active AND tags = VIP"])
]
QuickSearchQuery = Annotated[str | None, Query(max_length=500, examples=["kowalska"])]


class FieldInfo(BaseModel):
    name: str = Field(examples=["total_spent"])
    label: str = Field(examples=["Total spent"])
    labels: dict[str, str] = Field(examples=[{"en": "Total spent", "pl": "Suma zakupów"}])
    type: str = Field(examples=["money"])
    operators: list[str]
    no_value_operators: list[str]
    enum_values: list[str] | None = None
    sortable: bool
    filterable: bool


class FieldList(BaseModel):
    items: list[FieldInfo]


INCLUDE_TOTAL_DESCRIPTION = (
    "false: the page without `total` (null), one query fewer. Ask the count endpoint with the "
    "same `filter` and `q` in parallel to show it when it arrives; `has_more` says whether "
    "there is a next page."
)


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filter: FilterInput = FilterField
    q: str | None = Field(default=None, max_length=500, examples=["kowalska"])
    sort: str | None = Field(default=None, examples=["-total_spent,last_name"])
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=50, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = Field(
        default=None, max_length=4000, description="`next_cursor` of the previous page"
    )
    fields: list[str] | None = Field(
        default=None, max_length=100, description="Only these fields of each customer (and `id`)"
    )
    include_total: bool = Field(default=True, strict=True, description=INCLUDE_TOTAL_DESCRIPTION)


class CountRequest(BaseModel):
    """What `POST /customers/search` would list: a filter (tree or text) and quick search."""

    model_config = ConfigDict(extra="forbid")
    filter: FilterInput = FilterField
    q: str | None = Field(default=None, max_length=500, examples=["kowalska"])


TOTAL_IS_ESTIMATE = Field(
    default=False,
    description=(
        "false: `total` is exact. true: more than 10,000 customers match (or counting them "
        "took too long), and `total` is the database's estimate, never below the rows known "
        "to exist; show it as approximate (`~52,000`). Counting a million matches exactly on "
        "every page would read a million rows."
    ),
)
HAS_MORE = Field(description="Another page follows this one")


class _SearchPageBase(BaseModel):
    total: int | None = Field(
        description="Matching customers; null when paging by cursor or with `include_total=false`"
    )
    total_is_estimate: bool = TOTAL_IS_ESTIMATE
    page: int | None
    page_size: int
    next_cursor: str | None = Field(description="Pass back as `cursor`; null on the last page")
    has_more: bool = HAS_MORE


class SearchPage(_SearchPageBase):
    items: list[CustomerOut]


# What a search with `fields` answers: each customer with `id` and only the fields asked for.
CustomerFieldsOut = create_model(
    "CustomerFieldsOut",
    __doc__="A customer with `id` and only the `fields` asked for (any of `CustomerOut`'s)",
    id=(uuid.UUID, ...),
    **{  # type: ignore[call-overload]
        name: (f.annotation, Field(default=None, description=f.description))
        for name, f in CustomerOut.model_fields.items()
        if name != "id"
    },
)
SearchFieldsPage = create_model(
    "SearchFieldsPage",
    __base__=_SearchPageBase,
    __doc__="A page of `POST /customers/search` with `fields`",
    items=(list[CustomerFieldsOut], ...),  # type: ignore[valid-type]
)


class CustomerPage(Page[CustomerOut]):
    """A page of `GET /customers`; `total` may be an estimate (see `total_is_estimate`)."""

    total: int | None = Field(  # type: ignore[assignment]
        examples=[1234], description="Matching customers; null with `include_total=false`"
    )
    total_is_estimate: bool = TOTAL_IS_ESTIMATE
    has_more: bool = HAS_MORE


class CustomerCount(BaseModel):
    """How many customers match: the `total` and `total_is_estimate` a page would carry."""

    total: int = Field(examples=[1234])
    total_is_estimate: bool = TOTAL_IS_ESTIMATE


class SelectionIn(BaseModel):
    """Which customers: `ids`, or all that match `filter` / `q` / `segment_id` (combined)."""

    model_config = ConfigDict(extra="forbid")
    ids: list[uuid.UUID] | None = Field(default=None, max_length=10_000)
    filter: FilterInput = FilterField
    q: str | None = Field(default=None, max_length=500)
    segment_id: uuid.UUID | None = None


class DuplicateGroup(BaseModel):
    reason: str = Field(examples=["same_phone"])
    key: str = Field(examples=["+48600123456"])
    customers: list[CustomerOut]


class DuplicateList(BaseModel):
    items: list[DuplicateGroup]
