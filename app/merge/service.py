"""Merging duplicate customers into one, and finding likely duplicates.

Contact data, tags, cards, consents, vouchers, transactions and history move to the
target; the sources are deleted. For each field the caller may name the customer whose
value wins; otherwise the target's value wins unless it is empty. Consents take the most
restrictive state: a withdrawal is never lost.
"""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, delete, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

import app.models  # noqa: F401  (every domain's tables in the metadata, for _linked_tables)
from app.audit import service as audit
from app.audit.models import AuditEvent, AuditEventSubject
from app.core.context import Context
from app.core.db import Base
from app.core.errors import ValidationFailed
from app.customers import consents as consents_sql
from app.customers import service as customers
from app.customers.models import Card, Consent, Customer
from app.customers.schemas import CustomerOut
from app.events import outbox
from app.tags.models import CustomerTag

MAX_SOURCES = 20
MERGEABLE = (*customers.SCALAR_FIELDS, "custom_fields")
_HANDLED = {"customer_tags", "customer_consents", "cards", "audit_event_subjects"}
_SUMS = (
    "vouchers_assigned", "vouchers_active", "vouchers_redeemed", "voucher_redeemed_amount",
    "total_spent", "transactions_count", "visits",
)  # fmt: skip


def _linked_tables() -> list[Table]:
    """Other domains' tables that point at a customer (vouchers, transactions, …)."""
    out = []
    for table in Base.metadata.sorted_tables:
        if table.name in _HANDLED or "customer_id" not in table.c or "tenant_id" not in table.c:
            continue
        if any(fk.column.table.name == "customers" for fk in table.c.customer_id.foreign_keys):
            out.append(table)
    return out


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == {}


async def _load(
    session: AsyncSession, ctx: Context, target_id: uuid.UUID, source_ids: list[uuid.UUID]
) -> tuple[Customer, list[Customer]]:
    if not source_ids or target_id in source_ids or len(set(source_ids)) != len(source_ids):
        raise ValidationFailed.field(
            ["body", "source_ids"],
            "invalid_sources",
            "Give distinct source ids, other than the target.",
        )
    if len(source_ids) > MAX_SOURCES:
        raise ValidationFailed.field(
            ["body", "source_ids"], "too_many_sources", f"Merge at most {MAX_SOURCES} at once."
        )
    target = await customers.get_customer(session, ctx.tenant_id, target_id, lock=True)
    sources = [
        await customers.get_customer(session, ctx.tenant_id, sid, lock=True) for sid in source_ids
    ]
    # A tombstone keeps amounts only: merging it would graft them onto a living identity (or
    # a living identity onto it), which the person's erasure request rules out.
    if any(c.erased_at is not None for c in (target, *sources)):
        raise customers.CustomerErased(
            "An erased customer cannot be merged: its record keeps only the amounts."
        )
    return target, sources


def merged_values(
    target: Customer, sources: list[Customer], picks: dict[str, uuid.UUID]
) -> dict[str, Any]:
    by_id = {c.id: c for c in (target, *sources)}
    unknown = [f for f in picks if f not in MERGEABLE]
    wrong = [f for f, cid in picks.items() if cid not in by_id]
    if unknown or wrong:
        raise ValidationFailed.field(
            ["body", "fields"],
            "invalid_pick",
            f"Pick a winner among the merged customers for known fields (bad: {', '.join(unknown + wrong)}).",
        )
    values: dict[str, Any] = {}
    for field in customers.SCALAR_FIELDS:
        if field in picks:
            values[field] = getattr(by_id[picks[field]], field)
            continue
        value = getattr(target, field)
        for source in sources:
            if not _empty(value):
                break
            value = getattr(source, field)
        values[field] = value
    cf: dict[str, Any] = {}
    for source in reversed(sources):
        cf.update(source.custom_fields or {})
    cf.update(target.custom_fields or {})
    if "custom_fields" in picks:
        cf = dict(by_id[picks["custom_fields"]].custom_fields or {})
    values["custom_fields"] = cf
    return values


def _origins(
    target: Customer, sources: list[Customer], picks: dict[str, uuid.UUID], values: dict[str, Any]
) -> dict[str, str]:
    """For each field the target takes from a source, that source's id (as `merged_values`
    chose it), or `combined` for custom fields gathered from several: where, not what."""
    out: dict[str, str] = {}
    for field in MERGEABLE:
        origin: uuid.UUID | str | None = picks.get(field)
        if origin is None and values[field] != getattr(target, field):
            origin = next((s.id for s in sources if getattr(s, field) == values[field]), "combined")
        if origin is not None and origin != target.id:
            out[field] = str(origin)
    return out


def _aggregates(target: Customer, sources: list[Customer]) -> dict[str, Any]:
    everyone = [target, *sources]
    out: dict[str, Any] = {
        name: sum((getattr(c, name) or 0 for c in everyone), start=type(getattr(target, name))(0))
        for name in _SUMS
    }
    firsts = [c.first_visit_at for c in everyone if c.first_visit_at]
    lasts = [c for c in everyone if c.last_purchase_at]
    out["first_visit_at"] = min(firsts) if firsts else None
    visits = [c.last_visit_at for c in everyone if c.last_visit_at]
    out["last_visit_at"] = max(visits) if visits else None
    latest = max(lasts, key=lambda c: c.last_purchase_at) if lasts else None  # type: ignore[arg-type,return-value]
    out["last_purchase_at"] = latest.last_purchase_at if latest else None
    out["last_purchase_amount"] = latest.last_purchase_amount if latest else None
    count = out["transactions_count"]
    out["avg_check"] = (
        (Decimal(out["total_spent"]) / count).quantize(Decimal("0.01")) if count else None
    )
    return out


async def merge(
    session: AsyncSession,
    ctx: Context,
    target_id: uuid.UUID,
    source_ids: list[uuid.UUID],
    picks: dict[str, uuid.UUID],
    *,
    dry_run: bool,
) -> tuple[CustomerOut, dict[str, int]]:
    """The merged customer and how many rows of each kind move; writes unless `dry_run`."""
    target, sources = await _load(session, ctx, target_id, source_ids)
    values = merged_values(target, sources, picks)
    origins = _origins(target, sources, picks, values)
    aggregates = _aggregates(target, sources)
    outs = await customers.to_out(session, ctx.tenant_id, [target, *sources])
    tags = sorted({t for o in outs for t in o.tags}, key=str.lower)
    cards = [card for o in outs for card in o.cards]
    consents: dict[str, Any] = {}
    for o in outs:
        for channel, state in o.consents.items():
            known = consents.get(channel)
            if known is None or (known.granted and not state.granted):
                consents[channel] = state
    moves = {"tags": len(tags) - len(outs[0].tags), "cards": len(cards) - len(outs[0].cards)}
    for table in _linked_tables():
        moves[table.name] = (
            await session.scalar(
                select(func.count())
                .select_from(table)
                .where(table.c.tenant_id == ctx.tenant_id, table.c.customer_id.in_(source_ids))
            )
            or 0
        )
    preview = outs[0].model_copy(
        update={**values, **aggregates, "tags": tags, "cards": cards, "consents": consents}
    )
    if dry_run:
        return preview, moves

    before = await customers.snapshot(session, ctx.tenant_id, target)
    ids = list(source_ids)
    # Free the sources' unique keys before the target takes them over.
    await session.execute(
        update(Customer)
        .where(Customer.tenant_id == ctx.tenant_id, Customer.id.in_(ids))
        .values(email=None, external_id=None)
    )
    await session.execute(
        pg_insert(CustomerTag)
        .from_select(
            ["tenant_id", "customer_id", "tag_id"],
            select(CustomerTag.tenant_id, literal(target.id), CustomerTag.tag_id).where(
                CustomerTag.tenant_id == ctx.tenant_id, CustomerTag.customer_id.in_(ids)
            ),
        )
        .on_conflict_do_nothing()
    )
    await session.execute(
        update(Card)
        .where(Card.tenant_id == ctx.tenant_id, Card.customer_id.in_(ids))
        .values(customer_id=target.id)
    )
    for table in _linked_tables():
        await session.execute(
            update(table)
            .where(table.c.tenant_id == ctx.tenant_id, table.c.customer_id.in_(ids))
            .values(customer_id=target.id)
        )
    if consents:
        await session.execute(
            consents_sql.upsert(
                pg_insert(Consent).values(
                    [
                        {
                            "tenant_id": ctx.tenant_id,
                            "customer_id": target.id,
                            "channel": ch,
                            "granted": s.granted,
                            "changed_at": s.changed_at,
                            "source": s.source,
                            "wording_version": s.wording_version,
                            **consents_sql.actor_of(ctx),
                        }
                        for ch, s in consents.items()
                    ]
                ),
                only_changes=False,  # the merged state, decided above, always wins
            )
        )
    # The sources' history becomes part of the target's.
    linked = select(AuditEventSubject.event_id).where(
        AuditEventSubject.tenant_id == ctx.tenant_id, AuditEventSubject.customer_id.in_(ids)
    )
    own = select(AuditEvent.id).where(
        AuditEvent.tenant_id == ctx.tenant_id,
        or_(
            (AuditEvent.entity_type == "customer") & AuditEvent.entity_id.in_(ids),
            # The imports that created sources link them through `import_id`, not a row.
            audit.import_event(
                select(Customer.import_id).where(
                    Customer.tenant_id == ctx.tenant_id, Customer.id.in_(ids)
                )
            ),
        ),
    )
    await session.execute(
        pg_insert(AuditEventSubject)
        .from_select(
            ["tenant_id", "customer_id", "event_id"],
            select(literal(ctx.tenant_id), literal(target.id), linked.union(own).subquery().c[0]),
        )
        .on_conflict_do_nothing()
    )
    # Of the deleted sources the log keeps ids and counts, not their fields (app.audit).
    sources_facts = {
        str(s.id): audit.deleted_facts(await customers.snapshot(session, ctx.tenant_id, s))
        for s in sources
    }
    await session.execute(
        delete(Customer).where(Customer.tenant_id == ctx.tenant_id, Customer.id.in_(ids))
    )
    await session.flush()
    for key, value in {**values, **aggregates}.items():
        setattr(target, key, value)
    target.version += 1
    await session.flush()
    # Visits are distinct days, so summed counters over-count shared days: recompute the
    # target's aggregates from the rows it now owns.
    from app.stats import aggregates as stats_aggregates

    await stats_aggregates.reconcile(session, ctx.tenant_id, [target.id], fix=True)
    await session.refresh(target)
    after = await customers.snapshot(session, ctx.tenant_id, target)
    await audit.record(
        session, ctx, "customer.merged", "customer", target.id,
        changes=audit.diff(before, after),
        meta={"source_ids": [str(i) for i in ids], "sources": sources_facts,
              "fields_from": origins, "moved": moves},
    )  # fmt: skip
    await outbox.emit(
        session, ctx.tenant_id, "customer.merged", {"id": target.id, "merged_ids": ids},
        subject_id=target.id,
    )  # fmt: skip
    merged = (await customers.to_out(session, ctx.tenant_id, [target]))[0]
    return merged, moves
