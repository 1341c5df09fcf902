"""Customer exports: CSV and XLSX streamed row by row, PDF for printing; every export logged.

Values that a spreadsheet would run as a formula (`= + - @ TAB CR` first) are prefixed with
`'` (OWASP "CSV injection"), except a plain negative decimal number (`-12.50`, a refund): a
spreadsheet reads that as a number. Headers are in the caller's language.
"""

import codecs
import csv
import io
import os
import re
import tempfile
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from fpdf import FPDF
from fpdf.fonts import FontFace
from sqlalchemy import Date, DateTime, Float, Integer, Text, cast, func, literal, select, text, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement, ColumnElement, Label

from app.core.context import Context
from app.core.errors import ValidationFailed
from app.customers import search
from app.customers.filters.registry import FieldDef, fields_for
from app.customers.models import Card, Customer
from app.events import outbox
from app.exports import labels
from app.exports.models import ExportLog
from app.exports.schemas import ExportRequest
from app.segments import service as segments
from app.tags.models import CustomerTag, Tag

PDF_MAX_ROWS = 5_000
STREAM_BATCH = 2_000
CSV_BATCH = 5_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Digits, an optional fraction, nothing else: not `-1e3`, `-1+2` or `-12.50 ` (a
# spreadsheet may parse those as formulas or numbers, so they stay neutralised).
_PLAIN_NEGATIVE = re.compile(r"-[0-9]+(\.[0-9]+)?")
# The same rule as a regular expression for PostgreSQL (the CSV is rendered in SQL): the
# first character of a value that is not a plain negative number; `$` is the string's end.
_FORMULA_PATTERN = "^(?!-[0-9]+(?:\\.[0-9]+)?$)([=+@\t\r-])"
_CSV_CURSOR = "kartoteka_csv_export"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# DejaVu Sans ships with the app (fonts/LICENSE): the PDF core fonts are Latin-1 only, and a
# slim container has no system fonts, so Polish, Ukrainian and Russian names need our own.
FONTS_DIR = Path(__file__).parent / "fonts"
PDF_FONT = "DejaVuSans"
PDF_FONT_FILES = {"": FONTS_DIR / "DejaVuSans.ttf", "B": FONTS_DIR / "DejaVuSans-Bold.ttf"}


class TooManyRowsForPdf(ValidationFailed):
    code = "too_many_rows_for_pdf"
    title = "Too many customers for a PDF"


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would treat as a formula gets a leading apostrophe."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NEGATIVE.fullmatch(value)
    ):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _column_exprs(
    names: Sequence[str], fields: dict[str, FieldDef], ctx: Context
) -> list[ColumnElement[Any]]:
    env = search.filter_env(ctx)
    out: list[ColumnElement[Any]] = []
    for i, name in enumerate(names):
        if name == "tags":
            # Each customer's few tag rows first, then each tag by its key: the OFFSET keeps
            # the planner from scanning every tag of the tenant once per customer instead.
            tag = (
                select(Tag.name, Tag.name_key)
                .where(Tag.tenant_id == env.tenant_id, Tag.id == CustomerTag.tag_id)
                .offset(0)
                .lateral("tag")
            )
            expr: Any = (
                select(
                    func.string_agg(tag.c.name, aggregate_order_by(literal(", "), tag.c.name_key))
                )
                .select_from(CustomerTag)
                .join(tag, true())
                # Every table pinned to the tenant by the same parameter, as the filters' columns
                # are (app/customers/filters): Citus plans a query on one shard only when all of
                # its tables are pinned alike; a mix of pinned and correlated ones it refuses.
                .where(
                    CustomerTag.tenant_id == env.tenant_id,
                    CustomerTag.customer_id == Customer.id,
                )
                .scalar_subquery()
            )
        elif name == "cards":
            expr = (
                select(func.string_agg(Card.number, ", "))
                .where(Card.tenant_id == env.tenant_id, Card.customer_id == Customer.id)
                .scalar_subquery()
            )
        else:
            sql = fields[name].sql
            assert sql is not None
            expr = sql(env)
        out.append(expr.label(f"c{i}"))
    return out


async def prepare(
    session: AsyncSession, ctx: Context, body: ExportRequest
) -> tuple[Any, list[str], int]:
    """Validate, count and log the export; the query to stream, its headers and row count."""
    fields = await fields_for(session, ctx.tenant_id)
    unknown = [
        c
        for c in body.columns
        if c != "cards" and (c not in fields or (fields[c].sql is None and c != "tags"))
    ]
    if unknown:
        raise ValidationFailed.field(
            ["body", "columns"], "unknown_column", f"Unknown column(s): {', '.join(unknown)}."
        )
    selection = search.Selection(
        filter=body.filter, q=body.q, segment_id=body.segment_id, ids=body.ids
    )
    where = await search.selection_where(
        session,
        ctx,
        await segments.resolve(session, ctx, selection),
        fields=fields,
        loc=["body", "filter"],
    )
    count = await session.scalar(select(func.count()).select_from(Customer).where(where)) or 0
    if body.format == "pdf" and count > PDF_MAX_ROWS:
        raise TooManyRowsForPdf(
            f"A PDF holds at most {PDF_MAX_ROWS} customers; this selection has {count}. Export CSV or XLSX."
        )
    keys = search.sort_keys(
        body.sort or "last_name", search.sortable_columns(fields, search.filter_env(ctx)), None
    )
    query = (
        select(*_column_exprs(body.columns, fields, ctx))
        .where(where)
        .order_by(*(k.expr.desc() if k.desc else k.expr.asc() for k in keys))
    )
    log_row = ExportLog(
        tenant_id=ctx.tenant_id,
        actor_type=ctx.principal.kind,
        actor_id=ctx.principal.id,
        actor_label=ctx.principal.label,
        format=body.format,
        selection=body.model_dump(
            mode="json", include={"ids", "filter", "q", "segment_id", "sort"}, exclude_none=True
        ),
        columns=list(body.columns),
        row_count=count,
    )
    session.add(log_row)
    await session.flush()
    # The export is built in this request and handed out with its answer: ready now.
    await outbox.emit(
        session, ctx.tenant_id, "export.ready",
        {"id": log_row.id, "format": body.format, "rows": count}, subject_id=None,
    )  # fmt: skip
    return query, labels.headers(body.columns, fields, locale_of(ctx, body)), count


def locale_of(ctx: Context, body: ExportRequest) -> str:
    """The file is the business's document: in the tenant's language unless asked otherwise."""
    return body.locale or ctx.tenant.locale


async def _rows(session: AsyncSession, query: Any) -> AsyncIterator[Sequence[Any]]:
    result = await session.stream(query.execution_options(yield_per=STREAM_BATCH))
    async for partition in result.partitions(STREAM_BATCH):
        for row in partition:
            yield tuple(row)


def _csv_text(expr: ColumnElement[Any]) -> ColumnElement[str]:
    """The value as the CSV shows it, rendered by PostgreSQL like `_plain` renders it."""
    kind = expr.type
    if isinstance(kind, DateTime):
        value = func.timezone("UTC", expr) if kind.timezone else expr
        zone = '"+00:00"' if kind.timezone else ""
        return func.to_char(value, f'YYYY-MM-DD"T"HH24:MI:SS{zone}')
    if isinstance(kind, Date):
        return func.to_char(expr, "YYYY-MM-DD")
    return cast(expr, Text)


def _csv_cell(expr: ColumnElement[Any]) -> ColumnElement[str]:
    """One quoted CSV field, neutralised; the value is referenced once so a subquery runs once."""
    value = _csv_text(expr)
    if not isinstance(expr.type, Integer | Float):  # numbers stay numbers, as in `_plain`
        value = func.regexp_replace(value, _FORMULA_PATTERN, "'\\1")
    return func.coalesce(literal('"') + func.replace(value, '"', '""') + literal('"'), "")


class _DeclareCursor(Executable, ClauseElement):
    """`DECLARE <name> NO SCROLL CURSOR FOR <select>`, its parameters bound as usual."""

    inherit_cache = False

    def __init__(self, name: str, statement: Any) -> None:
        self.name = name
        self.statement = statement


@compiles(_DeclareCursor, "postgresql")
def _compile_declare(element: _DeclareCursor, compiler: Any, **kw: Any) -> str:
    return f"DECLARE {element.name} NO SCROLL CURSOR FOR " + str(
        compiler.process(element.statement, **kw)
    )


async def stream_csv(
    session: AsyncSession, query: Any, head: list[str], delimiter: str
) -> AsyncIterator[bytes]:
    """The CSV, in constant memory: PostgreSQL renders each row as one finished CSV line
    (every field quoted, formulas neutralised) and a cursor hands them over in batches.

    The batches are fetched on the driver connection, inside this session's transaction:
    each line is one text value, so the ORM's per-row work would only cost time (a million
    rows stream in seconds).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in head])
    yield codecs.BOM_UTF8 + buffer.getvalue().encode()
    cells = [_csv_cell(c.element if isinstance(c, Label) else c) for c in query.selected_columns]
    lines = query.with_only_columns(func.concat_ws(literal(delimiter), *cells))
    # The export query's cost estimate would switch JIT on: ~0.4 s of compiling for no gain.
    await session.execute(text("SET LOCAL jit = off"))
    await session.execute(_DeclareCursor(_CSV_CURSOR, lines))
    raw = await (await session.connection()).get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    while batch := await driver.fetch(f"FETCH {CSV_BATCH} FROM {_CSV_CURSOR}"):
        yield ("\r\n".join(r[0] for r in batch) + "\r\n").encode()
    await driver.execute(f"CLOSE {_CSV_CURSOR}")


async def stream_xlsx(
    session: AsyncSession, query: Any, head: list[str], sheet_name: str = "Customers"
) -> AsyncIterator[bytes]:
    # constant_memory flushes each row to disk as it is written; the file is then streamed.
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        book = xlsxwriter.Workbook(
            path, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        sheet = book.add_worksheet(sheet_name[:31])
        bold = book.add_format({"bold": True})
        for col, title in enumerate(head):
            sheet.write_string(0, col, neutralise(title), bold)
        r = 1
        async for row in _rows(session, query):
            for col, value in enumerate(row):
                if isinstance(value, bool):
                    sheet.write_boolean(r, col, value)
                elif isinstance(value, int | Decimal | float):
                    sheet.write_number(r, col, float(value))
                elif value is not None:
                    sheet.write_string(r, col, neutralise(str(_plain(value))))
            r += 1
        book.close()
        with open(path, "rb") as fh:  # noqa: ASYNC230 - a local temp file, read in chunks
            while chunk := fh.read(65536):
                yield chunk
    finally:
        os.unlink(path)


async def render_pdf(session: AsyncSession, query: Any, head: list[str], title: str) -> bytes:
    pdf = FPDF(orientation="L", format="A4")
    for style, path in PDF_FONT_FILES.items():
        pdf.add_font(PDF_FONT, style, path)
    pdf.add_page()
    pdf.set_font(PDF_FONT, "B", size=11)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(PDF_FONT, size=7)
    heading_style = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    with pdf.table(
        text_align="LEFT", first_row_as_headings=True, headings_style=heading_style
    ) as table:
        heading = table.row()
        for h in head:
            heading.cell(h)
        async for row in _rows(session, query):
            line = table.row()
            for value in row:
                line.cell(str(_plain(value)))
    return bytes(pdf.output())


def file_name(fmt: str) -> str:
    return f"customers-{datetime.now().strftime('%Y%m%d-%H%M')}-{uuid.uuid4().hex[:6]}.{fmt}"


async def list_exports(
    session: AsyncSession, tenant_id: uuid.UUID, page: int, page_size: int
) -> tuple[list[ExportLog], int]:
    total = (
        await session.scalar(
            select(func.count()).select_from(ExportLog).where(ExportLog.tenant_id == tenant_id)
        )
        or 0
    )
    rows = await session.scalars(
        select(ExportLog)
        .where(ExportLog.tenant_id == tenant_id)
        .order_by(ExportLog.created_at.desc(), ExportLog.id)
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    return list(rows), total
