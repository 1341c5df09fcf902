"""The dispatcher: claims due deliveries with a lease, sends them signed, records the outcome.

At least once: a claim commits a lease (`lease_until`) before any HTTP call; a worker killed
mid-send leaves the lease to run out and another run claims the delivery again. Claims take
`FOR UPDATE SKIP LOCKED`, tenant by tenant, so two workers share the work without waiting.

Order: per endpoint, the events of one subject (a customer, a voucher) are delivered in the
order they were written: a delivery is claimed only when no earlier pending delivery of the
same endpoint and subject is left (a failing one holds the later ones back until it succeeds
or is given up). Events without a subject (imports, bulk actions) and replays wait for nothing.

Retries: exponential backoff with jitter (`backoff_seconds`) until the delivery is
`webhooks_disable_after_days` old, then it is `failed`; an endpoint that has failed that long
without one success is switched off (`active` false, `disabled_reason`), audited, and a
`webhook.disabled` event is emitted for the endpoints and feed readers that watch for it.
"""

import asyncio
import itertools
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core import tenancy
from app.core.citus import on_citus
from app.core.config import get_settings
from app.core.context import SYSTEM, Context
from app.core.db import unit_of_work
from app.events import outbox
from app.events.schemas import EventOut, event_id
from app.tenants import service as tenants_service
from app.webhooks.sending import Outcome, Senders, post

log = structlog.get_logger()

BATCH = 100
# Claim → send → record loops per tenant at once (dispatch_tenant).
PIPELINES = 3
LEASE_SECONDS = 120
BASE_DELAY_SECONDS = 30.0
MAX_DELAY_SECONDS = 6 * 3600.0


def backoff_seconds(attempts: int, rand: float | None = None) -> float:
    """Delay after the `attempts`-th failed attempt: 30 s doubling, at most 6 h, with jitter
    (a random 50–100 % of it) so endpoints coming back are not hit by a synchronised wave."""
    ceiling = min(BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS)
    return ceiling * (0.5 + 0.5 * (random.random() if rand is None else rand))


_DUE = text("""
SELECT EXISTS (
  SELECT FROM webhook_deliveries
  WHERE tenant_id = :tenant_id AND status = 'pending' AND next_attempt_at <= now()
    AND (lease_until IS NULL OR lease_until < now()))
""")


async def tenants_with_due_deliveries(session: AsyncSession) -> list[uuid.UUID]:
    """The dispatcher's one scan across tenants: those with a delivery due and not leased
    (each tenant asked with its tenant set, `tenancy.tenants_having`)."""
    return await tenancy.tenants_having(session, _DUE)


# Every table of the claim, the probes' too, is filtered by `tenant_id = :t`, a parameter:
# Citus routes the statement to the tenant's shards only when each of its tables is pinned so
# (a correlated `= d.tenant_id` is not), and refuses FOR UPDATE in any other plan.
_CLAIM = text("""
WITH due AS (
  SELECT d.ctid FROM webhook_deliveries d
  WHERE d.tenant_id = :t AND d.status = 'pending' AND d.next_attempt_at <= now()
    AND (d.lease_until IS NULL OR d.lease_until < now())
    -- Probes, not joins: the walk is driven by the pending deliveries alone, never by the
    -- events (a join could walk the whole event history in id order instead).
    AND (EXISTS (SELECT FROM webhook_endpoints w
                 WHERE w.tenant_id = :t AND w.id = d.endpoint_id AND w.active)
         OR EXISTS (SELECT FROM events e WHERE e.tenant_id = :t AND e.id = d.event_id
                    AND e.type = 'webhook.ping'))
    -- In order per customer: only the customer's oldest pending delivery to this endpoint
    -- (a leased one is still pending, so a concurrent claim cannot overtake it).
    -- A correlated "first one" probe of the order index (migration 0034), not NOT EXISTS: the
    -- planner may turn an anti-join into a scan of every pending delivery per candidate when
    -- the table's statistics are stale (a fresh install's first large emit).
    AND (d.subject_id IS NULL OR d.event_id = (
      SELECT p.event_id FROM webhook_deliveries p
      WHERE p.tenant_id = :t AND p.endpoint_id = d.endpoint_id
        AND p.subject_id = d.subject_id AND p.status = 'pending'
      ORDER BY p.event_id LIMIT 1))
  ORDER BY d.event_id
  LIMIT :n
  FOR UPDATE OF d SKIP LOCKED
)
-- Back to the locked rows by their ctid (a Tid Scan): a join on id let stale statistics pick
-- a walk of the tenant's deliveries once per claimed row.
UPDATE webhook_deliveries d
SET lease_until = now() + make_interval(secs => :lease), attempts = d.attempts + 1,
    last_attempt_at = now()
FROM due, webhook_endpoints w, events e
WHERE d.tenant_id = :t AND d.ctid = due.ctid
  AND w.tenant_id = :t AND w.id = d.endpoint_id
  AND e.tenant_id = :t AND e.id = d.event_id
RETURNING d.id, d.endpoint_id, d.attempts, w.url, w.secret,
  w.previous_secret, w.previous_secret_expires_at,
  e.id AS event_id, e.type, e.occurred_at, e.data
""")

WALK_NOT_SORT = text("SET LOCAL enable_sort = off")
# Citus sends a SET LOCAL on to the shards' nodes only when told to (default 'none').
_PROPAGATE_SET_LOCAL = text("SET LOCAL citus.propagate_set_commands = 'local'")


async def walk_not_sort(session: AsyncSession) -> None:
    """Forbid the claim's transaction a sort, on the nodes that plan it (Citus: the shards')."""
    if await on_citus(session):
        await session.execute(_PROPAGATE_SET_LOCAL)
    await session.execute(WALK_NOT_SORT)


_DELIVERED = text("""
UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), lease_until = NULL,
  response_status = :status, response_snippet = :snippet, error = NULL, latency_ms = :latency
WHERE tenant_id = :t AND id = :id
""")

_FAILED = text("""
UPDATE webhook_deliveries SET
  status = CASE WHEN created_at < CAST(:give_up_before AS timestamptz) THEN 'failed'
                ELSE 'pending' END,
  next_attempt_at = now() + make_interval(secs => :delay), lease_until = NULL,
  response_status = :status, response_snippet = :snippet, error = :error, latency_ms = :latency
WHERE tenant_id = :t AND id = :id
""")

_HEALTHY = text("""
UPDATE webhook_endpoints SET failing_since = NULL
WHERE tenant_id = :t AND id = ANY(:ids) AND failing_since IS NOT NULL
""")

_FAILING = text("""
UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, CAST(:now AS timestamptz))
WHERE tenant_id = :t AND id = ANY(:ids)
""")

_DISABLE = text("""
UPDATE webhook_endpoints SET active = false, disabled_reason = :reason, updated_at = now()
WHERE tenant_id = :t AND id = ANY(:ids) AND active
  AND failing_since < now() - make_interval(secs => :give_up)
RETURNING id, url
""")


@dataclass(frozen=True)
class Claimed:
    id: int
    endpoint_id: uuid.UUID
    attempts: int
    url: str
    secrets: list[str]
    event: EventOut
    body: bytes


async def claim(session: AsyncSession, tenant_id: uuid.UUID, limit: int = BATCH) -> list[Claimed]:
    # The claim must walk the pending deliveries in event order and stop after a batch: a plan
    # that sorts the whole backlog first (chosen on stale statistics, e.g. a fresh install's
    # first burst) checks every queued delivery's order per claim, quadratic in the backlog.
    # Forbidding the sort leaves the walk (migration 0034's indexes) whatever the statistics say.
    await walk_not_sort(session)
    rows = (
        await session.execute(_CLAIM, {"t": tenant_id, "n": limit, "lease": LEASE_SECONDS})
    ).mappings()
    claimed = []
    for r in rows:
        event = EventOut(
            id=event_id(r["event_id"]),
            type=r["type"],
            created_at=r["occurred_at"],
            tenant_id=tenant_id,
            data=r["data"],
        )
        claimed.append(
            Claimed(
                id=r["id"],
                endpoint_id=r["endpoint_id"],
                attempts=r["attempts"],
                url=r["url"],
                secrets=_signing_secrets(r),
                event=event,
                body=orjson.dumps(event.model_dump(mode="json")),
            )
        )
    return sorted(claimed, key=lambda c: c.id)


def _signing_secrets(row: Any) -> list[str]:
    """The secret, and the one it replaced while its grace lasts. Decided here, not in the
    claim's RETURNING: Citus allows no now() there."""
    until = row["previous_secret_expires_at"]
    keep_previous = row["previous_secret"] and until is not None and until > datetime.now(UTC)
    return [row["secret"], row["previous_secret"]] if keep_previous else [row["secret"]]


async def record(
    session: AsyncSession, tenant_id: uuid.UUID, results: list[tuple[Claimed, Outcome, int]]
) -> list[uuid.UUID]:
    """Store the outcomes; returns the endpoints switched off by them."""
    give_up = get_settings().webhooks_disable_after_days * 86400
    ok = [(c, o) for c, o, _ in results if o.ok]
    bad = [(c, o, a) for c, o, a in results if not o.ok]
    if ok:
        # One row a statement (executemany, one round trip on PostgreSQL): a set-based UPDATE
        # picking each row's response from parameter arrays crashed the Citus 13.2 coordinator.
        await session.execute(
            _DELIVERED,
            [
                {"t": tenant_id, "id": c.id, "status": o.status, "snippet": o.snippet,
                 "latency": o.latency_ms}
                for c, o in ok
            ],
        )  # fmt: skip
        await session.execute(
            _HEALTHY, {"t": tenant_id, "ids": list({c.endpoint_id for c, _ in ok})}
        )
    if not bad:
        return []
    # The clock as a parameter where a CASE or coalesce reads it: Citus refuses now() (and
    # timestamp arithmetic, which depends on the time zone) there.
    now = datetime.now(UTC)
    await session.execute(
        _FAILED,
        [
            {"t": tenant_id, "id": c.id, "status": o.status, "snippet": o.snippet,
             "error": o.error, "latency": o.latency_ms, "delay": backoff_seconds(a),
             "give_up_before": now - timedelta(seconds=give_up)}
            for c, o, a in bad
        ],
    )  # fmt: skip
    healthy = {c.endpoint_id for c, _ in ok}
    failing = list({c.endpoint_id for c, _, _ in bad} - healthy)
    if not failing:
        return []
    await session.execute(_FAILING, {"t": tenant_id, "ids": failing, "now": now})
    days = get_settings().webhooks_disable_after_days
    reason = f"Every delivery failed for {days:g} days"
    disabled = (
        await session.execute(
            _DISABLE, {"t": tenant_id, "ids": failing, "reason": reason, "give_up": give_up}
        )
    ).all()
    if disabled:
        ctx = Context(
            tenant=tenants_service.info(await tenants_service.get(session, tenant_id)),
            principal=SYSTEM,
        )
        for endpoint_id, url in disabled:
            await audit.record(
                session, ctx, "webhook.disabled", "webhook", endpoint_id, meta={"reason": reason}
            )
            await outbox.emit(
                session, tenant_id, "webhook.disabled",
                {"id": endpoint_id, "url": url, "reason": reason}, subject_id=endpoint_id,
            )  # fmt: skip
        log.warning("webhooks.disabled", tenant_id=str(tenant_id), endpoints=len(disabled))
    return [row[0] for row in disabled]


async def dispatch_tenant(
    senders: Senders, tenant_id: uuid.UUID, *, max_batches: int = 50
) -> dict[str, int]:
    """Deliver one tenant's due deliveries, batch by batch, each claim its own transaction.

    `PIPELINES` claim → send → record loops run at once, so that one's sends overlap
    another's claim and record. The lease and SKIP LOCKED keep their batches apart, and order
    per customer holds: a leased delivery is still pending, so no loop claims the customer's
    next one before the first is recorded delivered."""
    allow_private = get_settings().webhooks_private_allowed
    slots = senders.slots()
    done = {"delivered": 0, "failed": 0}
    started = itertools.count()

    async def send(c: Claimed) -> Outcome:
        async with slots.take() as client:
            return await post(
                client, c.url, c.body, secrets=c.secrets, event_id=c.event.id,
                event_type=c.event.type, delivery_id=c.id, allow_private=allow_private,
            )  # fmt: skip

    async def loop(loops: asyncio.TaskGroup, first: bool) -> None:
        while next(started) < max_batches:
            async with unit_of_work(tenant_id=tenant_id) as session:
                batch = await claim(session, tenant_id)
            if not batch:
                return
            if first and len(batch) == BATCH:
                # A backlog: the other loops join in (a run with a few deliveries, the cron's
                # usual one, stays one loop and one connection).
                for _ in range(PIPELINES - 1):
                    loops.create_task(loop(loops, first=False))
                first = False
            outcomes = await asyncio.gather(*(send(c) for c in batch))
            async with unit_of_work(tenant_id=tenant_id) as session:
                await record(
                    session,
                    tenant_id,
                    [(c, o, c.attempts) for c, o in zip(batch, outcomes, strict=True)],
                )
            done["delivered"] += sum(o.ok for o in outcomes)
            done["failed"] += sum(not o.ok for o in outcomes)

    # A failing loop cancels the others (their leases run out; at least once still holds).
    async with asyncio.TaskGroup() as loops:
        loops.create_task(loop(loops, first=True))
    return done


async def dispatch_all(senders: Senders) -> dict[str, Any]:
    async with unit_of_work() as session:
        tenant_ids = await tenants_with_due_deliveries(session)
    totals = {"tenants": len(tenant_ids), "delivered": 0, "failed": 0}
    for tenant_id in tenant_ids:
        done = await dispatch_tenant(senders, tenant_id)
        totals["delivered"] += done["delivered"]
        totals["failed"] += done["failed"]
    return totals
