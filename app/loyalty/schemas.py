"""Request and response bodies of the loyalty routes."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.iso import IsoInstant
from app.loyalty.rules import Earning, Rules, Whole


class ProgrammeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = Field(default=True, strict=True)
    rules: Rules = Field(default_factory=Rules)


class ProgrammeOut(BaseModel):
    version: int
    enabled: bool
    rules: Rules


class ExpiringNext(BaseModel):
    points: int
    on: date = Field(description="The tenant-local day the points expire")


class LevelOut(BaseModel):
    name: str | None
    since: datetime | None
    multiplier: Decimal
    discount_percent: Decimal
    below_since: datetime | None = Field(
        description="Qualifies only for a lower level since then; the downgrade waits for the "
        "grace period"
    )
    next_level: str | None
    to_next_level: Decimal | None = Field(description="Points or amount still missing")


class PointsOut(BaseModel):
    customer_id: uuid.UUID
    balance: int = Field(strict=True, description="Available now")
    pending: int = Field(
        strict=True, description="Earned, available after the programme's pending days"
    )
    debt: int = Field(
        strict=True, description="Clawed back beyond the balance; settled by the next earnings"
    )
    earned_total: int
    redeemed_total: int
    expired_total: int
    point_value: Decimal | None = Field(description="What one point pays, in the tenant's currency")
    expiring_next: ExpiringNext | None
    last_accrual_at: datetime | None
    last_redemption_at: datetime | None
    level: LevelOut
    discount_percent: Decimal = Field(description="The higher of the level's and the staff's")
    promo_credit_balance: Decimal


class EntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    kind: Literal["earn", "redeem", "expire", "adjust", "clawback", "opening"]
    points: int
    debt_change: int
    reason: str | None
    ref: str | None
    transaction_id: uuid.UUID | None
    amount: Decimal | None
    programme_version: int | None
    actor_label: str
    created_at: datetime


class LedgerPage(BaseModel):
    items: list[EntryOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page")


class PointsRedeemIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    points: Whole = Field(gt=0, le=1_000_000_000)
    purchase_amount: Decimal | None = Field(
        default=None, gt=0, max_digits=14, decimal_places=2,
        description="The purchase the points pay for: the per-purchase percent limit applies",
    )  # fmt: skip
    ref: str | None = Field(
        default=None, max_length=200,
        description="The till's reference: a retry with the same points takes nothing again "
        "(`Idempotency-Key` is used when no ref is given)",
    )  # fmt: skip


class RedeemOut(BaseModel):
    entry: EntryOut
    amount: Decimal = Field(description="What the points pay: points × point value")
    balance: int
    replayed: bool


class AdjustIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    points: Whole = Field(
        description="Added (> 0) or taken (< 0); not 0",
        ge=-1_000_000_000,
        le=1_000_000_000,
        json_schema_extra={"not": {"const": 0}},
    )
    # Not blank: it is stripped before it is stored.
    reason: str = Field(
        min_length=1, max_length=500, pattern=r"\S", examples=["Apology for a late order"]
    )

    @field_validator("points")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("an adjustment adds or takes at least one point")
        return value


class AdjustOut(BaseModel):
    entry: EntryOut
    balance: int


class PreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2, examples=["100"])
    at: IsoInstant | None = Field(default=None, description="Default: now")
    location: str | None = Field(default=None, max_length=64)
    level: str | None = Field(default=None, max_length=64)
    tags: list[str] = Field(default_factory=list, max_length=100)
    segment_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    first_purchase: bool = Field(default=False, strict=True)
    first_visit_of_day: bool = Field(default=True, strict=True)
    rules: Rules | None = Field(default=None, description="Try rules before saving them")


class PreviewOut(Earning):
    programme_version: int | None
    points_value: Decimal = Field(description="The points' worth when redeemed")


class LevelChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    from_level: str | None
    to_level: str | None
    reason: str
    created_at: datetime


class ReconcileOut(BaseModel):
    accounts_checked: int
    drifted: list[uuid.UUID] = Field(description="Customers whose balances differ from the ledger")


class LiabilityOut(BaseModel):
    points_outstanding: int = Field(
        description="Points the customers hold: available plus pending (the sum of balances)",
        examples=[1_250_400],
    )
    points_available: int = Field(description="Redeemable now", examples=[1_180_000])
    points_pending: int = Field(
        description="Earned, available after the pending days", examples=[70_400]
    )
    points_debt: int = Field(
        description="Clawed back beyond balances, owed by the customers (not netted)",
        examples=[120],
    )
    customers_holding: int = Field(description="Customers with points", examples=[48_210])
    point_value: Decimal | None = Field(
        description="What one point pays (the programme in force); null without a programme",
        examples=["0.01"],
    )
    value: Decimal | None = Field(
        description="points_outstanding × point_value, in the tenant's currency",
        examples=["12504.00"],
    )
    promo_credit_outstanding: Decimal = Field(
        description="Promotional credit granted and not yet used", examples=["830.00"]
    )


class LoyaltyResult(BaseModel):
    points_earned: int
    points_redeemed: int
    points_clawed_back: int
    points_balance: int
