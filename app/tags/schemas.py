import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

COLOUR = r"^#[0-9a-fA-F]{6}$"
# At least one character that is not whitespace: names are trimmed (tags.service.clean_names).
NAME = r"\S"


class TagIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100, pattern=NAME, examples=["VIP"])
    colour: str = Field(default="#228be6", pattern=COLOUR, examples=["#e64980"])


class TagPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, min_length=1, max_length=100, pattern=NAME)
    colour: str | None = Field(default=None, pattern=COLOUR)


class TagOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    colour: str
    created_at: datetime
    customers_count: int = 0
