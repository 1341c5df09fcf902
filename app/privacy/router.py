import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import AdminOnly, ExportsScope
from app.core.deps import SessionDep
from app.core.downloads import content_disposition
from app.core.errors import responses
from app.customers.service import CustomerNotFound
from app.privacy import erasure, service
from app.privacy.schemas import ErasureOut, PersonalDataFormat, PersonalDataOut

router = APIRouter(prefix="/customers", tags=["privacy"])


@router.get(
    "/{customer_id:uuid}/personal-data",
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


@router.post(
    "/{customer_id:uuid}/erase",
    response_model=ErasureOut,
    responses=responses(CustomerNotFound),
)
async def erase_customer(customer_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> ErasureOut:
    """Erase the person's identity at their request (owners and admins).

    Names, contacts, address, birth date, notes, custom values, cards, tags, consents and the
    external id go; the amounts stay on a tombstone so revenue and voucher ledgers add up.
    The person is also scrubbed from the audit log's values, import staging rows, error rows,
    stored idempotent responses and upload files, and their identity is kept only as keyed
    hashes so that it is not re-created unnoticed (409 `erased_subject`, row error in
    imports; `subject_returned=true` when the person came back). Repeating it changes
    nothing (`already`)."""
    return await erasure.erase(session, ctx, customer_id)
