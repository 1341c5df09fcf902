import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    kind: str = Field(examples=["bulk.add_tags"])
    status: str = Field(examples=["running"], description="queued, running, succeeded or failed")
    total: int | None
    done: int
    result: dict[str, Any] | None
    error: str | None
    created_by: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
