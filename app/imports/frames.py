"""A CSV file's data rows as polars frames: the preview's fast path.

The stdlib reader (`detect.iter_rows`) is the reference: it numbers rows exactly and reports
malformed files. Polars parses the same text in Rust many times faster, and agrees with it on
well-formed text: every quote opens a field, closes it, or is doubled inside it; lines end in
LF or CRLF. Each piece of text is checked for that before polars reads it; anything else
(a stray quote, text after a closing quote, an unterminated quote, a bare CR, a row with far
more fields than the header, a field over the reader's limit) raises `NotPlain`, and the caller
reads the whole file the reference way instead.
"""

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from app.imports.detect import DELIMITERS, MAX_FIELD, Detected, ReadPosition
from app.imports.validate import ROW, data_column, error_frame, wrong_field_count

READ_BYTES = 2**20
# Text handed to polars at once: ~35,000 rows of a typical export (each in flight holds a
# few times its size in memory; more pieces overlap the database's work more finely).
PIECE_CHARS = 4 * 2**20
# A quoted value may span pieces; one longer than this is no plain file.
MAX_CARRY = 4 * MAX_FIELD
# Fields past the header's width polars reads (a row with even more is `NotPlain`): exports
# often end every row with a delimiter, and a few more tell a wrong row from a trailing one.
EXTRA_COLUMNS = 8
# Characters on which the two readers could disagree: separators that Python's str.strip()
# takes for whitespace but Rust's does not (they decide whether a row is blank); and bare CR
# (a line end for the stdlib reader, not for polars). \x01 marks quoted fields below.
_SUSPECT_BYTES = (b"\x01", b"\x1c", b"\x1d", b"\x1e", b"\x1f")


class NotPlain(Exception):
    """The text is not plainly well-formed: read the file with the reference reader."""


def _quoted(delimiter: str) -> str:
    # A quoted field: a quote at the start of a field, any text with doubled quotes, a quote.
    return f'(^|[{delimiter}\\n])"(?:[^"]|"")*"'


def check_plain(text: str, delimiter: str) -> None:
    """Raise `NotPlain` unless every quote of `text` (whole lines) is plainly placed."""
    _check_plain(text.encode("utf-8"), delimiter)


def _check_plain(data: bytes, delimiter: str) -> None:
    # Byte searches (memchr speed) for what most files never hold; regexes only for quotes.
    bare_cr = b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    if bare_cr or any(c in data for c in _SUSPECT_BYTES):
        raise NotPlain("suspect characters")
    if b'"' not in data:
        return
    s = pl.Series([data], dtype=pl.Binary).cast(pl.String)
    bare = s.str.replace_all(_quoted(delimiter), "${1}\x01")
    if bare.str.contains(f'"|\x01[^{delimiter}\\r\\n]').item():
        raise NotPlain("a quote out of place")


def _cut(buf: str, end: int) -> int:
    """The end of the last whole line of `buf[:end]` outside quotes (an even number of quotes
    before it); 0 if none. Only meaningful for plainly quoted text, which `check_plain` then
    confirms."""
    p = buf.rfind("\n", 0, end)
    quotes = buf.count('"', 0, p + 1)
    while p >= 0:
        if quotes % 2 == 0:
            return p + 1
        q = buf.rfind("\n", 0, p)
        quotes -= buf.count('"', q + 1, p + 1)
        p = q
    return 0


def _pieces(path: Path, encoding: str, pos: ReadPosition) -> Iterator[str]:
    """The decoded text in pieces of about `PIECE_CHARS`, each ending at a line end."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    buf, want = "", PIECE_CHARS
    pos.total = path.stat().st_size or 1
    with path.open("rb") as fh:
        while True:
            # Decoded blocks are joined once a piece's worth is read (not added one by one:
            # that copies the growing text again for every block).
            blocks, size = [buf], len(buf)
            while size < want and (block := fh.read(READ_BYTES)):
                blocks.append(decoder.decode(block))
                size += len(blocks[-1])
            pos.done = fh.tell()
            buf = "".join(blocks)
            if size < want:
                break  # the end of the file
            end = _cut(buf, PIECE_CHARS) or _cut(buf, len(buf))
            if end:
                yield buf[:end]
                buf, want = buf[end:], PIECE_CHARS
            elif len(buf) > MAX_CARRY:
                raise NotPlain("a value spans too much text")
            else:
                want = len(buf) + 1  # a quoted value goes on: read on
        buf += decoder.decode(b"", final=True)
    if buf:
        yield buf


def _parse(data: bytes, delimiter: str, columns: list[str]) -> pl.DataFrame:
    # A first line of as many fields as `columns` fixes how many polars reads; rows with fewer
    # get nulls, rows with more fail.
    first = (delimiter.join("x" * len(columns)) + "\n").encode()
    try:
        df = pl.read_csv(
            io.BytesIO(first + data),
            has_header=False,
            separator=delimiter,
            quote_char='"',
            infer_schema=False,
            truncate_ragged_lines=False,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError as exc:
        raise NotPlain(str(exc)) from None
    if df.width != len(columns):
        raise NotPlain("unexpected width")
    df.columns = columns
    df = df.slice(1)
    # Bytes bound characters from above: count characters only when some field may be over.
    if _longest(df, pl.all().str.len_bytes()) > MAX_FIELD:
        if _longest(df, pl.all().str.len_chars()) > MAX_FIELD:
            raise NotPlain("a field over the limit")
    return df


def _longest(df: pl.DataFrame, lengths: pl.Expr) -> int:
    return int(df.select(pl.max_horizontal(lengths.max())).item() or 0) if df.height else 0


def csv_frames(
    path: Path, d: Detected, pos: ReadPosition | None = None
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """Chunks of the data rows as `frame_of_rows` makes them from the reference reader: a frame
    of `ROW` (1 = the first row after the header, blank rows not counted) and a column per
    header position, and the errors of the rows with more values than the header."""
    assert d.encoding
    assert d.delimiter
    if d.delimiter not in DELIMITERS:
        raise NotPlain("unusual delimiter")
    pos = pos or ReadPosition()
    width = len(d.header)
    columns = [data_column(k) for k in range(width + EXTRA_COLUMNS)]
    before = 0  # data rows in the earlier pieces
    header_seen = False
    for text in _pieces(path, d.encoding, pos):
        try:
            data = text.encode("utf-8")
        except UnicodeError:
            raise NotPlain("not encodable") from None
        _check_plain(data, d.delimiter)
        df = _parse(data, d.delimiter, columns)
        blank = pl.all_horizontal(
            pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in columns
        )
        df = df.filter(~blank)
        if not header_seen and df.height:
            header_seen = True
            df = df.slice(1)
        df = df.select(
            pl.int_range(before + 1, before + 1 + df.height, dtype=pl.Int64).alias(ROW), *columns
        )
        before += df.height
        extra = pl.any_horizontal(
            pl.col(c).is_not_null() & (pl.col(c).str.strip_chars() != "") for c in columns[width:]
        )
        wrong = df.filter(extra)
        errors = [
            wrong_field_count(row[0], [v or "" for v in row[1:]], width)
            for row in wrong.iter_rows()
        ]
        yield (
            df.filter(~extra).select(ROW, *columns[:width]),
            error_frame([e for e in errors if e is not None]),
        )
