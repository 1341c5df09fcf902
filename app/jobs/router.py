import uuid

from fastapi import APIRouter

from app.auth.deps import CustomersRead
from app.core.deps import SessionDep
from app.core.errors import responses
from app.jobs import service
from app.jobs.schemas import JobOut

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobOut, responses=responses(service.JobNotFound))
async def get_job(job_id: uuid.UUID, session: SessionDep, ctx: CustomersRead) -> JobOut:
    """Progress of a background job: status, done of total, and its result when finished."""
    return JobOut.model_validate(await service.get_job(session, ctx.tenant_id, job_id))
