from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

Preset = Literal["last_7_days", "previous_week", "last_30_days", "last_month", "custom"]
Granularity = Literal["day", "week", "month"]


class Figures(BaseModel):
    new_customers: int = 0
    revenue: Decimal = Decimal(0)
    transactions: int = 0
    vouchers_issued: int = 0
    vouchers_redeemed: int = 0
    redeemed_amount: Decimal = Decimal(0)


class Bucket(Figures):
    start: date = Field(description="The bucket's first local day (weeks start on Monday)")
    starts_at: datetime = Field(description="The bucket's start as an instant (local midnight)")


class Period(BaseModel):
    start: date
    end: date = Field(description="The last day, inclusive")


class Overview(BaseModel):
    preset: Preset
    granularity: Granularity
    timezone: str = Field(examples=["Europe/Warsaw"])
    period: Period
    previous_period: Period
    series: list[Bucket]
    totals: Figures
    previous: Figures
    change_percent: dict[str, float | None] = Field(
        description="(totals − previous) / previous × 100 per figure; null when previous is 0"
    )


class ChannelConsents(BaseModel):
    channel: str
    granted: int
    share: float = Field(description="Granted / all customers, 0..1")
    granted_in_period: int
    withdrawn_in_period: int
    net_change: int


class ConsentStats(BaseModel):
    period: Period
    total_customers: int
    any_granted: int = Field(description="Customers with at least one consent granted")
    channels: list[ChannelConsents]
