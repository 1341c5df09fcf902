"""The export is written to a temporary file first, then the file is sent.

Streaming straight from the database held a pooled connection and an open transaction for
as long as the client took to download (issue #18): a few slow downloads could take the
pool. Now the rows are read at database speed, bounded by MAX_ROWS and BUILD_SECONDS, the
unit of work ends with the route, and only the file is left to send.
"""

import asyncio
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import IO, Any

from anyio import to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import AppError, ValidationFailed
from app.exports import service

MAX_ROWS = 2_000_000
BUILD_SECONDS = 300
# Small exports stay in memory; larger ones roll over to a file on disk.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 256 * 1024


class TooManyRowsForExport(ValidationFailed):
    code = "too_many_rows_for_export"
    title = "Too many customers for one export"


class ExportTimeout(AppError):
    status = 503
    code = "export_timeout"
    title = "The export took too long to prepare"


async def build(
    session: AsyncSession,
    fmt: str,
    query: Any,
    head: list[str],
    *,
    count: int,
    delimiter: str,
    title: str,
    sheet: str = "Customers",
) -> IO[bytes]:
    """The whole export in a spooled temporary file, rewound; the caller closes it."""
    if count > MAX_ROWS:
        raise TooManyRowsForExport(
            f"An export holds at most {MAX_ROWS} customers; this selection has {count}."
        )
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")
    try:
        async with asyncio.timeout(BUILD_SECONDS):
            if fmt == "pdf":
                out.write(await service.render_pdf(session, query, head, title))
            else:
                chunks = (
                    service.stream_xlsx(session, query, head, sheet)
                    if fmt == "xlsx"
                    else service.stream_csv(session, query, head, delimiter)
                )
                async for chunk in chunks:
                    out.write(chunk)
    except TimeoutError:
        out.close()
        raise ExportTimeout(
            f"Building the file took over {BUILD_SECONDS} s; narrow the selection."
        ) from None
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def size(file: IO[bytes]) -> int:
    end = file.seek(0, 2)
    file.seek(0)
    return end


async def send(file: IO[bytes], done: Callable[[], Awaitable[None]]) -> AsyncIterator[bytes]:
    """The file in chunks (read off the event loop); then `done`, and the file is closed,
    also when the client goes away mid-download."""
    try:
        while chunk := await to_thread.run_sync(file.read, CHUNK):
            yield chunk
    finally:
        file.close()
        await done()
