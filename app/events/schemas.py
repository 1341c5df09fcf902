import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.events.models import Event


class EventOut(BaseModel):
    """An event as the feed lists it and a webhook delivers it (the body that is signed)."""

    id: str = Field(examples=["evt_1042"], description="Unique; dedupe by it (at-least-once).")
    type: str = Field(examples=["customer.updated"])
    created_at: datetime
    tenant_id: uuid.UUID
    data: dict[str, Any] = Field(
        examples=[{"id": "1b3f…", "changed": {"city": "Łódź"}}],
        description="The event type's payload, as docs/integrations.md lists it.",
    )

    @classmethod
    def of(cls, event: Event) -> "EventOut":
        return cls(
            id=event_id(event.id),
            type=event.type,
            created_at=event.occurred_at,
            tenant_id=event.tenant_id,
            data=event.data,
        )


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(
        description="Pass as `after` for the events that follow; also given on the last page, "
        "so a consumer keeps polling from it"
    )


def event_id(raw: int) -> str:
    return f"evt_{raw}"
