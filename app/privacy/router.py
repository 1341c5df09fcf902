import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import ExportsScope
from app.core.deps import SessionDep
from app.core.downloads import content_disposition
from app.core.errors import responses
from app.customers.service import CustomerNotFound
from app.privacy import service
from app.privacy.schemas import PersonalDataFormat, PersonalDataOut

router = APIRouter(prefix="/customers", tags=["privacy"])


@router.get(
    "/{customer_id}/personal-data",
    response_model=PersonalDataOut,
    responses={
        **responses(CustomerNotFound),
        200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}},
    },
)
async def personal_data(
    customer_id: uuid.UUID,
    session: SessionDep,
    ctx: ExportsScope,
    format: Annotated[
        PersonalDataFormat, Query(description="`json`, or `zip`: the JSON and a CSV per section")
    ] = "json",
) -> PersonalDataOut | Response:
    """Everything held about one customer, for their access or portability request; logged
    like an export."""
    data = await service.personal_data(session, ctx, customer_id, format)
    if format == "json":
        return data
    name = f"personal-data-{customer_id}.zip"
    return Response(
        service.as_zip(data),
        media_type="application/zip",
        headers={"Content-Disposition": content_disposition(name), "Cache-Control": "no-store"},
    )
