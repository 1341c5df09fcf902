import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from app.core.iso import IsoDate
from app.customers.fields import length
from app.customers.normalize import InvalidContact, normalize_email, normalize_name

CustomerType = Literal["lead", "customer", "registered"]
CustomerStatus = Literal["active", "blocked", "inactive"]
Gender = Literal["female", "male", "other", "unknown"]
Source = Literal["manual", "import", "api", "pos"]
Channel = Literal["email_marketing", "sms_marketing", "push_marketing", "data_processing"]
CHANNELS: tuple[str, ...] = (
    "email_marketing",
    "sms_marketing",
    "push_marketing",
    "data_processing",
)

PHONE_SHAPE = re.compile(r"\+?[\d\s().\-/]{6,39}")


class CardIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: str = Field(min_length=1, max_length=64, examples=["4000123412341234"])
    barcode: str | None = Field(default=None, max_length=128)
    expires_on: IsoDate | None = None


class CardOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    number: str
    barcode: str | None
    expires_on: date | None


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    granted: bool = Field(strict=True)
    source: str | None = Field(default=None, max_length=64, examples=["till"])
    wording_version: str | None = Field(
        default=None,
        max_length=32,
        examples=["newsletter-2026-03"],
        description="Which wording of the consent the person saw (your own version label); "
        "kept with the change as proof",
    )


class ConsentOut(BaseModel):
    granted: bool
    changed_at: datetime
    source: str | None
    wording_version: str | None = None


class CustomerFields(BaseModel):
    """The writable fields, shared by create, replace and patch."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    external_id: str | None = Field(
        default=None, max_length=length("external_id"), examples=["CRM-10492"]
    )
    type: CustomerType | None = None
    status: CustomerStatus | None = None
    first_name: str | None = Field(default=None, max_length=length("first_name"), examples=["Anna"])
    last_name: str | None = Field(
        default=None, max_length=length("last_name"), examples=["Kowalska"]
    )
    middle_name: str | None = Field(default=None, max_length=length("middle_name"))
    company_name: str | None = Field(default=None, max_length=length("company_name"))
    tax_id: str | None = Field(default=None, max_length=length("tax_id"), examples=["5260250274"])
    email: str | None = Field(
        default=None, max_length=length("email"), examples=["anna.kowalska@example.pl"]
    )
    phone: str | None = Field(default=None, max_length=40, examples=["600 123 456"])
    birth_date: IsoDate | None = None
    gender: Gender | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", examples=["PL"])
    city: str | None = Field(default=None, max_length=length("city"), examples=["Łódź"])
    street: str | None = Field(default=None, max_length=length("street"))
    building: str | None = Field(default=None, max_length=length("building"))
    apartment: str | None = Field(default=None, max_length=length("apartment"))
    postal_code: str | None = Field(default=None, max_length=length("postal_code"))
    notes: str | None = Field(default=None, max_length=length("notes"))
    tags: list[str] | None = Field(default=None, max_length=100, examples=[["VIP"]])
    cards: list[CardIn] | None = Field(default=None, max_length=20)
    consents: dict[Channel, ConsentIn] | None = None
    custom_fields: dict[str, Any] | None = Field(
        default=None, examples=[{"favourite_colour": "green"}]
    )

    @field_validator("first_name", "last_name", "middle_name", "company_name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return normalize_name(value) if value is not None else None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        # Checked here so a bad email is reported with every other bad field at once;
        # phones need the tenant's country and are checked in the service.
        if not value:
            return None
        try:
            return normalize_email(value)
        except InvalidContact as exc:
            raise PydanticCustomError(exc.code, exc.message) from None

    @field_validator("phone")
    @classmethod
    def _phone_shape(cls, value: str | None) -> str | None:
        # Only the shape here (the number itself is read with the tenant's country in the
        # service), so an obviously bad phone is listed together with the other fields.
        if value and not PHONE_SHAPE.fullmatch(value):
            raise PydanticCustomError(
                "invalid_phone", "{value!r} is not a phone number.", {"value": value}
            )
        return value or None


class CustomerCreate(CustomerFields):
    pass


class CustomerPatch(CustomerFields):
    """Only the fields present are changed; `null` clears a field."""


class CustomerLoyalty(BaseModel):
    """The customer's loyalty account at a glance (zeros when the customer has none yet)."""

    points_balance: int = Field(default=0, description="Points available to redeem")
    points_pending: int = Field(default=0, description="Points earned, not yet available")
    level: str | None = None
    discount_percent: Decimal = Field(
        default=Decimal(0),
        description="The percent the till gives: the customer's own, or the level's when higher "
        "(while the programme is enabled)",
    )
    promo_credit_balance: Decimal = Decimal(0)


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_id: str | None
    type: CustomerType
    status: CustomerStatus
    first_name: str | None
    last_name: str | None
    middle_name: str | None
    company_name: str | None
    tax_id: str | None
    email: str | None
    phone: str | None
    birth_date: date | None
    gender: Gender | None
    country: str | None
    city: str | None
    street: str | None
    building: str | None
    apartment: str | None
    postal_code: str | None
    notes: str | None
    tags: list[str] = Field(default_factory=list)
    cards: list[CardOut] = Field(default_factory=list)
    consents: dict[str, ConsentOut] = Field(default_factory=dict)
    custom_fields: dict[str, Any]
    source: Source
    import_id: uuid.UUID | None
    version: int
    created_at: datetime
    updated_at: datetime
    last_activity_at: datetime | None
    erased_at: datetime | None = Field(
        default=None,
        description="Set when the person's identity was erased at their request: the record "
        "is a tombstone that keeps only the amounts (`POST /customers/{id}/erase`).",
    )
    vouchers_assigned: int
    vouchers_active: int
    vouchers_redeemed: int
    voucher_redeemed_amount: Decimal
    total_spent: Decimal
    transactions_count: int
    visits: int
    avg_check: Decimal | None
    first_visit_at: datetime | None
    last_visit_at: datetime | None
    last_purchase_amount: Decimal | None
    last_purchase_at: datetime | None
    rfm_recency: int | None
    rfm_frequency: int | None
    rfm_monetary: int | None
    rfm_segment: str | None
    loyalty: CustomerLoyalty = Field(default_factory=CustomerLoyalty)


class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    occurred_at: datetime
    actor_type: str
    actor_label: str | None
    action: str = Field(examples=["customer.updated"])
    changes: dict[str, Any] | None = Field(
        default=None, examples=[{"phone": [None, "+48600123456"]}]
    )
    meta: dict[str, Any] | None = None


MatchedOn = Literal["phone", "email"]


class ContactMatch(BaseModel):
    """Another customer holding a phone or an email being typed or saved."""

    customer_id: uuid.UUID
    display_name: str = Field(examples=["Zofia Dąbrowska-Łęcka"])
    # Optional: a problem document (409 duplicate_contact) leaves out members that are null.
    phone: str | None = None
    email: str | None = None
    matched_on: list[MatchedOn] = Field(examples=[["phone"]])


class ContactMatches(BaseModel):
    matches: list[ContactMatch]
