"""The front desk's home screen: `GET /desk/today`."""

import datetime as dt
import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field


class DeskCustomer(BaseModel):
    customer_id: uuid.UUID
    display_name: str = Field(examples=["Zofia Dąbrowska-Łęcka"])
    phone: str | None
    email: str | None


class BirthdayCustomer(DeskCustomer):
    birth_date: date


class LapsedCustomer(DeskCustomer):
    last_seen_at: datetime = Field(description="The last visit or purchase")
    total_spent: Decimal


class ServedCustomer(DeskCustomer):
    served_at: datetime = Field(description="The last transaction or redemption")


class ExpiringVoucher(BaseModel):
    voucher_id: uuid.UUID
    code: str
    kind: str
    balance: Decimal
    valid_until: datetime
    customer_id: uuid.UUID | None
    display_name: str | None = Field(description="The voucher's customer, if it has one")


class DeskToday(BaseModel):
    date: dt.date = Field(description="Today in the tenant's time zone")
    birthdays: list[BirthdayCustomer] = Field(description="Birthday today, at most 50")
    expiring_vouchers: list[ExpiringVoucher] = Field(
        description="Active vouchers expiring within 30 days, soonest first, at most 50"
    )
    lapsed: list[LapsedCustomer] = Field(
        description="Not seen for `lapsed_days`, the most valuable first, at most 20"
    )
    last_served: list[ServedCustomer] = Field(description="The last 10 customers served")
