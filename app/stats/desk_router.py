from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import CustomersRead
from app.core.deps import SessionDep
from app.core.errors import responses
from app.stats import desk
from app.stats.desk_schemas import DeskToday

router = APIRouter(prefix="/desk", tags=["desk"])


@router.get("/today", response_model=DeskToday, responses=responses())
async def desk_today(
    session: SessionDep,
    ctx: CustomersRead,
    lapsed_days: Annotated[
        int, Query(ge=1, le=3650, description="Not seen for this many days is lapsed")
    ] = 90,
) -> DeskToday:
    """The front desk's home: birthdays today, vouchers expiring soon, lapsed and last served."""
    return await desk.today(session, ctx, lapsed_days=lapsed_days)
