from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from app.auth.deps import ExportsScope
from app.core.deps import SessionDep
from app.core.downloads import content_disposition
from app.core.errors import responses
from app.core.pagination import Page, PageDep
from app.customers import search
from app.exports import files, labels, service, slots
from app.exports.schemas import ExportLogOut, ExportRequest
from app.segments.service import SegmentNotFound

router = APIRouter(tags=["exports"])

_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file",
        "content": {media: {} for media in service.MEDIA_TYPES.values()},
    }
}


@router.post(
    "/customers/export",
    response_class=Response,
    responses={
        **_FILE_RESPONSES,
        **responses(
            search.InvalidFilter,
            SegmentNotFound,
            service.TooManyRowsForPdf,
            files.TooManyRowsForExport,
            files.ExportTimeout,
            slots.TooManyExports,
        ),
    },
)
async def export_customers(
    body: ExportRequest, session: SessionDep, ctx: ExportsScope, request: Request
) -> Response:
    """Download the selected customers as CSV, XLSX or PDF; the export is logged.

    The file is built before it is sent, so no database connection waits on the download;
    a tenant runs at most two exports at once (429 `too_many_exports`)."""
    query, head, count = await service.prepare(session, ctx, body)
    name = service.file_name(body.format)
    headers = {"Content-Disposition": content_disposition(name), "X-Row-Count": str(count)}
    media = service.MEDIA_TYPES[body.format]
    redis = request.app.state.redis
    slot = await slots.acquire(redis, ctx.tenant_id)
    try:
        file = await files.build(
            session,
            body.format,
            query,
            head,
            count=count,
            delimiter=body.delimiter,
            title=labels.title(service.locale_of(ctx, body), count),
            sheet=labels.word("customers", service.locale_of(ctx, body)),
        )
    except BaseException:
        await slots.release(redis, ctx.tenant_id, slot)
        raise
    headers["Content-Length"] = str(files.size(file))

    async def done() -> None:
        await slots.release(redis, ctx.tenant_id, slot)

    # The route's unit of work (and its connection) ends here; only the file is left to send.
    return StreamingResponse(files.send(file, done), media_type=media, headers=headers)


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
