import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from app.events.catalogue import ALL, CATALOGUE

SUBSCRIBABLE = sorted(t for t in CATALOGUE if t != "webhook.ping")
# A type of the catalogue, or ALL; the spec lists them, the validator below enforces them.
EventName = Annotated[str, Field(json_schema_extra={"enum": [ALL, *SUBSCRIBABLE]})]
# http(s) only; whether the host resolves to a public address is checked when saved and sent.
WebhookUrl = Annotated[str, Field(min_length=8, max_length=2000, pattern=r"^https?://\S+$")]


def _check_events(value: list[str]) -> list[str]:
    unknown = [v for v in value if v != ALL and v not in SUBSCRIBABLE]
    if unknown:
        raise ValueError(f"unknown event types: {', '.join(unknown)}")
    return sorted(set(value))


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    url: WebhookUrl = Field(examples=["https://shop.example.com/hooks/kt"])
    events: list[EventName] = Field(
        min_length=1,
        max_length=len(SUBSCRIBABLE) + 1,
        examples=[["customer.created", "consent.withdrawn"]],
        description=f"Event types, or `{ALL}` for all (types added later included)",
    )
    description: str | None = Field(default=None, max_length=500)
    active: StrictBool = True

    _events = field_validator("events")(_check_events)


class WebhookPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    url: WebhookUrl | None = None
    events: list[EventName] | None = Field(
        default=None, min_length=1, max_length=len(SUBSCRIBABLE) + 1
    )
    description: str | None = Field(default=None, max_length=500)
    active: StrictBool | None = Field(
        default=None, description="true switches a disabled endpoint on again and resumes its queue"
    )

    @field_validator("events")
    @classmethod
    def _events(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _check_events(value)


class WebhookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    url: str
    events: list[str]
    description: str | None
    active: bool
    disabled_reason: str | None = Field(description="Why the dispatcher switched it off")
    failing_since: datetime | None
    previous_secret_expires_at: datetime | None = Field(
        description="Until when the secret replaced by the last rotation still signs"
    )
    created_at: datetime
    updated_at: datetime


class WebhookWithSecret(WebhookOut):
    secret: str = Field(
        examples=["whsec_3Q…"], description="Shown once: store it to verify signatures"
    )


class WebhookList(BaseModel):
    items: list[WebhookOut]


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    event_id: str = Field(examples=["evt_1042"])
    event_type: str
    status: str = Field(examples=["delivered"], description="pending | delivered | failed")
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    response_status: int | None
    response_snippet: str | None = Field(description="The response body's first 1,000 characters")
    error: str | None
    latency_ms: int | None
    created_at: datetime
    delivered_at: datetime | None


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    total: int
    page: int
    page_size: int
