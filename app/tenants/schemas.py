import uuid

from pydantic import BaseModel, ConfigDict, Field


class TenantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    slug: str
    name: str
    country: str = Field(examples=["PL"])
    currency: str = Field(examples=["PLN"])
    timezone: str = Field(examples=["Europe/Warsaw"])
    locale: str = Field(examples=["pl"])


class TenantPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, min_length=1, max_length=200)
    country: str | None = None
    currency: str | None = None
    timezone: str | None = None
    locale: str | None = None
