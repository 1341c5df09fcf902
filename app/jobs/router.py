import uuid

from fastapi import APIRouter

from app.auth.deps import CurrentContext
from app.core.deps import SessionDep
from app.core.errors import responses
from app.jobs import service
from app.jobs.schemas import JobOut

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id:uuid}", response_model=JobOut, responses=responses(service.JobNotFound))
async def get_job(job_id: uuid.UUID, session: SessionDep, ctx: CurrentContext) -> JobOut:
    """Progress of a background job: status, done of total, and its result when finished.

    Readable by whoever started it (a vouchers-only key polls its own issue job) and by
    anyone who may read customers."""
    return JobOut.model_validate(await service.get_visible_job(session, ctx, job_id))
