import uuid

from fastapi import APIRouter, status

from app.auth.deps import AdminOnly, CustomersRead
from app.core.deps import SessionDep
from app.core.errors import responses
from app.custom_fields import service
from app.custom_fields.schemas import CustomFieldIn, CustomFieldOut, CustomFieldPatch

router = APIRouter(prefix="/custom-fields", tags=["custom_fields"])


@router.get("", response_model=list[CustomFieldOut])
async def list_custom_fields(session: SessionDep, ctx: CustomersRead) -> list[CustomFieldOut]:
    """The tenant's custom field definitions."""
    return [
        CustomFieldOut.model_validate(d)
        for d in await service.list_definitions(session, ctx.tenant_id)
    ]


@router.post(
    "",
    response_model=CustomFieldOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(service.CustomFieldExists),
)
async def create_custom_field(
    body: CustomFieldIn, session: SessionDep, ctx: AdminOnly
) -> CustomFieldOut:
    """Define a typed custom field (text, number, date, boolean, choice)."""
    row = await service.create_definition(
        session,
        ctx,
        key=body.key,
        label=body.label,
        kind=body.type,
        choices=body.choices,
        required=body.required,
    )
    return CustomFieldOut.model_validate(row)


@router.patch(
    "/{field_id:uuid}",
    response_model=CustomFieldOut,
    responses=responses(service.CustomFieldNotFound, service.CustomFieldExists),
)
async def update_custom_field(
    field_id: uuid.UUID, body: CustomFieldPatch, session: SessionDep, ctx: AdminOnly
) -> CustomFieldOut:
    """Change a custom field's label, choices or whether it is required (its key and type are fixed)."""
    row = await service.update_definition(
        session, ctx, field_id, body.model_dump(exclude_unset=True)
    )
    return CustomFieldOut.model_validate(row)


@router.delete(
    "/{field_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(service.CustomFieldNotFound),
)
async def delete_custom_field(field_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> None:
    """Delete a custom field definition (values stay on customers until overwritten)."""
    await service.delete_definition(session, ctx, field_id)
