"""Vouchers: issue, assign and cancel (redeem: `redeem.py`), keeping the aggregates exact."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String, cast, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.bulk import service as bulk
from app.core.context import Context
from app.core.pagination import PageParams
from app.customers import search
from app.customers import service as customers
from app.customers.models import Customer
from app.events import outbox
from app.segments import service as segments
from app.transactions import service as transactions
from app.vouchers.codes import generate_code, normalize_code
from app.vouchers.counters import move_counters
from app.vouchers.errors import (
    VoucherAlreadyAssigned,
    VoucherCodeTaken,
    VoucherNotActive,
    VoucherNotFound,
)
from app.vouchers.events import emit_voucher
from app.vouchers.models import Voucher, VoucherRedemption
from app.vouchers.redeem import REDEEM_ERRORS as REDEEM_ERRORS
from app.vouchers.redeem import redeem_voucher as redeem_voucher
from app.vouchers.schemas import (
    IssueResult,
    IssueTerms,
    VoucherCreate,
    VoucherGenerate,
    VoucherIssue,
    VoucherTerms,
)

_MAX_CODE_ATTEMPTS = 5


def _terms(ctx: Context, body: VoucherTerms) -> dict[str, object]:
    currency = transactions.check_currency(ctx, body.currency)
    return {
        "tenant_id": ctx.tenant_id,
        "kind": body.kind,
        "currency": currency if body.kind == "amount" else None,
        "initial_value": body.value,
        "balance": body.value,
        "status": "active",
        "valid_from": body.valid_from,
        "valid_until": body.valid_until,
    }


async def get_voucher(
    session: AsyncSession, tenant_id: uuid.UUID, code: str, *, lock: bool = False
) -> Voucher:
    query = select(Voucher).where(
        Voucher.tenant_id == tenant_id, Voucher.code == normalize_code(code)
    )
    if lock:
        query = query.with_for_update()
    voucher = await session.scalar(query)
    if voucher is None:
        raise VoucherNotFound(f"No voucher with the code {normalize_code(code)!r}.")
    return voucher


async def create_voucher(session: AsyncSession, ctx: Context, body: VoucherCreate) -> Voucher:
    """One voucher with a given or generated code, optionally for a customer."""
    if body.customer_id is not None:
        await customers.get_customer(session, ctx.tenant_id, body.customer_id, lock=True)
    now = datetime.now(UTC)
    values = {
        **_terms(ctx, body),
        "customer_id": body.customer_id,
        "assigned_at": now if body.customer_id else None,
    }
    for _ in range(_MAX_CODE_ATTEMPTS if body.code is None else 1):
        code = normalize_code(body.code) if body.code else generate_code()
        new_id = await session.scalar(
            insert(Voucher)
            .values(id=uuid.uuid4(), code=code, **values)
            .on_conflict_do_nothing(index_elements=["tenant_id", "code"])
            .returning(Voucher.id)
        )
        if new_id is not None:
            break
    else:
        raise VoucherCodeTaken(f"The code {normalize_code(body.code or '')!r} is taken.")
    await move_counters(session, ctx.tenant_id, body.customer_id, assigned=1, active=1)
    voucher = await session.get(Voucher, (ctx.tenant_id, new_id))
    assert voucher is not None
    await audit.record(session, ctx, "voucher.created", "voucher", voucher.id, meta={"code": code})
    await emit_voucher(session, ctx, "voucher.issued", voucher)
    return voucher


async def generate_vouchers(
    session: AsyncSession, ctx: Context, body: VoucherGenerate
) -> list[str]:
    """`count` unassigned vouchers with fresh codes, inserted set-based; collisions are retried."""
    values = _terms(ctx, body)
    created: list[str] = []
    for _ in range(_MAX_CODE_ATTEMPTS):
        missing = body.count - len(created)
        if missing == 0:
            break
        codes = list({generate_code(body.prefix) for _ in range(missing)})
        rows = await session.scalars(
            insert(Voucher)
            .values([{"id": uuid.uuid4(), "code": c, **values} for c in codes])
            .on_conflict_do_nothing(index_elements=["tenant_id", "code"])
            .returning(Voucher.code)
        )
        created.extend(rows)
    await audit.record(
        session, ctx, "voucher.generated", "voucher", None,
        meta={"count": len(created), "prefix": body.prefix},
    )  # fmt: skip
    return created


async def assign_voucher(
    session: AsyncSession, ctx: Context, code: str, customer_id: uuid.UUID
) -> Voucher:
    voucher = await get_voucher(session, ctx.tenant_id, code, lock=True)
    if voucher.customer_id == customer_id:
        return voucher
    if voucher.customer_id is not None:
        raise VoucherAlreadyAssigned(f"Voucher {voucher.code} belongs to another customer.")
    if voucher.status != "active":
        raise VoucherNotActive(f"Voucher {voucher.code} is {voucher.status}.")
    await customers.get_customer(session, ctx.tenant_id, customer_id, lock=True)
    voucher.customer_id = customer_id
    voucher.assigned_at = voucher.updated_at = datetime.now(UTC)
    await session.flush()
    await move_counters(session, ctx.tenant_id, customer_id, assigned=1, active=1)
    await audit.record(
        session, ctx, "voucher.assigned", "customer", customer_id, meta={"code": voucher.code}
    )
    await emit_voucher(session, ctx, "voucher.assigned", voucher)
    return voucher


async def cancel_voucher(session: AsyncSession, ctx: Context, code: str) -> Voucher:
    voucher = await get_voucher(session, ctx.tenant_id, code, lock=True)
    if voucher.status == "cancelled":
        return voucher
    if voucher.status != "active":
        raise VoucherNotActive(f"Voucher {voucher.code} is {voucher.status}.")
    voucher.status = "cancelled"
    voucher.updated_at = datetime.now(UTC)
    await session.flush()
    await move_counters(session, ctx.tenant_id, voucher.customer_id, active=-1)
    await audit.record(
        session, ctx, "voucher.cancelled", "voucher", voucher.id, meta={"code": voucher.code}
    )
    await emit_voucher(session, ctx, "voucher.cancelled", voucher)
    return voucher


async def list_vouchers(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    paging: PageParams,
    *,
    status: str | None = None,
    customer_id: uuid.UUID | None = None,
) -> tuple[list[Voucher], int]:
    where = [Voucher.tenant_id == tenant_id]
    if status:
        where.append(Voucher.status == status)
    if customer_id:
        where.append(Voucher.customer_id == customer_id)
    rows = await session.scalars(
        select(Voucher)
        .where(*where)
        .order_by(Voucher.created_at.desc(), Voucher.id)
        .offset(paging.offset)
        .limit(paging.page_size)
    )
    total = await session.scalar(select(func.count()).select_from(Voucher).where(*where))
    return list(rows), total or 0


async def redemptions_of(
    session: AsyncSession, tenant_id: uuid.UUID, voucher_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[VoucherRedemption]]:
    out: dict[uuid.UUID, list[VoucherRedemption]] = {}
    if not voucher_ids:
        return out
    for r in await session.scalars(
        select(VoucherRedemption)
        .where(
            VoucherRedemption.tenant_id == tenant_id, VoucherRedemption.voucher_id.in_(voucher_ids)
        )
        .order_by(VoucherRedemption.redeemed_at)
    ):
        out.setdefault(r.voucher_id, []).append(r)
    return out


# One voucher.expired per voucher, in the expiry's own statement (set-based, one tenant).
_EXPIRED_EVENTS = outbox.emit_ctes(
    "expired",
    types="voucher.expired",
    tenant_sql="tenant_id",
    data_sql="jsonb_build_object('id', id, 'code', code, 'customer_id', customer_id)",
    subject_sql="coalesce(customer_id, id)",
)


async def expire_vouchers(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    """Mark the tenant's active vouchers past their end as expired, move the counters and emit
    one voucher.expired each, set-based."""
    result = await session.execute(
        text(
            f"""
        WITH expired AS (
          UPDATE vouchers SET status = 'expired', updated_at = now()
          WHERE tenant_id = :t AND status = 'active' AND valid_until <= now()
          RETURNING tenant_id, id, code, customer_id
        ){_EXPIRED_EVENTS}, per_customer AS (
          SELECT tenant_id, customer_id, count(*) AS n FROM expired
          WHERE customer_id IS NOT NULL GROUP BY tenant_id, customer_id
        ), moved AS (
          UPDATE customers c SET vouchers_active = c.vouchers_active - p.n
          FROM per_customer p WHERE c.tenant_id = :t AND c.id = p.customer_id
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM expired), (SELECT count(*) FROM moved),
               (SELECT count(*) FROM evd)
        """
        ),
        {"t": tenant_id},
    )
    return int(result.one()[0])


async def issue_to_selection(
    session: AsyncSession, ctx: Context, body: VoucherIssue
) -> IssueResult:
    """One new voucher for every selected customer: in the request up to `bulk.SYNC_LIMIT`
    customers, else as a bulk job (`run_bulk_job` with the `issue_vouchers` chunk action)."""
    transactions.check_currency(ctx, body.currency)  # before a job is queued with it
    selection = search.Selection(
        filter=body.filter, q=body.q, segment_id=body.segment_id, ids=body.customer_ids
    )
    selection = await segments.resolve(session, ctx, selection)
    where = await search.selection_where(session, ctx, selection, loc=["body", "filter"])
    terms = IssueTerms.model_validate(body.model_dump(include=set(IssueTerms.model_fields)))
    # One pass of the filter decides: up to the limit, these ids are the work itself.
    ids = list(
        await session.scalars(
            select(Customer.id).where(where).order_by(Customer.id).limit(bulk.SYNC_LIMIT + 1)
        )
    )
    if len(ids) > bulk.SYNC_LIMIT:
        matched = await session.scalar(select(func.count()).select_from(Customer).where(where))
        job = await bulk.queue_job(
            session,
            ctx,
            kind="vouchers.issue",
            action=ISSUE_ACTION,
            params=terms.model_dump(mode="json"),
            selection={
                "filter": body.filter,
                "q": body.q,
                "segment_id": str(body.segment_id) if body.segment_id else None,
                "ids": [str(i) for i in body.customer_ids] if body.customer_ids else None,
            },
            total=matched or 0,
            event="voucher.issued",
        )
        return IssueResult(status="queued", matched=matched or 0, issued=None, job_id=job.id)
    issued = await issue_to_customers(session, ctx, terms, ids)
    await audit.record_bulk(
        session,
        ctx,
        "voucher.issued",
        select(Customer.id).where(Customer.tenant_id == ctx.tenant_id, Customer.id.in_(ids)),
        meta={"issued": issued, **terms.model_dump(mode="json", exclude_none=True)},
    )
    return IssueResult(status="done", matched=len(ids), issued=issued)


ISSUE_ACTION = "issue_vouchers"


async def issue_chunk(
    session: AsyncSession, ctx: Context, params: dict[str, Any], ids: Sequence[uuid.UUID]
) -> int:
    """The bulk job's chunk action: the job stores the terms as JSON."""
    return await issue_to_customers(session, ctx, IssueTerms.model_validate(params), ids)


async def issue_to_customers(
    session: AsyncSession, ctx: Context, terms: IssueTerms, ids: Sequence[uuid.UUID]
) -> int:
    """One new voucher for each of these customers, set-based; how many were issued.

    Each round is one INSERT … SELECT with codes generated in SQL and one UPDATE of the
    customers' counters, in this transaction. A code that collides with an existing one is
    skipped by the insert; those customers get a fresh code in the next round.
    """
    pending = list(ids)
    issued = 0
    for _ in range(_MAX_CODE_ATTEMPTS):
        if not pending:
            break
        got = set(await _issue_round(session, ctx, terms, pending))
        issued += len(got)
        pending = [i for i in pending if i not in got]
        if not got:
            # Nothing at all went in: the remaining customers are gone (deleted meanwhile).
            existing = await session.scalars(
                select(Customer.id).where(
                    Customer.tenant_id == ctx.tenant_id, Customer.id.in_(pending)
                )
            )
            pending = list(existing)
    return issued


async def _issue_round(
    session: AsyncSession, ctx: Context, terms: IssueTerms, ids: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    # Codes: md5 hex of a random uuid with 0/1 mapped to G/H, so still no O/0/I/1.
    values = _terms(ctx, terms)
    code = func.concat(
        normalize_code(terms.prefix or ""),
        func.translate(
            func.upper(func.substr(func.md5(cast(func.gen_random_uuid(), String)), 1, 10)),
            "01",
            "GH",
        ),
    )
    now = func.now()
    source = select(
        func.gen_random_uuid(), Customer.tenant_id, code, literal(values["kind"]), literal(values["currency"], String),
        literal(terms.value), literal(terms.value), literal("active"),
        literal(terms.valid_from, DateTime(timezone=True)), literal(terms.valid_until, DateTime(timezone=True)),
        Customer.id, now, now,
    ).where(Customer.tenant_id == ctx.tenant_id, Customer.id.in_(ids))  # fmt: skip
    issued = (
        insert(Voucher)
        .from_select(
            [
                "id",
                "tenant_id",
                "code",
                "kind",
                "currency",
                "initial_value",
                "balance",
                "status",
                "valid_from",
                "valid_until",
                "customer_id",
                "assigned_at",
                "created_at",
            ],
            source,
        )
        .on_conflict_do_nothing(index_elements=["tenant_id", "code"])
        .returning(Voucher.customer_id)
        .cte("issued")
    )
    moved = (
        update(Customer)
        .where(Customer.tenant_id == ctx.tenant_id, Customer.id.in_(select(issued.c.customer_id)))
        .values(
            vouchers_assigned=Customer.vouchers_assigned + 1,
            vouchers_active=Customer.vouchers_active + 1,
        )
        .returning(Customer.id)
        .add_cte(issued)
    )
    # The ORM cannot synchronise loaded customers through this CTE (it closes the RETURNING);
    # callers that hold customer objects refresh them.
    result = await session.execute(moved, execution_options={"synchronize_session": False})
    return list(result.scalars())
