"""The rows an import rejected: their list, and the error file (the rejected rows as they
were in the file, with their messages)."""

import csv
import io
import uuid
from collections.abc import Iterator

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.core.errors import AppError
from app.core.pagination import PageParams
from app.exports import service as exports
from app.imports.detect import iter_rows
from app.imports.models import Import, ImportRowError
from app.imports.service import detected_of, get_import
from app.imports.storage import get_storage
from app.imports.suppression import ERASED_SUBJECT


async def list_errors(
    session: AsyncSession,
    ctx: Context,
    import_id: uuid.UUID,
    page: PageParams,
    *,
    include_skipped: bool,
    code: str | None = None,
    column: str | None = None,
) -> tuple[list[ImportRowError], int]:
    await get_import(session, ctx, import_id)
    where = _where(ctx, import_id, include_skipped, code, column)
    total = await session.scalar(select(func.count()).select_from(ImportRowError).where(*where))
    rows = await session.scalars(
        select(ImportRowError)
        .where(*where)
        .order_by(ImportRowError.row_no, ImportRowError.id)
        .offset(page.offset)
        .limit(page.page_size)
    )
    return list(rows), total or 0


def _where(
    ctx: Context,
    import_id: uuid.UUID,
    include_skipped: bool,
    code: str | None = None,
    column: str | None = None,
) -> list[ColumnElement[bool]]:
    where = [ImportRowError.tenant_id == ctx.tenant_id, ImportRowError.import_id == import_id]
    if not include_skipped:
        where.append(ImportRowError.skipped.is_(False))
    if code is not None:
        where.append(ImportRowError.code == code)
    if column is not None:
        where.append(ImportRowError.column == column)
    return where


async def error_groups(
    session: AsyncSession, ctx: Context, import_id: uuid.UUID, *, include_skipped: bool
) -> list[tuple[str, str | None, int, int]]:
    """The problems grouped by (code, column): how many and the first row of each, the
    largest group first (a 20,000-row file's errors read as a handful of kinds)."""
    await get_import(session, ctx, import_id)
    count = func.count().label("count")
    rows = await session.execute(
        select(ImportRowError.code, ImportRowError.column, count, func.min(ImportRowError.row_no))
        .where(*_where(ctx, import_id, include_skipped))
        .group_by(ImportRowError.code, ImportRowError.column)
        .order_by(count.desc(), ImportRowError.code, ImportRowError.column)
    )
    return [(c, col, n, first) for c, col, n, first in rows]


class SourceFileGone(AppError):
    status = 410
    code = "source_file_gone"
    title = "The uploaded file is no longer kept"


async def error_messages(
    session: AsyncSession, ctx: Context, import_id: uuid.UUID
) -> tuple[Import, dict[int, str], set[int]]:
    """The import, each rejected row's messages, and the rows to blank (an erased person's)."""
    imp = await get_import(session, ctx, import_id)
    if not get_storage().local_path(imp.storage_key).exists():
        raise SourceFileGone(
            "The error file is made from the uploaded file, which was deleted (after its "
            "retention period, or because a person in it asked to be erased)."
        )
    rows = await session.execute(
        select(ImportRowError.row_no, ImportRowError.message, ImportRowError.code)
        .where(
            ImportRowError.tenant_id == ctx.tenant_id,
            ImportRowError.import_id == import_id,
            ImportRowError.skipped.is_(False),
        )
        .order_by(ImportRowError.row_no, ImportRowError.id)
    )
    out: dict[int, str] = {}
    blanked: set[int] = set()
    for row_no, message, code in rows:
        out[row_no] = f"{out[row_no]} {message}" if row_no in out else message
        if code == ERASED_SUBJECT:
            blanked.add(row_no)
    return imp, out, blanked


def errors_csv(imp: Import, messages: dict[int, str], blanked: set[int]) -> Iterator[str]:
    """The rejected rows as they were in the file, plus an `error` column; cells a
    spreadsheet would run as formulas are neutralised like an export's (the tenant's own
    data, but a file opened in Excel runs it). The row of a person whose data was erased
    keeps only its message: the error file must not carry them again."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=imp.delimiter or ",")
    d = detected_of(imp)
    writer.writerow([exports.neutralise(h) for h in [*d.header, "error"]])
    yield "\ufeff" + buf.getvalue()
    path = get_storage().local_path(imp.storage_key)
    for row_no, fields in iter_rows(path, d):
        if row_no in messages:
            buf.seek(0)
            buf.truncate()
            cells = [""] * len(fields) if row_no in blanked else fields
            writer.writerow([exports.neutralise(v) for v in [*cells, messages[row_no]]])
            yield buf.getvalue()
