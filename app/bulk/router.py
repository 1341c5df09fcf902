from fastapi import APIRouter

from app.auth.deps import CustomersWrite, MissingScope, require_scope
from app.bulk import service
from app.bulk.schemas import BulkRequest, BulkResult
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customers import search
from app.jobs.limits import TooManyJobs
from app.segments.service import SegmentNotFound

router = APIRouter(prefix="/customers", tags=["customers"])


@router.post(
    "/bulk",
    response_model=BulkResult,
    responses=responses(
        service.CountMismatch, search.InvalidFilter, SegmentNotFound, MissingScope, TooManyJobs
    ),
)
async def bulk_action(body: BulkRequest, session: SessionDep, ctx: CustomersWrite) -> BulkResult:
    """Tag, untag, set status or consent, mass-edit or delete the selected customers (dry run first)."""
    if body.action == "delete":
        require_scope(ctx, "customers:delete_bulk")
    return await service.run_bulk(session, ctx, body)
