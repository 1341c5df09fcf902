import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.customers.search_schemas import FILTER_EXAMPLE


class SegmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=200, examples=["VIPs from Łódź"])
    description: str | None = Field(
        default=None, max_length=2000, examples=["Who gets the spring voucher mailing"]
    )
    filter: dict[str, Any] | str | None = Field(
        default=None, description="A filter tree or its text form", examples=[FILTER_EXAMPLE]
    )
    q: str | None = Field(default=None, max_length=500)
    columns: list[str] = Field(
        default_factory=list, max_length=100, examples=[["last_name", "total_spent"]]
    )
    sort: str | None = Field(default=None, max_length=200, examples=["-total_spent"])


class SegmentPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(
        default=None, max_length=2000, description="An empty string or null removes it"
    )
    filter: dict[str, Any] | str | None = None
    q: str | None = Field(default=None, max_length=500)
    columns: list[str] | None = Field(default=None, max_length=100)
    sort: str | None = Field(default=None, max_length=200)


class SegmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    description: str | None
    filter: dict[str, Any] | None = Field(description="Always the canonical tree")
    q: str | None
    columns: list[str]
    sort: str | None
    member_count: int | None = Field(
        description="Customers matching now; null in the list (ask `GET /segments/{id}/count`)"
    )
    created_by: str | None
    created_at: datetime
    updated_at: datetime
