"""Bulk actions on a selection of customers: set-based SQL, one audit event per action.

Small selections apply in the request; large ones become a job (`app.bulk.jobs`) that works
through the ids in chunks, storing its progress, so a retried job continues.
"""

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, literal, literal_column, select, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.audit import service as audit
from app.bulk.schemas import BulkRequest, BulkResult
from app.core import jobs as queue
from app.core.context import Context
from app.core.errors import Conflict, FieldError, ValidationFailed
from app.custom_fields import service as custom_fields
from app.customers import consents, search
from app.customers.fields import BULK_EDITABLE
from app.customers.models import Consent, Customer
from app.customers.schemas import CustomerPatch
from app.events import outbox
from app.jobs import limits
from app.jobs import service as jobs
from app.jobs.models import Job
from app.segments import service as segments
from app.tags import service as tags
from app.tags.models import CustomerTag, Tag

SYNC_LIMIT = 5_000
CHUNK = 5_000
MAX_ACTIVE_JOBS = 3
# A job untouched this long is taken for dead (its progress is stored after every chunk).
JOB_STALE_AFTER = timedelta(hours=2)
# Mass-editable fields (app/customers/fields.py says which) and the custom fields.
EDITABLE = frozenset({*BULK_EDITABLE, "custom_fields"})


# Work other domains run over a selection through the same chunked, resumable job: the name
# goes into the job's params; the function gets one chunk of customer ids and returns how many
# customers it changed. Registered from the domain's `jobs.py` (see `app.vouchers.jobs`).
ChunkAction = Callable[[AsyncSession, Context, dict[str, Any], Sequence[uuid.UUID]], Awaitable[int]]
JOB_ACTIONS: dict[str, ChunkAction] = {}


class CountMismatch(Conflict):
    code = "count_mismatch"
    title = "The selection no longer has the number of customers you confirmed"


def selection_of(body: BulkRequest) -> search.Selection:
    s = body.selection
    if s.ids is None and s.filter in (None, "", {}) and not s.q and s.segment_id is None:
        raise ValidationFailed.field(
            ["body", "selection"], "empty_selection", "Give ids, or a filter, q or segment_id."
        )
    return search.Selection(filter=s.filter, q=s.q, segment_id=s.segment_id, ids=s.ids)


async def _check(session: AsyncSession, ctx: Context, body: BulkRequest) -> dict[str, Any]:
    """The validated parameters of the action."""

    def need(name: str, value: Any) -> None:
        if value is None:
            raise ValidationFailed.field(
                ["body", name], "missing", f"{body.action} needs `{name}`."
            )

    if body.action in ("add_tags", "remove_tags"):
        need("tags", body.tags)
        names = tags.clean_names(body.tags or [])
        if not names:
            raise ValidationFailed.field(["body", "tags"], "missing", "Give at least one tag.")
        return {"tags": names}
    if body.action == "set_status":
        need("status", body.status)
        return {"status": body.status}
    if body.action == "set_consent":
        need("channel", body.channel)
        need("granted", body.granted)
        return {"channel": body.channel, "granted": body.granted}
    if body.action == "update_fields":
        need("fields", body.fields)
        fields = dict(body.fields or {})
        bad = sorted(set(fields) - EDITABLE)
        if bad or not fields:
            raise ValidationFailed.field(
                ["body", "fields"],
                "not_editable",
                f"Cannot mass-edit: {', '.join(bad) or '(nothing)'}; "
                f"editable: {', '.join(sorted(EDITABLE))}.",
            )
        try:
            patch = CustomerPatch.model_validate(fields)
        except ValueError as exc:
            raise ValidationFailed.field(["body", "fields"], "invalid_value", str(exc)) from None
        values = patch.model_dump(exclude_unset=True)
        if "custom_fields" in values:
            definitions = await custom_fields.list_definitions(session, ctx.tenant_id)
            coerced, errors = custom_fields.validate_values(
                definitions,
                values["custom_fields"] or {},
                loc_prefix=["body", "fields", "custom_fields"],
                partial=True,
            )
            if errors:
                raise ValidationFailed(f"{len(errors)} field(s) are not valid.", errors=errors)
            values["custom_fields"] = coerced
        for key in ("type", "status"):
            if key in values and values[key] is None:
                raise ValidationFailed(
                    errors=[
                        FieldError(
                            loc=["body", "fields", key],
                            code="required",
                            message=f"{key} cannot be empty.",
                        )
                    ]
                )
        return {
            "fields": {
                k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()
            }
        }
    return {}


async def _changing_versions(
    session: AsyncSession, ctx: Context, change: Any, now: datetime
) -> int:
    """Run `change` (a write to a customer's tags or consents) and move the version of each
    customer it changed, in one statement: their ETags change, so no client keeps serving
    the copy from before the bulk action. The rows `change` wrote."""
    changed = change.returning(literal_column("customer_id")).cte("changed")
    touched = (
        update(Customer)
        .where(
            Customer.tenant_id == ctx.tenant_id,
            Customer.id.in_(select(changed.c.customer_id)),
        )
        .values(version=Customer.version + 1, updated_at=now)
        .returning(Customer.id)
        .cte("touched")
    )
    count = await session.scalar(select(func.count()).select_from(changed).add_cte(touched))
    return int(count or 0)


async def apply(
    session: AsyncSession,
    ctx: Context,
    action: str,
    params: dict[str, Any],
    where: ColumnElement[bool],
) -> int:
    """Apply one action to the customers matching `where` (tenant-scoped); the rows changed.

    Erased customers (tombstones) are skipped by every action but delete: tags, a status,
    consents or fields written onto them would give an erased person data again."""
    if action != "delete":
        where = and_(where, Customer.erased_at.is_(None))
    ids = select(Customer.id).where(where)
    now = datetime.now(UTC)
    if action in ("add_tags", "remove_tags"):
        tag_rows = await tags.ensure_tags(session, ctx.tenant_id, params["tags"])
        tag_ids = [t.id for t in tag_rows]
        if action == "add_tags":
            links = select(Customer.tenant_id, Customer.id, Tag.id).join(Tag, true())
            linked = (
                insert(CustomerTag)
                .from_select(
                    ["tenant_id", "customer_id", "tag_id"],
                    links.where(where, Tag.tenant_id == ctx.tenant_id, Tag.id.in_(tag_ids)),
                )
                .on_conflict_do_nothing()
            )
            return await _changing_versions(session, ctx, linked, now)
        unlinked = delete(CustomerTag).where(
            CustomerTag.tenant_id == ctx.tenant_id,
            CustomerTag.tag_id.in_(tag_ids),
            CustomerTag.customer_id.in_(ids),
        )
        return await _changing_versions(session, ctx, unlinked, now)
    if action == "set_status":
        result = await session.execute(
            update(Customer)
            .where(where, Customer.status != params["status"])
            .values(status=params["status"], version=Customer.version + 1, updated_at=now)
        )
        return result.rowcount or 0  # type: ignore[attr-defined]
    if action == "set_consent":
        actor = consents.actor_of(ctx)
        stmt = insert(Consent).from_select(
            ["tenant_id", "customer_id", "channel", "granted", "changed_at", "source",
             "actor_type", "actor_label"],
            select(
                Customer.tenant_id,
                Customer.id,
                literal(params["channel"]),
                literal(params["granted"]),
                literal(now),
                literal("bulk"),
                literal(actor["actor_type"]),
                literal(actor["actor_label"]),
            ).where(where),
        )  # fmt: skip
        return await _changing_versions(session, ctx, consents.upsert(stmt), now)
    if action == "update_fields":
        values: dict[str, Any] = {k: v for k, v in params["fields"].items() if k != "custom_fields"}
        if "custom_fields" in params["fields"]:
            cf = params["fields"]["custom_fields"] or {}
            set_part = {k: v for k, v in cf.items() if v is not None}
            drop = [k for k, v in cf.items() if v is None]
            expr: Any = Customer.custom_fields.op("||")(
                literal(set_part, Customer.custom_fields.type)
            )
            for key in drop:
                expr = expr.op("-")(literal(key))
            values["custom_fields"] = expr
        result = await session.execute(
            update(Customer)
            .where(where)
            .values(**values, version=Customer.version + 1, updated_at=now)
        )
        return result.rowcount or 0  # type: ignore[attr-defined]
    if action == "delete":
        result = await session.execute(delete(Customer).where(where))
        return result.rowcount or 0  # type: ignore[attr-defined]
    raise ValueError(f"unknown bulk action {action}")


def _selection_json(body: BulkRequest) -> dict[str, Any]:
    return body.selection.model_dump(mode="json", exclude_none=True)


def audited_selection(action: str, selection: dict[str, Any]) -> dict[str, Any]:
    """The selection as a bulk event keeps it. A delete's filter or quick search may spell
    out the very people deleted (`email = ...`), so it keeps only that one was given."""
    if action != "delete":
        return selection
    return {k: v if k in ("ids", "segment_id") else "withheld" for k, v in selection.items()}


async def run_bulk(session: AsyncSession, ctx: Context, body: BulkRequest) -> BulkResult:
    """Count, confirm, then apply now or queue a job for a large selection."""
    selection = selection_of(body)
    params = await _check(session, ctx, body)
    where = await search.selection_where(
        session,
        ctx,
        await segments.resolve(session, ctx, selection),
        loc=["body", "selection", "filter"],
    )
    matched = await session.scalar(select(func.count()).select_from(Customer).where(where)) or 0
    if body.dry_run:
        return BulkResult(
            action=body.action, matched=matched, changed=None, dry_run=True, status="dry_run"
        )
    if body.action == "delete" and body.expected_count != matched:
        raise CountMismatch(
            f"The selection has {matched} customer(s) now; run a dry run and send its count as expected_count."
        )
    meta = {
        "action": body.action,
        "params": params,
        "selection": audited_selection(body.action, _selection_json(body)),
        "matched": matched,
    }
    if matched > SYNC_LIMIT:
        job = await queue_job(
            session,
            ctx,
            kind=f"bulk.{body.action}",
            action=body.action,
            params=params,
            selection=_selection_json(body),
            total=matched,
        )
        return BulkResult(
            action=body.action,
            matched=matched,
            changed=None,
            dry_run=False,
            status="queued",
            job_id=job.id,
        )
    await audit.record_bulk(
        session, ctx, f"customers.bulk.{body.action}", select(Customer.id).where(where), meta=meta
    )
    # Nothing matched, nothing to change. Not run at all: on Citus (13.2) a selection that is
    # constant false (`ids: []`) makes the change's modifying CTEs fail inside Citus ("failure
    # on connection marked as essential").
    changed = await apply(session, ctx, body.action, params, where) if matched else 0
    await outbox.emit(
        session, ctx.tenant_id, "bulk.completed",
        {"id": None, "action": body.action, "affected": changed},
    )  # fmt: skip
    return BulkResult(
        action=body.action, matched=matched, changed=changed, dry_run=False, status="done"
    )


async def queue_job(
    session: AsyncSession,
    ctx: Context,
    *,
    kind: str,
    action: str,
    params: dict[str, Any],
    selection: dict[str, Any],
    total: int,
    event: str | None = None,
) -> Job:
    """Record a job for `action` over the selection and queue it after the commit.

    `action` is a bulk action or a name in `JOB_ACTIONS`; `event` names its audit event
    (default `customers.bulk.<action>`). Progress is read with `GET /jobs/{id}`.
    """
    # At most MAX_ACTIVE_JOBS of a family (`bulk.`, `vouchers.`) per tenant on the shared worker.
    family = kind.split(".", 1)[0] + "."
    await limits.lock_family(session, ctx.tenant_id, family)
    if len(await limits.active_jobs(session, ctx.tenant_id, family, JOB_STALE_AFTER)) >= (
        MAX_ACTIVE_JOBS
    ):
        raise limits.too_many(f"{family}* jobs", MAX_ACTIVE_JOBS, timedelta(minutes=1))
    job = await jobs.create_job(
        session,
        ctx,
        kind,
        {
            "action": action,
            "params": params,
            "selection": selection,
            "expected_count": total,
            **({"event": event} if event else {}),
        },
        total,
    )
    run = pending_run(job)
    queue.enqueue(session, run.function, job_id=run.job_id, **run.kwargs)
    return job


def pending_run(job: Job) -> queue.PendingJob:
    """The arq job that runs a row of `jobs`; the sweeper queues a lost one again with it,
    under the same arq job id (`app/jobs/recovery.py`)."""
    return queue.PendingJob(
        "run_bulk_job",
        {"bulk_job_id": str(job.id), "tenant_id": str(job.tenant_id)},
        f"bulk:{job.id}",
    )
