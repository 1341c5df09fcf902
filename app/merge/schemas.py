"""Request and response of `POST /customers/merge`."""

import uuid

from pydantic import BaseModel, ConfigDict, Field

from app.customers.schemas import CustomerOut


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target_id: uuid.UUID
    source_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=20,
        json_schema_extra={"uniqueItems": True},
        description="Distinct, and not the target",
    )
    dry_run: bool = Field(default=False, strict=True)
    fields: dict[str, uuid.UUID] = Field(
        default_factory=dict,
        description="For a field, the id of the customer whose value wins",
        examples=[{"email": "3f1c9a52-5d0e-4f5b-9e38-4d1a6f2b7c10"}],
    )


class MergeResult(BaseModel):
    customer: CustomerOut = Field(description="The merged customer (a preview for a dry run)")
    moved: dict[str, int] = Field(
        description="Rows moving to the target, by kind", examples=[{"cards": 1}]
    )
    dry_run: bool
