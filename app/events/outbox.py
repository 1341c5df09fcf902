"""`emit`: write an event in the caller's transaction, fanned out to the subscribed endpoints.

The event and its deliveries are written by one statement in the unit of work of the change
that caused them: a rolled-back change emits nothing, a committed one is delivered even if
the process dies right after the commit (the dispatcher finds its pending deliveries).
"""

import uuid
from typing import Any

from sqlalchemy import Select, Text, cast, func, insert, literal, null, or_, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.events.catalogue import ALL, CATALOGUE
from app.events.models import Event, WebhookDelivery, WebhookEndpoint


def json_safe(value: Any) -> Any:
    """Dates, decimals and UUIDs as strings, as the API renders them."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)


def _check(type_: str) -> None:
    if type_ not in CATALOGUE:
        raise ValueError(f"unknown event type {type_!r}: add it to app/events/catalogue.py")


async def emit(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    type_: str,
    data: dict[str, Any],
    *,
    subject_id: uuid.UUID | None = None,
) -> None:
    """Write one event (and its deliveries) in the session's transaction.

    `subject_id` is the customer (or object) whose events an endpoint receives in order."""
    _check(type_)
    rows = select(
        literal(subject_id, type_=Event.subject_id.type).label("subject_id"),
        cast(literal(json_safe(data), type_=JSONB), JSONB).label("data"),
    )
    await emit_many(session, tenant_id, type_, rows)


async def emit_many(
    session: AsyncSession, tenant_id: uuid.UUID, type_: str, rows: Select[Any]
) -> None:
    """One event per row of `rows` (columns `subject_id`, `data` jsonb), set-based: for the
    jobs that change many rows in one statement (the voucher expiry)."""
    _check(type_)
    source = rows.subquery()
    written = (
        insert(Event)
        .from_select(
            ["tenant_id", "type", "subject_id", "data"],
            select(literal(tenant_id), literal(type_), source.c.subject_id, source.c.data),
        )
        .returning(Event.tenant_id, Event.id, Event.type, Event.subject_id)
        .cte("written")
    )
    deliveries = insert(WebhookDelivery).from_select(
        ["tenant_id", "endpoint_id", "event_id", "subject_id"],
        select(WebhookEndpoint.tenant_id, WebhookEndpoint.id, written.c.id, written.c.subject_id)
        .join_from(written, WebhookEndpoint, WebhookEndpoint.tenant_id == written.c.tenant_id)
        .where(
            WebhookEndpoint.tenant_id == tenant_id,
            WebhookEndpoint.active,
            or_(
                written.c.type == func.any(WebhookEndpoint.events),
                literal(ALL, Text) == func.any(WebhookEndpoint.events),
            ),
        ),
    )
    if await citus.on_citus(session):
        # Their source is a CTE: on Citus they go through the coordinator (`core.citus`).
        deliveries = deliveries.returning(null())
    await session.execute(deliveries)


# The same writes as SQL text, for statements that change rows and must emit in the same
# statement: the till's one-statement receipt on a plain asyncpg connection
# (app/transactions/record.py) and the hourly voucher expiry. Expressions come from our code only.
def emit_ctes(
    source: str,
    *,
    types: dict[str, str] | str,
    tenant_sql: str,
    data_sql: str,
    subject_sql: str,
    one_tenant: bool = False,
) -> str:
    """CTEs `ev` and `evd` (to follow other CTEs) writing one event per row of `source` and
    its deliveries. `types` is one type, or {type: SQL condition on the row} to choose.

    `one_tenant`: `tenant_sql` is a constant (a parameter), repeated on the endpoints so that
    Citus reads only that tenant's shard of them, not every shard."""
    if isinstance(types, str):
        _check(types)
        type_sql = f"'{types}'"
    else:
        for t in types:
            _check(t)
        type_sql = "CASE " + " ".join(f"WHEN {c} THEN '{t}'" for t, c in types.items()) + " END"
    only = f" AND w.tenant_id = {tenant_sql}" if one_tenant else ""
    return f"""
, ev AS (
  INSERT INTO events (tenant_id, type, subject_id, data)
  SELECT {tenant_sql}, {type_sql}, {subject_sql}, {data_sql} FROM {source}
  RETURNING tenant_id, id, type, subject_id
), evd AS (
  INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, subject_id)
  SELECT w.tenant_id, w.id, ev.id, ev.subject_id
  FROM ev JOIN webhook_endpoints w ON w.tenant_id = ev.tenant_id
  WHERE w.active AND (ev.type = ANY(w.events) OR '{ALL}' = ANY(w.events)){only}
  RETURNING 1
)"""
