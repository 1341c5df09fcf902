import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.core.iso import IsoInstant
from app.loyalty.schemas import LoyaltyResult

TransactionKind = Literal["purchase", "refund"]
MAX_BATCH = 1000


class CustomerRef(BaseModel):
    """How the till names the customer: exactly one of these keys."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: uuid.UUID | None = None
    external_id: str | None = Field(default=None, max_length=200, examples=["CRM-10492"])
    phone: str | None = Field(default=None, max_length=40, examples=["600-123-456"])
    email: str | None = Field(default=None, max_length=320)
    card: str | None = Field(default=None, max_length=64)

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [k for k in ("id", "external_id", "phone", "email", "card") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("Give exactly one of id, external_id, phone, email or card.")
        return self


class TransactionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    customer: CustomerRef
    amount: Decimal = Field(max_digits=14, decimal_places=2, examples=["129.90"])
    kind: TransactionKind | None = Field(
        default=None,
        description="Default: `refund` when the amount is negative, else `purchase`. "
        "A refund's amount is stored negative whichever sign you send.",
    )
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="The tenant's currency (the default); any other is refused with 422 "
        "`currency_mismatch`: a tenant's amounts are summed as one figure, never converted",
        examples=["PLN"],
    )
    occurred_at: IsoInstant | None = Field(default=None, description="Default: now")
    location: str | None = Field(
        default=None, max_length=64, description="A location code", examples=["WAW-01"]
    )
    external_ref: str | None = Field(
        default=None,
        max_length=200,
        description="Your receipt id, unique per tenant: a replay returns the first result",
        examples=["POS1-2026-000123"],
    )
    items_count: int | None = Field(default=None, ge=0, le=100_000)
    redeem_points: int | None = Field(
        default=None,
        gt=0,
        le=1_000_000_000,
        description="Loyalty points that pay part of this purchase (the programme's limits "
        "apply); the rest of the amount earns points",
    )
    refund_of: uuid.UUID | None = Field(
        default=None,
        description="A refund's purchase (its id): the points that purchase earned are clawed "
        "back in proportion",
    )


class TransactionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    customer_id: uuid.UUID | None
    kind: TransactionKind
    amount: Decimal
    currency: str
    occurred_at: datetime
    location_id: uuid.UUID | None
    external_ref: str | None
    items_count: int | None
    created_at: datetime


class TransactionRecorded(TransactionOut):
    replayed: bool = Field(description="True when external_ref was seen before: nothing changed")
    loyalty: LoyaltyResult | None = Field(
        default=None, description="What the transaction did to the customer's points, when "
        "the tenant's loyalty programme is on",
    )  # fmt: skip


class TransactionBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[TransactionIn] = Field(min_length=1, max_length=MAX_BATCH)


class BatchItemResult(BaseModel):
    index: int
    status: Literal["created", "replayed", "failed"]
    id: uuid.UUID | None = None
    code: str | None = Field(default=None, examples=["customer_not_found"])
    detail: str | None = None


class TransactionBatchOut(BaseModel):
    created: int
    replayed: int
    failed: int
    results: list[BatchItemResult]


class LocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str = Field(min_length=1, max_length=64, examples=["WAW-01"])
    name: str = Field(min_length=1, max_length=200, examples=["Warszawa, Marszałkowska"])
    city: str | None = Field(default=None, max_length=200)


class LocationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    code: str
    name: str
    city: str | None
    created_at: datetime
