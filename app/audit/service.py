"""The audit log: every change, bulk action and export, with who did it.

A deleted customer's own event (`customer.deleted`, a bulk delete, a merge's sources) keeps
who deleted whom and when, with counts, never the person's fields: the log must not keep
what was deleted. The events from before the deletion (`customer.created`, `.updated` with
their diffs) still hold the values they changed; erasing those is the erasure work's
(another issue), which can find them by `entity_id` and `audit_event_subjects`.
"""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, insert, literal, or_, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent, AuditEventSubject
from app.core.context import Context


def _json(value: Any) -> Any:
    """Make before/after values JSON-safe (dates, decimals, UUIDs become strings)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [before, after]}` for the fields whose value changed."""
    return {
        k: [_json(before.get(k)), _json(after.get(k))]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def deleted_facts(snapshot: dict[str, Any]) -> dict[str, int]:
    """What the log keeps of a deleted entity's snapshot: how many of each collection it
    had (tags, cards, ...), none of the values."""
    return {k: len(v) for k, v in sorted(snapshot.items()) if isinstance(v, list | dict)}


async def record(
    session: AsyncSession,
    ctx: Context,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    *,
    changes: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        tenant_id=ctx.tenant_id,
        actor_type=ctx.principal.kind,
        actor_id=ctx.principal.id,
        actor_label=ctx.principal.label,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        changes=_json(changes) if changes else None,
        meta=_json(meta) if meta else None,
    )
    session.add(event)
    await session.flush()
    return event


async def record_bulk(
    session: AsyncSession,
    ctx: Context,
    action: str,
    customer_ids: Select[Any],
    *,
    meta: dict[str, Any] | None = None,
) -> AuditEvent:
    """One event for a bulk action, linked set-based to each customer it touched.

    `customer_ids` is a SELECT of one column of customer ids (already tenant-filtered).
    """
    event = await record(session, ctx, action, "customer", None, meta=meta)
    # The rows come from `customers` itself, their tenant_id from its column: on Citus an
    # INSERT … SELECT whose distribution column is the source's goes to the tenant's shard
    # (a constant tenant would be pulled to the coordinator and COPYed, which row-level
    # security does not allow).
    customers = table("customers", column("tenant_id"), column("id"))
    await session.execute(
        insert(AuditEventSubject).from_select(
            ["tenant_id", "customer_id", "event_id"],
            select(customers.c.tenant_id, customers.c.id, literal(event.id)).where(
                customers.c.tenant_id == ctx.tenant_id,
                customers.c.id.in_(customer_ids),
            ),
        )
    )
    return event


# An import's one event: its customers are not linked row by row, a customer it created
# carries its id (`customers.import_id`); the customers it updated are linked.
IMPORTED = "customer.imported"


def customer_history_query(
    tenant_id: uuid.UUID, customer_id: uuid.UUID, import_id: uuid.UUID | None = None
) -> Select[Any]:
    """The events of a customer; `import_id` is the import that created it, if one did."""
    linked = select(AuditEventSubject.event_id).where(
        AuditEventSubject.tenant_id == tenant_id, AuditEventSubject.customer_id == customer_id
    )
    about = or_(
        (AuditEvent.entity_type == "customer") & (AuditEvent.entity_id == customer_id),
        AuditEvent.id.in_(linked),
    )
    if import_id is not None:
        about = or_(about, import_event(import_id))
    return select(AuditEvent).where(AuditEvent.tenant_id == tenant_id, about)


def import_event(import_id: uuid.UUID | Select[Any]) -> ColumnElement[bool]:
    """The condition for the event of an import (or of the imports a SELECT gives)."""
    which = (
        AuditEvent.entity_id.in_(import_id)
        if isinstance(import_id, Select)
        else AuditEvent.entity_id == import_id
    )
    return (AuditEvent.entity_type == "import") & which & (AuditEvent.action == IMPORTED)


async def customer_history(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    *,
    import_id: uuid.UUID | None = None,
    page: int,
    page_size: int,
) -> tuple[list[AuditEvent], int]:
    query = customer_history_query(tenant_id, customer_id, import_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(AuditEvent.id.desc()).offset((page - 1) * page_size).limit(page_size)
    )
    return list(rows), total
