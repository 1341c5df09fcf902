import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.customers.schemas import Channel, CustomerStatus
from app.customers.search_schemas import SelectionIn

BulkAction = Literal[
    "add_tags", "remove_tags", "set_status", "set_consent", "update_fields", "delete"
]


class BulkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: BulkAction
    selection: SelectionIn
    tags: list[str] | None = Field(default=None, max_length=100, examples=[["VIP"]])
    status: CustomerStatus | None = None
    channel: Channel | None = None
    granted: bool | None = Field(default=None, strict=True)
    fields: dict[str, Any] | None = Field(
        default=None, description="For update_fields: the fields to set on every selected customer"
    )
    dry_run: bool = Field(default=False, strict=True, description="Only count what would change")
    expected_count: int | None = Field(
        default=None,
        ge=0,
        strict=True,
        description="For delete: the `matched` of the dry run; a different count is refused (409)",
    )


class BulkResult(BaseModel):
    action: BulkAction
    matched: int = Field(description="Customers in the selection")
    changed: int | None = Field(description="Customers changed; null for a dry run or a queued job")
    dry_run: bool
    status: Literal["done", "queued", "dry_run"]
    job_id: uuid.UUID | None = None
