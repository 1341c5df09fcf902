import uuid
from typing import Literal

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field

# What tenants.service.validate_settings accepts, stated in the spec (it checks again).
Country = Literal[tuple(sorted(phonenumbers.SUPPORTED_REGIONS))]  # type: ignore[valid-type]
Locale = Literal["en", "pl", "uk", "ru"]


class TenantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    slug: str
    name: str
    country: str = Field(examples=["PL"])
    currency: str = Field(examples=["PLN"])
    timezone: str = Field(examples=["Europe/Warsaw"])
    locale: str = Field(examples=["pl"])
    shared_phone_allowed: bool = Field(
        description="Two customers may have the same phone without `allow_duplicate`."
    )
    redemption_undo_minutes: int = Field(
        description="Minutes in which a voucher's last redemption can be undone; 0: never."
    )


class TenantPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, min_length=1, max_length=200)
    country: Country | None = None  # type: ignore[valid-type]
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", examples=["PLN"])
    timezone: str | None = Field(default=None, max_length=64, examples=["Europe/Warsaw"])
    locale: Locale | None = None
    shared_phone_allowed: bool | None = Field(default=None, strict=True)
    redemption_undo_minutes: int | None = Field(default=None, ge=0, le=1440, strict=True)
