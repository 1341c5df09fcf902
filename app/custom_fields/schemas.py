import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FieldType = Literal["text", "number", "date", "boolean", "choice"]


class CustomFieldIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,62}$", examples=["favourite_colour"])
    label: str = Field(min_length=1, max_length=200, examples=["Favourite colour"])
    type: FieldType = Field(examples=["choice"])
    choices: list[str] | None = Field(
        default=None, max_length=200, examples=[["red", "green", "blue"]]
    )
    required: bool = Field(default=False, strict=True)


class CustomFieldPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str | None = Field(default=None, min_length=1, max_length=200)
    choices: list[str] | None = Field(default=None, max_length=200)
    required: bool | None = Field(default=None, strict=True)


class CustomFieldOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    key: str
    label: str
    type: FieldType
    choices: list[str] | None
    required: bool
    created_at: datetime
