import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.auth.deps import CustomersRead, VouchersScope
from app.core.deps import SessionDep
from app.core.errors import responses
from app.core.pagination import Page, PageDep
from app.customers.filters.ast import InvalidFilter
from app.customers.service import CustomerNotFound
from app.customers.service import get_customer as get_customer_row
from app.segments.service import SegmentNotFound
from app.transactions.service import CurrencyMismatch, UnknownLocation
from app.vouchers import redeem, service, undo
from app.vouchers.schemas import (
    GenerateResult,
    IssueResult,
    RedeemIn,
    RedeemResult,
    RedemptionOut,
    VoucherAssign,
    VoucherCreate,
    VoucherGenerate,
    VoucherIssue,
    VoucherOut,
    VoucherStatus,
    VoucherWithRedemptions,
)

router = APIRouter(tags=["vouchers"])


@router.post(
    "/vouchers",
    response_model=VoucherOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(service.VoucherCodeTaken, CustomerNotFound, CurrencyMismatch),
)
async def create_voucher(
    body: VoucherCreate, session: SessionDep, ctx: VouchersScope, response: Response
) -> VoucherOut:
    """Issue one voucher with a given or generated code, optionally to a customer."""
    voucher = await service.create_voucher(session, ctx, body)
    response.headers["Location"] = f"/api/v1/vouchers/{voucher.code}"
    return VoucherOut.model_validate(voucher)


@router.post(
    "/vouchers/generate",
    response_model=GenerateResult,
    status_code=status.HTTP_201_CREATED,
    responses=responses(CurrencyMismatch),
)
async def generate_vouchers(
    body: VoucherGenerate, session: SessionDep, ctx: VouchersScope
) -> GenerateResult:
    """Generate `count` unassigned vouchers with unique codes (no O/0/I/1)."""
    codes = await service.generate_vouchers(session, ctx, body)
    return GenerateResult(count=len(codes), codes=codes)


@router.get("/vouchers", response_model=Page[VoucherOut])
async def list_vouchers(
    session: SessionDep,
    ctx: VouchersScope,
    paging: PageDep,
    status: VoucherStatus | None = None,
    customer_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[VoucherOut]:
    """A page of vouchers, newest first, optionally by status or customer."""
    rows, total = await service.list_vouchers(
        session, ctx.tenant_id, paging, status=status, customer_id=customer_id
    )
    return Page(
        items=[VoucherOut.model_validate(v) for v in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.get(
    "/vouchers/{code}",
    response_model=VoucherWithRedemptions,
    responses=responses(service.VoucherNotFound),
)
async def get_voucher(code: str, session: SessionDep, ctx: VouchersScope) -> VoucherWithRedemptions:
    """One voucher by its code (case-insensitive), with its redemptions."""
    voucher = await service.get_voucher(session, ctx.tenant_id, code)
    found = await service.redemptions_of(session, ctx.tenant_id, [voucher.id])
    return VoucherWithRedemptions.model_validate(voucher).model_copy(
        update={"redemptions": [RedemptionOut.model_validate(r) for r in found.get(voucher.id, [])]}
    )


@router.post(
    "/vouchers/{code}/assign",
    response_model=VoucherOut,
    responses=responses(
        service.VoucherNotFound,
        service.VoucherAlreadyAssigned,
        service.VoucherNotActive,
        CustomerNotFound,
    ),
)
async def assign_voucher(
    code: str, body: VoucherAssign, session: SessionDep, ctx: VouchersScope
) -> VoucherOut:
    """Give an unassigned active voucher to a customer."""
    return VoucherOut.model_validate(
        await service.assign_voucher(session, ctx, code, body.customer_id)
    )


@router.post(
    "/vouchers/{code}/cancel",
    response_model=VoucherOut,
    responses=responses(service.VoucherNotFound, service.VoucherNotActive),
)
async def cancel_voucher(code: str, session: SessionDep, ctx: VouchersScope) -> VoucherOut:
    """Cancel an active voucher; it can no longer be redeemed."""
    return VoucherOut.model_validate(await service.cancel_voucher(session, ctx, code))


_REDEEM_RULES = """Take an amount off the voucher at the till.

- `amount` voucher: send `amount` (at most the balance; with `purchase_amount`, at most that).
- `percent` voucher: send `purchase_amount`; the discount is purchase × percent / 100, rounded
  half up to the cent, and is the redemption's `amount`. An `amount` sent too must equal it
  (`discount_mismatch`); a discount under a cent is `purchase_amount_too_small`. The voucher
  is then used up.
- `transaction_ref` redeems a voucher once: a retry with the same amounts answers 200 with the
  first redemption and `replayed: true`, taking nothing; other amounts are
  `transaction_ref_reused`. `Idempotency-Key` works too, for calls without a reference.
"""


@router.post(
    "/vouchers/{code}/redeem",
    response_model=RedeemResult,
    responses=responses(*redeem.REDEEM_ERRORS, UnknownLocation),
    description=_REDEEM_RULES,
)
async def redeem_voucher(
    code: str, body: RedeemIn, session: SessionDep, ctx: VouchersScope
) -> RedeemResult:
    """Take an amount off the voucher at the till; a known transaction_ref takes nothing."""
    done = await redeem.redeem(session, ctx, code, body)
    return RedeemResult(
        redemption=RedemptionOut.model_validate(done.redemption),
        voucher=VoucherOut.model_validate(done.voucher),
        replayed=done.replayed,
    )


@router.post(
    "/vouchers/{code}/redemptions/{redemption_id:uuid}/undo",
    response_model=RedeemResult,
    responses=responses(*undo.UNDO_ERRORS),
)
async def undo_redemption(
    code: str, redemption_id: uuid.UUID, session: SessionDep, ctx: VouchersScope
) -> RedeemResult:
    """Undo the voucher's last redemption within the tenant's `redemption_undo_minutes`: the
    balance comes back; the redemption stays, marked undone."""
    done = await undo.undo_redemption(session, ctx, code, redemption_id)
    return RedeemResult(
        redemption=RedemptionOut.model_validate(done.redemption),
        voucher=VoucherOut.model_validate(done.voucher),
        replayed=False,
    )


@router.get(
    "/customers/{customer_id:uuid}/vouchers",
    response_model=Page[VoucherWithRedemptions],
    responses=responses(CustomerNotFound),
)
async def customer_vouchers(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead, paging: PageDep
) -> Page[VoucherWithRedemptions]:
    """The customer's vouchers, newest first, each with its redemptions."""
    await get_customer_row(session, ctx.tenant_id, customer_id)
    rows, total = await service.list_vouchers(
        session, ctx.tenant_id, paging, customer_id=customer_id
    )
    found = await service.redemptions_of(session, ctx.tenant_id, [v.id for v in rows])
    items = [
        VoucherWithRedemptions.model_validate(v).model_copy(
            update={"redemptions": [RedemptionOut.model_validate(r) for r in found.get(v.id, [])]}
        )
        for v in rows
    ]
    return Page(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.post(
    "/vouchers/issue",
    response_model=IssueResult,
    status_code=status.HTTP_201_CREATED,
    responses={
        status.HTTP_202_ACCEPTED: {
            "model": IssueResult,
            "description": "A large selection: queued as a job; poll `GET /jobs/{job_id}`",
        },
        **responses(InvalidFilter, SegmentNotFound, CurrencyMismatch),
    },
)
async def issue_vouchers(
    body: VoucherIssue, session: SessionDep, ctx: VouchersScope, response: Response
) -> IssueResult:
    """One new voucher for each customer of a filter, quick search, segment or list of ids."""
    result = await service.issue_to_selection(session, ctx, body)
    if result.job_id is not None:
        response.status_code = status.HTTP_202_ACCEPTED
        response.headers["Location"] = f"/api/v1/jobs/{result.job_id}"
    return result
