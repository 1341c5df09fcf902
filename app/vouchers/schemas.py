import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.core.iso import IsoInstant

VoucherKind = Literal["amount", "percent"]
VoucherStatus = Literal["active", "redeemed", "expired", "cancelled"]
MAX_GENERATE = 10_000


class VoucherTerms(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: VoucherKind = "amount"
    value: Decimal = Field(
        gt=0, max_digits=14, decimal_places=2, description="Amount, or percent (≤ 100)"
    )
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="The tenant's currency (the default; kept for `amount` vouchers); any "
        "other is refused with 422 `currency_mismatch`: no conversion is made",
        examples=["PLN"],
    )
    valid_from: IsoInstant | None = None
    valid_until: IsoInstant | None = None

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if self.kind == "percent" and self.value > 100:
            raise ValueError("A percent voucher is worth at most 100.")
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from.")
        return self


class VoucherCreate(VoucherTerms):
    code: str | None = Field(
        default=None,
        min_length=3,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Default: generated (no O/0/I/1). Codes are case-insensitive.",
        examples=["SUMMER-2026"],
    )
    customer_id: uuid.UUID | None = None


class VoucherGenerate(VoucherTerms):
    count: int = Field(ge=1, le=MAX_GENERATE, examples=[100])
    prefix: str | None = Field(
        default=None, max_length=16, pattern=r"^[A-Za-z0-9_-]+$", examples=["XMAS-"]
    )


class VoucherAssign(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_id: uuid.UUID


class RedeemIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    amount: Decimal | None = Field(
        default=None,
        gt=0,
        max_digits=14,
        decimal_places=2,
        description="`amount` voucher: what to take off the balance (required; at most the "
        "balance, and at most `purchase_amount` when given). `percent` voucher: optional, the "
        "discount the till computed; it must equal the server's figure",
        examples=["30.00"],
    )
    purchase_amount: Decimal | None = Field(
        default=None,
        gt=0,
        max_digits=14,
        decimal_places=2,
        description="The purchase the voucher pays for, in the tenant's currency. Required for "
        "`percent` vouchers: the discount is this × percent / 100, rounded half up to the cent",
        examples=["80.00"],
    )
    transaction_ref: str | None = Field(
        default=None,
        max_length=200,
        description="Your receipt id: it redeems this voucher once. A retry with the same "
        "amounts returns the first redemption (`replayed`), other amounts are "
        "`transaction_ref_reused`",
        examples=["POS1-2026-000123"],
    )
    location: str | None = Field(default=None, max_length=64, description="A location code")


class RedemptionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    amount: Decimal = Field(description="Taken off: the amount, or a percent voucher's discount")
    purchase_amount: Decimal | None
    transaction_ref: str | None
    location_id: uuid.UUID | None
    redeemed_at: datetime
    undone_at: datetime | None = Field(
        default=None, description="Set when the redemption was undone: it took nothing"
    )
    undone_by: str | None = Field(default=None, description="Who undid it")


class VoucherOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    code: str
    kind: VoucherKind
    currency: str | None
    initial_value: Decimal
    balance: Decimal
    status: VoucherStatus
    valid_from: datetime | None
    valid_until: datetime | None
    customer_id: uuid.UUID | None
    assigned_at: datetime | None
    created_at: datetime


class VoucherWithRedemptions(VoucherOut):
    redemptions: list[RedemptionOut] = Field(default_factory=list)


class RedeemResult(BaseModel):
    redemption: RedemptionOut
    voucher: VoucherOut
    replayed: bool = Field(
        description="True when transaction_ref redeemed this voucher before: nothing was taken"
    )


class GenerateResult(BaseModel):
    count: int
    codes: list[str]


class IssueTerms(VoucherTerms):
    """The voucher each selected customer gets; kept in a queued job's parameters."""

    prefix: str | None = Field(default=None, max_length=16, pattern=r"^[A-Za-z0-9_-]+$")


class VoucherIssue(IssueTerms):
    """One voucher for each customer of a selection (filter, quick search, segment or ids)."""

    filter: dict[str, Any] | str | None = Field(default=None, description="A filter tree or text")
    q: str | None = Field(default=None, max_length=200)
    segment_id: uuid.UUID | None = None
    customer_ids: list[uuid.UUID] | None = Field(default=None, max_length=10_000)


class IssueResult(BaseModel):
    status: Literal["done", "queued"] = Field(
        description="`done`: issued in the request (201); `queued`: a job (202), see `job_id`"
    )
    matched: int = Field(description="Customers in the selection")
    issued: int | None = Field(description="Vouchers issued; null while the job runs")
    job_id: uuid.UUID | None = Field(
        default=None,
        description="For `queued`: poll `GET /jobs/{job_id}`; its result has `changed`",
    )
