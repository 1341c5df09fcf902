import uuid

from fastapi import APIRouter, status

from app.auth.deps import CustomersRead, CustomersWrite
from app.core.deps import SessionDep
from app.core.errors import responses
from app.tags import service
from app.tags.schemas import TagIn, TagOut, TagPatch

router = APIRouter(prefix="/tags", tags=["tags"])


@router.get("", response_model=list[TagOut])
async def list_tags(session: SessionDep, ctx: CustomersRead) -> list[TagOut]:
    """All tags of the tenant with the number of customers carrying each."""
    rows = await service.list_tags(session, ctx.tenant_id)
    return [TagOut.model_validate(tag).model_copy(update={"customers_count": n}) for tag, n in rows]


@router.post(
    "",
    response_model=TagOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(service.TagExists),
)
async def create_tag(body: TagIn, session: SessionDep, ctx: CustomersWrite) -> TagOut:
    """Create a tag with a colour."""
    return TagOut.model_validate(
        await service.create_tag(session, ctx, name=body.name, colour=body.colour)
    )


@router.patch(
    "/{tag_id:uuid}",
    response_model=TagOut,
    responses=responses(service.TagNotFound, service.TagExists),
)
async def update_tag(
    tag_id: uuid.UUID, body: TagPatch, session: SessionDep, ctx: CustomersWrite
) -> TagOut:
    """Rename a tag or change its colour."""
    return TagOut.model_validate(
        await service.update_tag(session, ctx, tag_id, name=body.name, colour=body.colour)
    )


@router.delete(
    "/{tag_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(service.TagNotFound),
)
async def delete_tag(tag_id: uuid.UUID, session: SessionDep, ctx: CustomersWrite) -> None:
    """Delete a tag; it disappears from every customer."""
    await service.delete_tag(session, ctx, tag_id)
