import uuid

from fastapi import APIRouter

from app.auth.deps import CustomersRead, VouchersScope
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customers.service import CustomerNotFound
from app.loyalty import errors, perks
from app.loyalty.perks import CreditIn, CreditsOut, DiscountIn, DiscountOut, DiscountUseIn

router = APIRouter(tags=["loyalty"])
_BASE = "/customers/{customer_id:uuid}"


@router.put(f"{_BASE}/discount", response_model=DiscountOut, responses=responses(CustomerNotFound))
async def set_discount(
    customer_id: uuid.UUID, body: DiscountIn, session: SessionDep, ctx: VouchersScope
) -> DiscountOut:
    """Set the customer's discount percent and its optional limit per period (audited)."""
    return await perks.set_discount(session, ctx, customer_id, body)


@router.post(
    f"{_BASE}/discount/lift-limit",
    response_model=DiscountOut,
    responses=responses(CustomerNotFound),
)
async def lift_discount_limit(
    customer_id: uuid.UUID, session: SessionDep, ctx: VouchersScope
) -> DiscountOut:
    """Lift the discount limit for the rest of the current period (audited)."""
    return await perks.lift_limit(session, ctx, customer_id)


@router.post(
    f"{_BASE}/discount/use",
    response_model=perks.DiscountUseOut,
    responses=responses(CustomerNotFound, errors.DiscountLimitReached),
)
async def use_discount(
    customer_id: uuid.UUID, body: DiscountUseIn, session: SessionDep, ctx: VouchersScope
) -> perks.DiscountUseOut:
    """The discount on a purchase, within what the period's limit leaves."""
    return await perks.use_discount(session, ctx, customer_id, body)


@router.get(f"{_BASE}/credits", response_model=CreditsOut, responses=responses(CustomerNotFound))
async def get_credits(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead
) -> CreditsOut:
    """The customer's promotional credit and its history, newest first."""
    return await perks.credits(session, ctx, customer_id)


@router.post(
    f"{_BASE}/credits",
    response_model=CreditsOut,
    responses=responses(CustomerNotFound, errors.InsufficientCredit),
)
async def move_credits(
    customer_id: uuid.UUID, body: CreditIn, session: SessionDep, ctx: VouchersScope
) -> CreditsOut:
    """Grant (amount > 0) or use (amount < 0) promotional credit (audited)."""
    return await perks.move_credit(session, ctx, customer_id, body)
