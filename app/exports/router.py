from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.deps import ExportsScope
from app.core.deps import SessionDep, get_session
from app.core.downloads import content_disposition
from app.core.errors import responses
from app.core.pagination import Page, PageDep
from app.customers import search
from app.exports import service
from app.exports.schemas import ExportLogOut, ExportRequest

router = APIRouter(tags=["exports"])

# The file streams after the route returns; this session stays open until it is sent
# (request scope), while the export log commits with the route's own unit of work.
StreamSession = Annotated[AsyncSession, Depends(get_session, scope="request")]

_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file",
        "content": {media: {} for media in service.MEDIA_TYPES.values()},
    }
}


@router.post(
    "/customers/export",
    response_class=Response,
    responses={**_FILE_RESPONSES, **responses(search.InvalidFilter, service.TooManyRowsForPdf)},
)
async def export_customers(
    body: ExportRequest, session: SessionDep, stream_session: StreamSession, ctx: ExportsScope
) -> Response:
    """Download the selected customers as CSV or XLSX (streamed) or PDF; the export is logged."""
    query, head, count = await service.prepare(session, ctx, body)
    name = service.file_name(body.format)
    headers = {"Content-Disposition": content_disposition(name), "X-Row-Count": str(count)}
    media = service.MEDIA_TYPES[body.format]
    if body.format == "pdf":
        content = await service.render_pdf(stream_session, query, head, f"Customers ({count})")
        return Response(content, media_type=media, headers=headers)
    if body.format == "xlsx":
        return StreamingResponse(
            service.stream_xlsx(stream_session, query, head), media_type=media, headers=headers
        )
    return StreamingResponse(
        service.stream_csv(stream_session, query, head, body.delimiter),
        media_type=media,
        headers=headers,
    )


@router.get("/exports", response_model=Page[ExportLogOut])
async def list_exports(
    session: SessionDep, ctx: ExportsScope, paging: PageDep
) -> Page[ExportLogOut]:
    """Every export, newest first: who took which customers, when, in what format, how many."""
    rows, total = await service.list_exports(session, ctx.tenant_id, paging.page, paging.page_size)
    return Page(
        items=[ExportLogOut.model_validate(r) for r in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )
