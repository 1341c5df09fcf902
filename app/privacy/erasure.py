"""Erasure at the person's request (GDPR art. 17): the identity goes, the amounts stay.

One transaction anonymises the customer into a tombstone (revenue, visits and voucher ledgers
keep adding up), puts the identity on the suppression list as keyed hashes, and scrubs the
person from the audit log's before/after values and from import staging rows, error rows and
previews. What lives outside the database — stored idempotent responses in Redis and the
original upload files — is scrubbed by a job queued when that transaction commits (so a
rolled-back erasure deletes nothing). The audit log records that an erasure happened and by
whom, never what was erased.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core import jobs
from app.core.context import Context
from app.customers import erased
from app.customers import service as customers
from app.customers.fields import PERSONAL
from app.customers.models import Card, Consent, ConsentEvent, Customer, CustomerNote
from app.events import outbox
from app.privacy.schemas import ErasureOut
from app.segments import scrub as segments_scrub
from app.tags.models import CustomerTag

SCRUB_JOB = "scrub_erased_subject"
# Every column that identifies or describes the person; the aggregates and ids stay.
IDENTITY_FIELDS = PERSONAL
_STAGED_IDENTITY = (*IDENTITY_FIELDS, "card", "custom_fields", "consents", "tags", "before")
# Imports that may still write their staged rows: the person's rows there are removed, not
# blanked, so that a later commit cannot create a nameless customer.
_OPEN_IMPORTS = ("uploaded", "validating", "validated")
_FINISHED_IMPORTS = ("completed", "reverted", "cancelled", "failed")


async def erase(session: AsyncSession, ctx: Context, customer_id: uuid.UUID) -> ErasureOut:
    customer = await customers.get_customer(session, ctx.tenant_id, customer_id, lock=True)
    if customer.erased_at is not None:
        return ErasureOut(customer_id=customer.id, erased_at=customer.erased_at, already=True)
    t = ctx.tenant_id
    cards = list(
        await session.scalars(
            select(Card.number).where(Card.tenant_id == t, Card.customer_id == customer.id)
        )
    )
    pairs = erased.identities(customer.email, customer.phone, cards, customer.external_id)
    await erased.remember(session, t, pairs)
    imports = await _scrub_staging(session, t, customer.id, customer.email, customer.phone)
    segments = await segments_scrub.scrub_erased(session, t, customer.email, customer.phone)
    now = datetime.now(UTC)
    await session.execute(
        update(Customer)
        .where(Customer.tenant_id == t, Customer.id == customer.id)
        .values(
            **dict.fromkeys(IDENTITY_FIELDS),
            custom_fields={},
            erased_at=now,
            updated_at=now,
            version=Customer.version + 1,
        )
    )
    for child in (Card, Consent, ConsentEvent, CustomerTag, CustomerNote):
        await session.execute(
            delete(child).where(child.tenant_id == t, child.customer_id == customer.id)
        )
    # Which fields changed stays readable ("phone changed on 3 May"), never from what to what.
    about = "tenant_id = :t AND entity_type = 'customer' AND entity_id = :c"
    await session.execute(
        text(f"""
        UPDATE audit_events SET changes =
          (SELECT jsonb_object_agg(key, 'null'::jsonb) FROM jsonb_each(changes))
        WHERE {about} AND jsonb_typeof(changes) = 'object' AND changes <> '{{}}'::jsonb
        """),
        {"t": t, "c": customer.id},
    )
    # Changes kept in any other shape cannot be told field from value: they go whole.
    await session.execute(
        text(f"""
        UPDATE audit_events SET changes = NULL
        WHERE {about} AND changes IS NOT NULL AND jsonb_typeof(changes) <> 'object'
        """),
        {"t": t, "c": customer.id},
    )
    await audit.record(
        session, ctx, "customer.erased", "customer", customer.id,
        meta={
            "identity_values_suppressed": len(pairs),
            "imports_scrubbed": len(imports),
            "segments_scrubbed": len(segments),
        },
    )  # fmt: skip
    await outbox.emit(
        session, ctx.tenant_id, "customer.erased", {"id": customer.id}, subject_id=customer.id
    )
    jobs.enqueue(
        session,
        SCRUB_JOB,
        tenant_id=str(t),
        customer_id=str(customer.id),
        import_ids=[str(i) for i in imports],
    )
    await session.refresh(customer)
    return ErasureOut(customer_id=customer.id, erased_at=now, already=False)


async def _scrub_staging(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    email: str | None,
    phone: str | None,
) -> list[uuid.UUID]:
    """Blank the person's staged rows of finished imports and drop them from open ones; their
    error rows lose the value and the imports' previews are cleared. The ids of the imports
    touched (their upload files are deleted after the commit)."""
    p = {"t": tenant_id, "c": customer_id, "email": email, "phone": phone}
    person = (
        "r.tenant_id = :t AND (r.customer_id = :c OR (CAST(:email AS text) IS NOT NULL AND "
        "r.email = :email) OR (CAST(:phone AS text) IS NOT NULL AND r.phone = :phone))"
    )
    touched = await session.execute(
        text(f"SELECT DISTINCT r.import_id FROM import_rows r WHERE {person}"), p
    )
    import_ids = [row[0] for row in touched]
    if not import_ids:
        return []
    await session.execute(
        text(f"""
        UPDATE import_errors e SET value = NULL FROM import_rows r
        WHERE {person} AND e.tenant_id = r.tenant_id AND e.import_id = r.import_id
          AND e.row_no = r.row_no
        """),
        p,
    )
    blanks = ", ".join(f"{f} = NULL" for f in _STAGED_IDENTITY)
    await session.execute(
        text(f"""
        UPDATE import_rows r SET {blanks} FROM imports i
        WHERE {person} AND i.tenant_id = r.tenant_id AND i.id = r.import_id
          AND i.status <> ALL(CAST(:open AS text[]))
        """),
        {**p, "open": list(_OPEN_IMPORTS)},
    )
    await session.execute(
        text(f"""
        DELETE FROM import_rows r USING imports i
        WHERE {person} AND i.tenant_id = r.tenant_id AND i.id = r.import_id
          AND i.status = ANY(CAST(:open AS text[]))
        """),
        {**p, "open": list(_OPEN_IMPORTS)},
    )
    await session.execute(
        text("UPDATE imports SET sample = '[]'::jsonb WHERE tenant_id = :t AND id = ANY(:ids)"),
        {"t": tenant_id, "ids": import_ids},
    )
    return import_ids


def finished_import_statuses() -> tuple[str, ...]:
    return _FINISHED_IMPORTS
