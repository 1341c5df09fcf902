"""Notes staff write on a customer: appended, audited, listed newest first, erased with the
customer's identity (app/privacy/erasure.py)."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.customers.models import CustomerNote
from app.customers.service import CustomerErased, get_customer

NOTE_MAX = 2000


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    text: str = Field(min_length=1, max_length=NOTE_MAX, examples=["Prefers mornings."])


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    text: str
    author_type: str = Field(examples=["user"])
    author_label: str = Field(examples=["ewa@salon.pl"])
    created_at: datetime


class NoteList(BaseModel):
    items: list[NoteOut]


async def list_notes(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID, *, limit: int = 200
) -> list[CustomerNote]:
    await get_customer(session, tenant_id, customer_id)
    rows = await session.scalars(
        select(CustomerNote)
        .where(CustomerNote.tenant_id == tenant_id, CustomerNote.customer_id == customer_id)
        .order_by(CustomerNote.created_at.desc(), CustomerNote.id.desc())
        .limit(limit)
    )
    return list(rows)


async def add_note(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, body: NoteIn
) -> CustomerNote:
    customer = await get_customer(session, ctx.tenant_id, customer_id)
    if customer.erased_at is not None:
        raise CustomerErased("This customer was erased; nothing more is written about them.")
    note = CustomerNote(
        tenant_id=ctx.tenant_id,
        customer_id=customer_id,
        text=body.text,
        author_type=ctx.principal.kind,
        author_id=ctx.principal.id,
        author_label=ctx.principal.label,
        # The moment it is written, not the transaction's start: two notes of one transaction
        # (a script, a test) keep their order.
        created_at=func.clock_timestamp(),
    )
    session.add(note)
    await session.flush()
    await session.refresh(note)
    # The log says a note was written, not what it says: its text goes with an erasure.
    await audit.record(
        session, ctx, "customer.note_added", "customer", customer_id, meta={"note_id": str(note.id)}
    )
    return note
