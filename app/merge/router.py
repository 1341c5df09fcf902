from fastapi import APIRouter

from app.auth.deps import CustomersWrite
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customers.service import CustomerErased, CustomerNotFound
from app.merge import service as merge
from app.merge.schemas import MergeRequest, MergeResult

router = APIRouter(prefix="/customers", tags=["customers"])


@router.post(
    "/merge", response_model=MergeResult, responses=responses(CustomerNotFound, CustomerErased)
)
async def merge_customers(
    body: MergeRequest, session: SessionDep, ctx: CustomersWrite
) -> MergeResult:
    """Merge duplicates into the target: data, tags, cards, vouchers, transactions, history move."""
    customer, moved = await merge.merge(
        session, ctx, body.target_id, body.source_ids, body.fields, dry_run=body.dry_run
    )
    return MergeResult(customer=customer, moved=moved, dry_run=body.dry_run)
