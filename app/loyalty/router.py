import uuid
from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Header, Query

from app.auth.deps import AdminOnly, CustomersRead, VouchersScope
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customers.service import CustomerNotFound, get_customer
from app.loyalty import errors, levels, liability, programme, queries, reconcile, service
from app.loyalty.rules import Earning, Facts, earn
from app.loyalty.schemas import (
    AdjustIn,
    AdjustOut,
    EntryOut,
    LedgerPage,
    LevelChangeOut,
    LiabilityOut,
    PointsOut,
    PointsRedeemIn,
    PreviewIn,
    PreviewOut,
    ProgrammeIn,
    ProgrammeOut,
    ReconcileOut,
    RedeemOut,
)

router = APIRouter(tags=["loyalty"])


@router.get(
    "/customers/{customer_id:uuid}/points",
    response_model=PointsOut,
    responses=responses(CustomerNotFound),
)
async def get_points(customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead) -> PointsOut:
    """The customer's points: available, pending, debt, expiring next, level and discount."""
    return await queries.points(session, ctx, customer_id)


@router.get(
    "/customers/{customer_id:uuid}/points/ledger",
    response_model=LedgerPage,
    responses=responses(CustomerNotFound, queries.InvalidCursor),
)
async def get_ledger(
    customer_id: uuid.UUID,
    session: SessionDep,
    ctx: CustomersRead,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> LedgerPage:
    """The customer's points ledger, newest first, by cursor."""
    return await queries.ledger_page(session, ctx, customer_id, cursor, limit)


@router.get(
    "/customers/{customer_id:uuid}/points/levels",
    response_model=list[LevelChangeOut],
    responses=responses(CustomerNotFound),
)
async def get_level_history(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead
) -> list[LevelChangeOut]:
    """The customer's level changes, newest first."""
    await get_customer(session, ctx.tenant_id, customer_id)
    rows = await levels.history(session, ctx.tenant_id, customer_id)
    return [LevelChangeOut.model_validate(r) for r in rows]


@router.post(
    "/customers/{customer_id:uuid}/points/redeem",
    response_model=RedeemOut,
    responses=responses(
        CustomerNotFound,
        errors.ProgrammeNotFound,
        errors.ProgrammeDisabled,
        errors.InsufficientPoints,
        errors.RedeemLimitExceeded,
        errors.RedeemTooSmall,
        errors.RefReused,
    ),
)
async def redeem_points(
    customer_id: uuid.UUID,
    body: PointsRedeemIn,
    session: SessionDep,
    ctx: VouchersScope,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> RedeemOut:
    """Points pay part of a purchase, within the programme's limits; a known ref or
    Idempotency-Key takes nothing again (`replayed: true`)."""
    entry, account, replayed = await service.redeem(
        session, ctx, customer_id, body, idempotency_key
    )
    return RedeemOut(
        entry=EntryOut.model_validate(entry),
        amount=entry.amount or 0,
        balance=account.balance,
        replayed=replayed,
    )


@router.post(
    "/customers/{customer_id:uuid}/points/adjust",
    response_model=AdjustOut,
    responses=responses(CustomerNotFound, errors.InsufficientPoints),
)
async def adjust_points(
    customer_id: uuid.UUID, body: AdjustIn, session: SessionDep, ctx: VouchersScope
) -> AdjustOut:
    """Add or take points by hand, with a reason (audited)."""
    entry, account = await service.adjust(session, ctx, customer_id, body)
    return AdjustOut(entry=EntryOut.model_validate(entry), balance=account.balance)


@router.get(
    "/loyalty/programme",
    response_model=ProgrammeOut,
    responses=responses(errors.ProgrammeNotFound),
)
async def get_programme(session: SessionDep, ctx: CustomersRead) -> ProgrammeOut:
    """The programme's rules in force (its highest version)."""
    found = await programme.required(session, ctx.tenant_id)
    return ProgrammeOut(version=found.version, enabled=found.enabled, rules=found.rules)


@router.get("/loyalty/liability", response_model=LiabilityOut)
async def get_liability(session: SessionDep, ctx: CustomersRead) -> LiabilityOut:
    """The outstanding points liability: the points every customer holds and their value."""
    return await liability.outstanding(session, ctx.tenant_id)


@router.get("/loyalty/programme/versions", response_model=list[ProgrammeOut])
async def list_programme_versions(session: SessionDep, ctx: CustomersRead) -> list[ProgrammeOut]:
    """Every version of the programme, newest first."""
    return [
        ProgrammeOut.model_validate({"version": r.version, "enabled": r.enabled, "rules": r.rules})
        for r in await programme.history(session, ctx.tenant_id)
    ]


@router.put("/loyalty/programme", response_model=ProgrammeOut)
async def put_programme(body: ProgrammeIn, session: SessionDep, ctx: AdminOnly) -> ProgrammeOut:
    """Write the programme's next version; entries keep the version they were computed by."""
    found = await programme.put(session, ctx, body.enabled, body.rules)
    return ProgrammeOut(version=found.version, enabled=found.enabled, rules=found.rules)


@router.post(
    "/loyalty/preview", response_model=PreviewOut, responses=responses(errors.ProgrammeNotFound)
)
async def preview(body: PreviewIn, session: SessionDep, ctx: CustomersRead) -> PreviewOut:
    """What a purchase would earn ("100 zł for a Gold customer on a Tuesday"); writes nothing."""
    found = await programme.current(session, ctx.tenant_id)
    rules = body.rules or (found.rules if found else None)
    if rules is None:
        raise errors.ProgrammeNotFound("Send rules, or set the programme up first.")
    at = (body.at or datetime.now(UTC)).astimezone(ZoneInfo(ctx.tenant.timezone))
    facts = Facts(
        amount=body.amount, at=at, location=body.location, tags=frozenset(body.tags),
        segment_ids=frozenset(body.segment_ids), level=body.level,
        first_purchase=body.first_purchase, first_visit_of_day=body.first_visit_of_day,
    )  # fmt: skip
    earning: Earning = earn(rules, facts)
    return PreviewOut(
        **earning.model_dump(),
        programme_version=None if body.rules or found is None else found.version,
        points_value=(earning.total * rules.point_value).quantize(rules.point_value),
    )


@router.post("/loyalty/reconcile", response_model=ReconcileOut)
async def reconcile_points(session: SessionDep, ctx: AdminOnly) -> ReconcileOut:
    """Recompute every account from the ledger and lots; list the customers that differ."""
    return await reconcile.check(session, ctx.tenant_id)
