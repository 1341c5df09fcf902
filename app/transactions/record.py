"""A purchase or refund in one statement: find and lock the customer, insert, update aggregates.

The till posts many receipts a second; on the read pool's plain asyncpg connection the whole
event is one statement (no separate lock; the checkout's transaction only sets the tenant,
`core.tenancy.tenant_transaction`). The statement

- finds the customer by the till's key (at most two rows: "ambiguous" needs only to know > 1),
- locks that row (FOR NO KEY UPDATE: a concurrent event of the same customer waits),
- inserts the event (a known external_ref is a no-op: ON CONFLICT DO NOTHING) and updates the
  customer's aggregates only when it did,
- returns the new row, or the earlier row of a known external_ref (a replay).

Points move in the sale's own transaction, after this statement (app/loyalty/earning.py). So
that the till's path never asks in a round trip of its own, the statement reads the tenant's
programme itself (`points_on`, and the version in force). Asked to leave points to the caller
(`$13`: a sale whose points need the ORM session, such as a refund), it touches nothing when
the programme is on, and the caller runs the session's path instead.

Visits stay exact under concurrency. "Is this the first purchase that local day?" is answered
from the statement's snapshot, which cannot see an event of the same customer committed while
the statement waited for the lock. So the statement inserts only when the locked row is the
very version its snapshot saw (same xmin); otherwise it writes nothing and says so (`current`
false), and the caller runs it again in a transaction after taking the lock first (then the
snapshot is newer than every event that held the lock before). Contention on one customer is
rare at a till; the retry costs a few round trips only then.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import asyncpg

from app.events import outbox
from app.transactions.schemas import TransactionOut

# $1 tenant, $2 the till's key; {match} picks the customer by it (names from our code only).
_MATCH = {
    "id": "c.id = $2::uuid",
    "external_id": "c.external_id = $2::text",
    "phone": "c.phone = $2::text",
    "email": "c.email = $2::text",
    "card": "c.id IN (SELECT k.customer_id FROM cards k"
    " WHERE k.tenant_id = $1::uuid AND k.number = $2::text)",
}

_COLUMNS = (
    "id, customer_id, kind, amount, currency, occurred_at, location_id, external_ref, "
    "items_count, created_at"
)

# $3 new id, $4 kind, $5 signed amount, $6 1 for a purchase else 0, $7 currency,
# $8 occurred_at, $9 local date, $10 location code, $11 external_ref, $12 items_count,
# $13 true: write nothing when the tenant's loyalty programme is on (the plain path).
# The UPDATE's right-hand sides read the customer row as it was before; its NOT EXISTS does not
# see the new row (same snapshot), so "first purchase that day?" looks at earlier ones only.
_TEMPLATE = """
WITH programme AS (
  SELECT p.enabled AS points_on, p.version, p.created_at FROM loyalty_programmes p
  WHERE p.tenant_id = $1::uuid ORDER BY p.version DESC LIMIT 1
), matched AS (
  SELECT c.id, c.xmin::text AS seen FROM customers c
  WHERE c.tenant_id = $1::uuid AND {match} LIMIT 2
), target AS (
  SELECT id, seen FROM matched
  WHERE (SELECT count(*) FROM matched) = 1
    AND NOT ($13::bool AND coalesce((SELECT points_on FROM programme), false))
), locked AS (
  SELECT c.id, c.xmin::text AS now FROM customers c
  WHERE c.tenant_id = $1::uuid AND c.id = (SELECT id FROM target)
  FOR NO KEY UPDATE
), current AS (
  SELECT t.id FROM target t JOIN locked k ON k.id = t.id AND k.now = t.seen
), place AS (
  SELECT l.id FROM locations l WHERE l.tenant_id = $1::uuid AND l.code = $10::text
), ins AS (
  INSERT INTO transactions (id, tenant_id, customer_id, kind, amount, currency, occurred_at,
                            local_date, location_id, external_ref, items_count)
  SELECT $3::uuid, $1::uuid, current.id, $4::text, $5::numeric, $7::text, $8::timestamptz,
         $9::date, (SELECT id FROM place), $11::text, $12::int
  FROM current
  WHERE $10::text IS NULL OR EXISTS (SELECT 1 FROM place)
  ON CONFLICT (tenant_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
  RETURNING {columns}
), upd AS (
  UPDATE customers SET
    total_spent = total_spent + $5::numeric,
    transactions_count = transactions_count + $6::int,
    avg_check = CASE WHEN transactions_count + $6::int > 0
                     THEN round((total_spent + $5::numeric) / (transactions_count + $6::int), 2) END,
    visits = visits + CASE WHEN $6::int = 1 AND NOT EXISTS (
               SELECT 1 FROM transactions t
               WHERE t.tenant_id = $1::uuid AND t.customer_id = customers.id
                 AND t.kind = 'purchase' AND t.local_date = $9::date AND t.id <> $3::uuid)
             THEN 1 ELSE 0 END,
    first_visit_at = CASE WHEN $6::int = 1 THEN LEAST(first_visit_at, $8::timestamptz)
                          ELSE first_visit_at END,
    last_visit_at = CASE WHEN $6::int = 1 THEN GREATEST(last_visit_at, $8::timestamptz)
                         ELSE last_visit_at END,
    last_purchase_amount = CASE WHEN $6::int = 1 AND (last_purchase_at IS NULL
                                  OR $8::timestamptz > last_purchase_at
                                  OR ($8::timestamptz = last_purchase_at
                                      AND $5::numeric > last_purchase_amount))
                                THEN $5::numeric ELSE last_purchase_amount END,
    last_purchase_at = CASE WHEN $6::int = 1 THEN GREATEST(last_purchase_at, $8::timestamptz)
                            ELSE last_purchase_at END,
    last_activity_at = GREATEST(last_activity_at, $8::timestamptz)
  WHERE tenant_id = $1::uuid AND id = (SELECT customer_id FROM ins)
){events}
SELECT (SELECT count(*) FROM matched)::int AS matches,
       EXISTS (SELECT 1 FROM current) AS current,
       coalesce((SELECT points_on FROM programme), false) AS points_on,
       (SELECT version FROM programme) AS programme_version,
       (SELECT created_at FROM programme) AS programme_created_at,
       ($10::text IS NULL OR EXISTS (SELECT 1 FROM place)) AS place_known,
       r.*
FROM (SELECT 1) AS one
LEFT JOIN (
  SELECT false AS replayed, {columns} FROM ins
  UNION ALL
  SELECT true, {columns} FROM transactions
  WHERE $11::text IS NOT NULL AND tenant_id = $1::uuid AND external_ref = $11::text
) r ON true
"""

# transaction.created / .refunded in the same statement (the outbox, app/events/outbox.py).
_EVENTS = outbox.emit_ctes(
    "ins",
    types={"transaction.refunded": "kind = 'refund'", "transaction.created": "true"},
    tenant_sql="$1::uuid",
    data_sql="jsonb_build_object('id', id, 'customer_id', customer_id, 'kind', kind,"
    " 'amount', amount::text, 'currency', currency, 'occurred_at', occurred_at,"
    " 'external_ref', external_ref)",
    subject_sql="customer_id",
    one_tenant=True,
)
STATEMENTS = {
    key: _TEMPLATE.format(match=match, columns=_COLUMNS, events=_EVENTS)
    for key, match in _MATCH.items()
}


@dataclass(frozen=True)
class Event:
    """The event as the statement stores it (sign, kind and local day already decided)."""

    tenant_id: uuid.UUID
    key: str  # one of _MATCH
    value: uuid.UUID | str
    kind: str
    amount: Decimal
    currency: str
    occurred_at: datetime
    local_date: date
    location: str | None
    external_ref: str | None
    items_count: int | None


@dataclass(frozen=True)
class Outcome:
    matches: int  # customers the key found (0, 1, or 2 for "more than one")
    current: bool  # False: the row changed after the snapshot; nothing was written
    place_known: bool
    row: TransactionOut | None
    replayed: bool
    points_on: bool  # the tenant's loyalty programme is on
    programme: tuple[int, datetime] | None  # its version in force and when it was written


async def record(
    connection: asyncpg.Connection, event: Event, *, leave_points: bool = False
) -> Outcome:
    """Run the statement once (in the connection's transaction, or as its own in autocommit).
    `leave_points`: write nothing when the programme is on (`points_on`); the caller moves the
    points and runs it again."""
    try:
        found = await connection.fetchrow(STATEMENTS[event.key], *_arguments(event), leave_points)
    except asyncpg.InternalClientError as exc:
        # Seen when the server terminates the connection while asyncpg prepares the statement
        # (a failover, a killed backend): the connection is unusable and nothing was written.
        connection.terminate()
        raise ConnectionError("the database connection was lost") from exc
    assert found is not None  # the outer SELECT always has its one row
    values: dict[str, Any] = dict(found)
    row = TransactionOut.model_validate(values) if values["id"] is not None else None
    return Outcome(
        matches=values["matches"],
        current=values["current"],
        place_known=values["place_known"],
        row=row,
        replayed=bool(values["replayed"]),
        points_on=values["points_on"],
        programme=(values["programme_version"], values["programme_created_at"])
        if values["programme_version"] is not None
        else None,
    )


def _arguments(event: Event) -> tuple[Any, ...]:
    return (
        event.tenant_id,
        event.value,
        uuid.uuid4(),
        event.kind,
        event.amount,
        1 if event.kind == "purchase" else 0,
        event.currency,
        event.occurred_at,
        event.local_date,
        event.location,
        event.external_ref,
        event.items_count,
    )


async def by_external_ref(
    connection: asyncpg.Connection, tenant_id: uuid.UUID, ref: str
) -> TransactionOut | None:
    found = await connection.fetchrow(
        f"SELECT {_COLUMNS} FROM transactions WHERE tenant_id = $1 AND external_ref = $2",
        tenant_id,
        ref,
    )
    return TransactionOut.model_validate(dict(found)) if found is not None else None
