"""Imports: upload and detect, mapping, preview and commit (as jobs), cancel, revert, read."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core import jobs
from app.core.config import get_settings
from app.core.context import Context
from app.core.errors import Conflict, NotFound, PayloadTooLarge, ValidationFailed
from app.core.pagination import PageParams
from app.core.ratelimit import TooManyRunning
from app.custom_fields import service as custom_fields
from app.imports import staging
from app.imports.detect import Detected, FileProblem, detect
from app.imports.mapping import header_key, suggest_columns, valid_target
from app.imports.models import Import
from app.imports.schemas import ColumnOut, Counts, FileSettings, ImportOut, Mapping, Progress
from app.imports.status import ImportStatus
from app.imports.storage import TooLarge, get_storage


class ImportNotFound(NotFound):
    code = "import_not_found"
    title = "Import not found"


class InvalidFile(ValidationFailed):
    code = "invalid_file"
    title = "The file cannot be imported"


class WrongStatus(Conflict):
    code = "import_wrong_status"
    title = "The import is not in a state that allows this"


class ImportExpired(Conflict):
    code = "import_expired"
    title = "The import's staging rows are no longer kept"


class InvalidMapping(ValidationFailed):
    code = "invalid_mapping"
    title = "The mapping is not valid"


def detected_of(imp: Import) -> Detected:
    return Detected(
        file_type=imp.file_type,
        encoding=imp.encoding,
        delimiter=imp.delimiter,
        header_row=imp.header_row,
        header=[c["name"] for c in imp.columns],
    )


def to_out(imp: Import) -> ImportOut:
    return ImportOut(
        id=imp.id,
        status=imp.status,  # type: ignore[arg-type]
        file_name=imp.file_name,
        file_type=imp.file_type,
        encoding=imp.encoding,
        delimiter=imp.delimiter,
        columns=[ColumnOut(**c) for c in imp.columns],
        mapping=Mapping(**imp.mapping) if imp.mapping else None,
        counts=Counts(**imp.counts),
        progress=Progress(**imp.progress) if imp.progress else Progress(phase=imp.status),
        sample=imp.sample or [],
        error=imp.error,
        created_by=imp.created_by,
        created_at=imp.created_at,
    )


async def _cf_keys(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, str]:
    defs = await custom_fields.list_definitions(session, tenant_id)
    out = {}
    for d in defs:
        out[header_key(d.key)] = d.key
        out[header_key(d.label)] = d.key
    return out


async def create_import(
    session: AsyncSession,
    ctx: Context,
    file_name: str,
    chunks: AsyncIterator[bytes],
    limit: int,
    *,
    auto: bool = False,
    commit: bool = False,
    settings: FileSettings | None = None,
) -> Import:
    """Store the upload, detect its settings and suggest a mapping; optionally run it all."""
    settings = settings or FileSettings()
    import_id = uuid.uuid4()
    storage = get_storage()
    key = f"{ctx.tenant_id}/{import_id}"
    try:
        size = await storage.save(key, chunks, limit)
    except TooLarge:
        raise PayloadTooLarge(f"The file is larger than {limit} bytes.") from None
    try:
        # Off the event loop: a spreadsheet is read by a child process, a CSV sample parsed.
        d = await asyncio.to_thread(
            detect, storage.local_path(key), file_name, **settings.model_dump(exclude_none=True)
        )
    except FileProblem as exc:
        storage.delete(key)
        raise InvalidFile.field(["body", "file"], exc.code, exc.message) from None
    columns, suggested = await _columns_and_mapping(session, ctx, d)
    imp = Import(
        id=import_id,
        tenant_id=ctx.tenant_id,
        status=ImportStatus.UPLOADED,
        file_name=file_name[:300],
        file_type=d.file_type,
        storage_key=key,
        size_bytes=size,
        encoding=d.encoding,
        delimiter=d.delimiter,
        header_row=d.header_row,
        columns=columns,
        mapping=suggested.model_dump(),
        counts={},
        progress=Progress(phase=ImportStatus.UPLOADED).model_dump(),
        auto_commit=commit,
        created_by=ctx.principal.label,
    )
    session.add(imp)
    await session.flush()
    if auto:
        await start_preview(session, ctx, imp)
    return imp


async def _columns_and_mapping(
    session: AsyncSession, ctx: Context, d: Detected
) -> tuple[list[dict[str, Any]], Mapping]:
    columns = [
        {"name": h, "samples": [r[i] for r in d.samples if i < len(r)]}
        for i, h in enumerate(d.header)
    ]
    suggested = Mapping(
        columns=suggest_columns(d.header, await _cf_keys(session, ctx.tenant_id)),
        default_country=ctx.tenant.country if len(ctx.tenant.country) == 2 else "PL",
    )
    return columns, suggested


async def set_file_settings(
    session: AsyncSession, ctx: Context, import_id: uuid.UUID, settings: FileSettings
) -> Import:
    """Read the file again with another encoding or delimiter: new columns, samples and
    suggested mapping (the previous mapping named columns that may no longer exist)."""
    imp = await get_import(session, ctx, import_id, lock=True)
    if imp.status not in (ImportStatus.UPLOADED, ImportStatus.VALIDATED):
        raise WrongStatus(f"The file settings cannot change while the import is {imp.status}.")
    if imp.file_type != "csv":
        raise InvalidFile.field(
            ["body"], "not_a_text_file", "Only a CSV or text file has an encoding and delimiter."
        )
    chosen = {"encoding": imp.encoding, "delimiter": imp.delimiter}
    chosen.update(settings.model_dump(exclude_none=True))
    try:
        path = get_storage().local_path(imp.storage_key)
        d = await asyncio.to_thread(detect, path, imp.file_name, **chosen)
    except FileProblem as exc:
        raise InvalidFile.field(["body"], exc.code, exc.message) from None
    imp.columns, suggested = await _columns_and_mapping(session, ctx, d)
    imp.encoding, imp.delimiter, imp.header_row = d.encoding, d.delimiter, d.header_row
    imp.mapping = suggested.model_dump()
    imp.status = ImportStatus.UPLOADED
    imp.counts = {}
    await session.flush()
    return imp


async def get_import(
    session: AsyncSession, ctx: Context, import_id: uuid.UUID, *, lock: bool = False
) -> Import:
    query = select(Import).where(Import.tenant_id == ctx.tenant_id, Import.id == import_id)
    imp = await session.scalar(query.with_for_update() if lock else query)
    if imp is None:
        raise ImportNotFound()
    return imp


async def list_imports(
    session: AsyncSession, ctx: Context, page: PageParams
) -> tuple[list[Import], int]:
    where = Import.tenant_id == ctx.tenant_id
    total = await session.scalar(select(func.count()).select_from(Import).where(where)) or 0
    rows = await session.scalars(
        select(Import)
        .where(where)
        .order_by(Import.created_at.desc(), Import.id)
        .offset(page.offset)
        .limit(page.page_size)
    )
    return list(rows), total


async def set_mapping(
    session: AsyncSession, ctx: Context, import_id: uuid.UUID, mapping: Mapping
) -> Import:
    imp = await get_import(session, ctx, import_id, lock=True)
    if imp.status not in (ImportStatus.UPLOADED, ImportStatus.VALIDATED):
        raise WrongStatus(f"The mapping cannot change while the import is {imp.status}.")
    header = [c["name"] for c in imp.columns]
    cf_keys = set((await _cf_keys(session, ctx.tenant_id)).values())
    for column, target in mapping.columns.items():
        if column not in header:
            raise InvalidMapping.field(
                ["body", "columns", column], "unknown_column", f"The file has no column {column!r}."
            )
        if target is not None and not valid_target(target, cf_keys):
            raise InvalidMapping.field(
                ["body", "columns", column], "unknown_target", f"{target!r} is not a field."
            )
    targets = [t for t in mapping.columns.values() if t]
    if len(set(targets)) != len(targets):
        raise InvalidMapping.field(
            ["body", "columns"], "duplicate_target", "Two columns map to the same field."
        )
    imp.mapping = mapping.model_dump()
    imp.status = ImportStatus.UPLOADED
    imp.counts = {}
    await session.flush()
    return imp


async def start_preview(session: AsyncSession, ctx: Context, imp: Import) -> None:
    if imp.status not in (ImportStatus.UPLOADED, ImportStatus.VALIDATED):
        raise WrongStatus(f"The import is {imp.status}.")
    imp.status = ImportStatus.VALIDATING
    imp.progress = Progress(phase=ImportStatus.VALIDATING).model_dump()
    await session.flush()
    # Job ids start with `import-<kind>-<id>` so a stalled job can be found (jobs.py).
    jobs.enqueue(
        session,
        "preview_import",
        job_id=f"import-preview-{imp.id}-{uuid.uuid4().hex[:8]}",
        tenant_id=str(ctx.tenant_id),
        import_id=str(imp.id),
    )


async def preview(session: AsyncSession, ctx: Context, import_id: uuid.UUID) -> Import:
    """Queue validation of every row."""
    imp = await get_import(session, ctx, import_id, lock=True)
    await start_preview(session, ctx, imp)
    return imp


async def _check_running_writes(session: AsyncSession, ctx: Context) -> None:
    """At most `import_concurrency_per_tenant` commits and reverts of a tenant at once; counted
    under a per-tenant lock held to the commit, so two starts cannot both pass one free place."""
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtext(f"imports-running:{ctx.tenant_id}")))
    )
    running = await session.scalar(
        select(func.count())
        .select_from(Import)
        .where(
            Import.tenant_id == ctx.tenant_id,
            Import.status.in_((ImportStatus.COMMITTING, ImportStatus.REVERTING)),
        )
    )
    cap = get_settings().import_concurrency_per_tenant
    if (running or 0) >= cap:
        raise TooManyRunning(
            f"{running} imports of this tenant are being written (at most {cap} at once).",
            headers={"Retry-After": "30"},
        )


async def commit(session: AsyncSession, ctx: Context, import_id: uuid.UUID) -> Import:
    """Queue the write of the valid rows."""
    imp = await get_import(session, ctx, import_id, lock=True)
    if imp.status != ImportStatus.VALIDATED:
        raise WrongStatus("Preview the import before committing it.")
    await _check_running_writes(session, ctx)
    imp.status = ImportStatus.COMMITTING
    imp.progress = Progress(
        phase=ImportStatus.COMMITTING, total=imp.counts.get("to_create", 0)
    ).model_dump()
    await session.flush()
    jobs.enqueue(
        session,
        "commit_import",
        job_id=f"import-commit-{imp.id}",
        tenant_id=str(ctx.tenant_id),
        import_id=str(imp.id),
    )
    return imp


async def cancel(session: AsyncSession, ctx: Context, import_id: uuid.UUID) -> Import:
    """Stop the import; a running commit job undoes what it already wrote."""
    imp = await get_import(session, ctx, import_id, lock=True)
    if imp.status in (
        ImportStatus.COMPLETED,
        ImportStatus.REVERTING,
        ImportStatus.REVERTED,
        ImportStatus.CANCELLED,
        ImportStatus.FAILED,
    ):
        raise WrongStatus(f"The import is already {imp.status}.")
    if imp.status == ImportStatus.VALIDATED:
        await staging.clear_staging(session, ctx.tenant_id, imp.id)
    imp.status = ImportStatus.CANCELLED
    imp.progress = {**imp.progress, "phase": ImportStatus.CANCELLED}
    await session.flush()
    return imp


async def revert(session: AsyncSession, ctx: Context, import_id: uuid.UUID) -> Import:
    """Queue the undo of a completed import (`reverting` → `reverted`, see `undo_chunk`); also
    of one whose revert was given up (it goes on from what it had undone: undoing is keyed by
    the staging rows, and a row undone twice changes nothing)."""
    imp = await get_import(session, ctx, import_id, lock=True)
    given_up_revert = (
        imp.status == ImportStatus.FAILED and (imp.progress or {}).get("given_up") == "revert"
    )
    if imp.status != ImportStatus.COMPLETED and not given_up_revert:
        raise WrongStatus(
            "Only a completed import (or one whose revert was given up) can be reverted."
        )
    if imp.staging_purged_at is not None:
        raise ImportExpired(
            "The rows this import wrote, and the values they replaced, were purged after the "
            "retention period (KARTOTEKA_RETENTION_STAGING_DAYS): it can no longer be reverted."
        )
    await _check_running_writes(session, ctx)
    imp.status = ImportStatus.REVERTING
    imp.progress = Progress(
        phase=ImportStatus.REVERTING,
        total=imp.counts.get("created", 0) + imp.counts.get("updated", 0),
    ).model_dump()
    imp.error = None
    # A retry's job needs an id of its own: arq keeps the given-up job's result for a while
    # and would not queue the same id again.
    retry = f"-{uuid.uuid4().hex[:8]}" if given_up_revert else ""
    jobs.enqueue(
        session,
        "revert_import",
        job_id=f"import-revert-{imp.id}{retry}",
        tenant_id=str(ctx.tenant_id),
        import_id=str(imp.id),
    )
    await audit.record(
        session, ctx, "import.reverted", "import", imp.id, meta={"file_name": imp.file_name}
    )
    await session.flush()
    return imp
