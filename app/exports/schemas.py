import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.customers.search_schemas import FilterField, FilterInput

DEFAULT_COLUMNS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "city",
    "status",
    "tags",
    "total_spent",
    "created_at",
]


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["csv", "xlsx", "pdf"] = "csv"
    ids: list[uuid.UUID] | None = Field(default=None, max_length=10_000)
    filter: FilterInput = FilterField
    q: str | None = Field(default=None, max_length=500)
    segment_id: uuid.UUID | None = None
    columns: list[str] = Field(
        default_factory=lambda: list(DEFAULT_COLUMNS), min_length=1, max_length=100
    )
    sort: str | None = Field(default=None, max_length=200, examples=["last_name"])
    delimiter: Literal[",", ";"] = Field(default=";", description="CSV only")
    locale: Literal["en", "pl", "uk", "ru"] | None = Field(
        default=None,
        description="The language of the headings and title; by default the tenant's (not the "
        "browser's `Accept-Language`: the file is the business's document)",
    )


class ExportLogOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    actor_type: str
    actor_label: str | None
    format: str
    selection: dict[str, Any]
    columns: list[str]
    row_count: int
    created_at: datetime
