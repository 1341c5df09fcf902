import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import ValidationError

from app.auth.deps import ImportsScope
from app.core import tenancy
from app.core.config import get_settings
from app.core.deps import SessionDep, read_session
from app.core.downloads import content_disposition
from app.core.errors import PayloadTooLarge, responses
from app.core.pagination import Page, PageDep
from app.imports import rejected, service
from app.imports.schemas import (
    FileSettings,
    ImportErrorGroup,
    ImportErrorOut,
    ImportOut,
    Mapping,
)
from app.imports.status import TERMINAL, ImportStatus
from app.imports.storage import StorageFull, StorageUnavailable

router = APIRouter(prefix="/imports", tags=["imports"])

NotFoundErr = responses(service.ImportNotFound)
StatusErr = responses(service.ImportNotFound, service.WrongStatus)

_UPLOAD_DOC = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        }
    }
}


async def _body_chunks(request: Request) -> tuple[str, AsyncIterator[bytes]]:
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.form(max_part_size=1024 * 1024)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise service.InvalidFile.field(["body", "file"], "missing_file", "Send a `file`.")

        async def parts() -> AsyncIterator[bytes]:
            while chunk := await upload.read(1024 * 1024):
                yield chunk

        return upload.filename or "upload.csv", parts()
    name = request.headers.get("x-file-name") or request.query_params.get("file_name")
    return name or "upload.csv", request.stream()


@router.post(
    "",
    response_model=ImportOut,
    status_code=201,
    openapi_extra=_UPLOAD_DOC,
    responses=responses(service.InvalidFile, PayloadTooLarge, StorageFull, StorageUnavailable),
)
async def create_import(
    request: Request,
    session: SessionDep,
    ctx: ImportsScope,
    mapping: Annotated[str | None, Query(pattern="^auto$")] = None,
    commit: bool = False,
    encoding: Annotated[
        str | None, Query(description="Read the file in this encoding instead of detecting it")
    ] = None,
    delimiter: Annotated[
        str | None, Query(description="Split columns by this character (`\\t` for a tab)")
    ] = None,
) -> ImportOut:
    """Upload a CSV/Excel file: detects its settings and suggests a mapping; `mapping=auto&commit=true` runs it all."""
    settings = _file_settings(encoding, delimiter)
    name, chunks = await _body_chunks(request)
    imp = await service.create_import(
        session,
        ctx,
        name,
        chunks,
        get_settings().max_upload_bytes,
        auto=mapping == "auto" or commit,
        commit=commit,
        settings=settings,
    )
    return service.to_out(imp)


def _file_settings(encoding: str | None, delimiter: str | None) -> FileSettings:
    """The query's overrides, checked like the body of PUT /settings (a 422 names them)."""
    raw = {"encoding": encoding, "delimiter": "\t" if delimiter == "\\t" else delimiter}
    try:
        return FileSettings.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in exc.errors()]
        ) from None


@router.get("", response_model=Page[ImportOut])
async def list_imports(session: SessionDep, ctx: ImportsScope, page: PageDep) -> Page[ImportOut]:
    """The import history: who imported which file, when, with what result."""
    rows, total = await service.list_imports(session, ctx, page)
    return Page(
        items=[service.to_out(r) for r in rows],
        total=total,
        page=page.page,
        page_size=page.page_size,
    )


@router.get("/{import_id:uuid}", response_model=ImportOut, responses=NotFoundErr)
async def get_import(import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope) -> ImportOut:
    """One import with its counts and progress."""
    return service.to_out(await service.get_import(session, ctx, import_id))


@router.put(
    "/{import_id:uuid}/mapping",
    response_model=ImportOut,
    responses=responses(service.ImportNotFound, service.WrongStatus, service.InvalidMapping),
)
async def set_mapping(
    import_id: uuid.UUID, body: Mapping, session: SessionDep, ctx: ImportsScope
) -> ImportOut:
    """Set which customer field each column holds, and the duplicate rules."""
    return service.to_out(await service.set_mapping(session, ctx, import_id, body))


@router.put(
    "/{import_id:uuid}/settings",
    response_model=ImportOut,
    responses=responses(service.ImportNotFound, service.WrongStatus, service.InvalidFile),
)
async def set_file_settings(
    import_id: uuid.UUID, body: FileSettings, session: SessionDep, ctx: ImportsScope
) -> ImportOut:
    """Read a CSV file again with another encoding or delimiter than detected: new columns,
    samples and suggested mapping."""
    return service.to_out(await service.set_file_settings(session, ctx, import_id, body))


@router.post(
    "/{import_id:uuid}/preview", response_model=ImportOut, status_code=202, responses=StatusErr
)
async def preview(import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope) -> ImportOut:
    """Queue the validation of every row of the file."""
    return service.to_out(await service.preview(session, ctx, import_id))


@router.post(
    "/{import_id:uuid}/commit", response_model=ImportOut, status_code=202, responses=StatusErr
)
async def commit(import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope) -> ImportOut:
    """Queue the write of the valid rows into the customer base."""
    return service.to_out(await service.commit(session, ctx, import_id))


@router.post("/{import_id:uuid}/cancel", response_model=ImportOut, responses=StatusErr)
async def cancel(import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope) -> ImportOut:
    """Stop the import at any stage; what a running commit wrote is undone."""
    return service.to_out(await service.cancel(session, ctx, import_id))


@router.post(
    "/{import_id:uuid}/revert",
    response_model=ImportOut,
    status_code=202,
    responses={**StatusErr, **responses(service.ImportExpired)},
)
async def revert(import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope) -> ImportOut:
    """Queue the undo of a completed import (`reverting` → `reverted`, with progress).

    Deletes the customers the import created (with their tags, consents and cards). For each
    customer it updated, every field gets back its value from before the import unless it was
    changed again since (then the later change stays); tags and consents it added to existing
    customers stay. A worker killed mid-way is resumed; reverting twice changes nothing.
    """
    return service.to_out(await service.revert(session, ctx, import_id))


@router.get("/{import_id:uuid}/errors", response_model=Page[ImportErrorOut], responses=NotFoundErr)
async def list_errors(
    import_id: uuid.UUID,
    session: SessionDep,
    ctx: ImportsScope,
    page: PageDep,
    include: Annotated[str | None, Query(pattern="^skipped$")] = None,
    code: Annotated[str | None, Query(max_length=32, examples=["invalid_email"])] = None,
    column: Annotated[str | None, Query(max_length=300)] = None,
) -> Page[ImportErrorOut]:
    """The rejected rows, one item per problem; `include=skipped` adds rows matched in the base;
    `code` and `column` keep one kind of problem (a group of `GET …/errors/groups`)."""
    rows, total = await rejected.list_errors(
        session,
        ctx,
        import_id,
        page,
        include_skipped=include == "skipped",
        code=code,
        column=column,
    )
    return Page(
        items=[
            ImportErrorOut(
                row=e.row_no, column=e.column, code=e.code, message=e.message, value=e.value
            )
            for e in rows
        ],
        total=total,
        page=page.page,
        page_size=page.page_size,
    )


@router.get(
    "/{import_id:uuid}/errors/groups",
    response_model=list[ImportErrorGroup],
    responses=NotFoundErr,
)
async def error_groups(
    import_id: uuid.UUID,
    session: SessionDep,
    ctx: ImportsScope,
    include: Annotated[str | None, Query(pattern="^skipped$")] = None,
) -> list[ImportErrorGroup]:
    """The problems grouped by kind and column with their counts, the largest group first."""
    groups = await rejected.error_groups(
        session, ctx, import_id, include_skipped=include == "skipped"
    )
    return [
        ImportErrorGroup(code=c, column=col, count=n, first_row=first)
        for c, col, n, first in groups
    ]


@router.get(
    "/{import_id:uuid}/errors.csv",
    responses={
        **NotFoundErr,
        **responses(rejected.SourceFileGone),
        200: {"content": {"text/csv": {}}},
    },
    response_class=StreamingResponse,
)
async def errors_csv(
    import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope
) -> StreamingResponse:
    """The rejected rows as they were in the file plus an `error` column: fix and re-upload."""
    imp, messages, blanked = await rejected.error_messages(session, ctx, import_id)
    name = imp.file_name.rsplit(".", 1)[0] + "-errors.csv"
    return StreamingResponse(
        rejected.errors_csv(imp, messages, blanked),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition(name)},
    )


@router.get(
    "/{import_id:uuid}/events",
    responses={**NotFoundErr, 200: {"content": {"text/event-stream": {}}}},
    response_class=StreamingResponse,
)
async def events(
    import_id: uuid.UUID, session: SessionDep, ctx: ImportsScope, request: Request
) -> StreamingResponse:
    """Server-Sent Events with the import's status and progress until it finishes."""
    await service.get_import(session, ctx, import_id)

    async def stream() -> AsyncIterator[str]:
        # The request's unit of work ends when the route returns: each poll reads in a short
        # session of its own, so no connection is held between polls.
        last = None
        while True:
            async with read_session(request) as polling:
                await tenancy.use_tenant(polling, ctx.tenant_id)  # row-level security
                out = service.to_out(await service.get_import(polling, ctx, import_id))
            payload = json.dumps(
                {
                    "status": out.status,
                    "progress": out.progress.model_dump(),
                    "counts": out.counts.model_dump(),
                }
            )
            if payload != last:
                yield f"event: progress\ndata: {payload}\n\n"
                last = payload
            if out.status in TERMINAL or (
                out.status in (ImportStatus.UPLOADED, ImportStatus.VALIDATED)
            ):
                return
            await asyncio.sleep(0.5)

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )
