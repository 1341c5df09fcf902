import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.customers.schemas import CustomerOut

Row = dict[str, Any]


class PersonalDataOut(BaseModel):
    """Everything held about one customer (GDPR art. 15 access, art. 20 portability)."""

    generated_at: datetime
    tenant: str = Field(description="The business (controller) holding the data")
    customer: CustomerOut = Field(
        description="The profile: identity, contact, address, notes, custom field values, "
        "tags, cards and the current consents"
    )
    consent_history: list[Row] = Field(
        description="Every recorded change of a consent: when, by whom, from what to what"
    )
    consent_proof: list[Row] = Field(
        description="Every consent change with its proof: channel, granted or withdrawn, "
        "source, the wording's version, who recorded it (a user, an API key, an import, or "
        "the person through an unsubscribe link) and when"
    )
    vouchers: list[Row]
    redemptions: list[Row]
    transactions: list[Row]
    notes: list[Row] = Field(default_factory=list, description="Notes staff wrote on the person")
    audit_events: list[Row] = Field(
        description="The history of changes about the person (who changed what, when)"
    )


PersonalDataFormat = Literal["json", "zip"]


class ErasureOut(BaseModel):
    """The outcome of an erasure request (GDPR art. 17)."""

    customer_id: uuid.UUID
    erased_at: datetime
    already: bool = Field(
        description="True when the customer had been erased before: nothing more was done"
    )
