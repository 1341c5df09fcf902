"""What kind of file this is: type, encoding, delimiter, header; and reading its rows.

`iter_rows` is the reference reader of a CSV file: the stdlib `csv` reader, which numbers
rows exactly (a quoted multi-line value is one row) and reports malformed text. The preview
reads a well-formed file with polars instead (`frames.py`, many times faster, held to give
the same rows) and falls back to this one for anything else. Spreadsheets are checked and read
by python-calamine in a memory-capped child process (`sheets.py`): a sample for detection,
every row as a CSV file for the rest.
"""

import codecs
import csv
import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from app.imports import sheets
from app.imports.guard import FileProblem

__all__ = ["FileProblem"]  # raised by every reader; defined where the child can import it

SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")
MAX_FIELD = 2 * 1024 * 1024
# Rows of a spreadsheet read for detection: blank ones, the header and samples.
SAMPLE_ROWS = 50
SPREADSHEETS = ("xlsx", "xls", "ods")
ENCODINGS = ("cp1250", "cp1251", "cp1252", "iso8859_2")
# What a user may choose instead of what was detected.
CHOOSABLE_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", *ENCODINGS)

csv.field_size_limit(MAX_FIELD)


@dataclass
class Detected:
    file_type: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 0
    header: list[str] = field(default_factory=list)
    samples: list[list[str]] = field(default_factory=list)


def file_type_of(name: str, head: bytes) -> str:
    """By content first (magic bytes), by extension for plain text."""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        return "ods" if name.lower().endswith(".ods") else "xlsx"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in SPREADSHEETS:
        raise FileProblem("unreadable_file", f"The file is not a valid .{ext} spreadsheet.")
    return "csv"


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise FileProblem("binary_file", "The file is not text: it looks like binary data.")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # On a tie (the text uses only letters both encodings share) the earlier, more common
    # encoding wins: the decoded text is the same either way.
    scored = [
        (score, -rank, enc)
        for rank, enc in enumerate(ENCODINGS)
        if (score := _plausibility(sample, enc)) is not None
    ]
    if scored:
        return max(scored)[2]
    best = from_bytes(sample, cp_isolation=list(ENCODINGS)).best()
    if best is None:
        raise FileProblem("unknown_encoding", "The text encoding of the file is not recognised.")
    return str(best.encoding)


_POLISH = set("ąęłóśźżĄĘŁÓŚŹŻ")
# ń and ć sit at the bytes where Windows-1252 has ñ and æ: they weigh as much as those, so
# a tie (a file whose only such letters are these) goes to Windows-1250, ranked first, and
# any other Polish letter, or a Western one like ø or à, settles it.
_POLISH_AMBIGUOUS = set("ćńĆŃ")


def _plausibility(sample: bytes, encoding: str) -> float | None:
    """How natural the decoded text looks: letters of the expected alphabets score, symbols
    and Cyrillic glued to Latin letters (a cp1250 file read as cp1251) cost. Short files
    defeat statistical detectors, so this decides between the few 8-bit candidates."""
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    score = 0.0
    prev = ""
    for ch in text:
        if ord(ch) > 127:
            cyr = "\u0400" <= ch <= "\u04ff"
            if ch in _POLISH:
                score += 1
            elif ch in _POLISH_AMBIGUOUS:
                score += 0.5
            elif "\u00c0" <= ch <= "\u00ff" and ch.isalpha():
                score += 0.5  # Latin-1 letters: Western European names
            elif cyr:
                score += -3 if prev.isascii() and prev.isalpha() else 1
            elif ch.isalpha():
                score += 0.2
            else:
                score -= 3
        prev = ch
    return score


def _decode_sample(sample: bytes, encoding: str) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
    # Drop the last, possibly cut, line.
    return text.rsplit("\n", 1)[0] if len(sample) == SAMPLE_BYTES else text


def detect_delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=d)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        consistent = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = consistent * 1000 + counts[0]
        if score > best_score:
            best, best_score = d, score
    return best


@dataclass
class ReadPosition:
    """How far a reader got: bytes of a CSV, rows of a spreadsheet; for progress in one pass."""

    done: int = 0
    total: int = 0


def _raw_rows(path: Path, d: Detected, pos: ReadPosition | None = None) -> Iterator[list[str]]:
    pos = pos or ReadPosition()
    if d.file_type in SPREADSHEETS:
        with tempfile.TemporaryDirectory(prefix="kartoteka-sheet-") as tmp:
            text = Path(tmp) / "sheet.csv"
            rows = sheets.to_csv(path, d.file_type, text)
            pos.total = rows or 1
            with text.open(encoding="utf-8", newline="") as fh:
                for n, row in enumerate(csv.reader(fh), 1):
                    pos.done = n
                    yield row
        return
    assert d.encoding
    assert d.delimiter
    pos.total = path.stat().st_size or 1
    with (
        path.open("rb") as raw,
        io.TextIOWrapper(raw, encoding=d.encoding, errors="replace", newline="") as fh,
    ):
        reader = csv.reader(fh, delimiter=d.delimiter, quotechar='"', strict=True)
        try:
            for row in reader:
                pos.done = raw.tell()
                yield row
        except csv.Error as exc:
            raise FileProblem(
                "malformed_csv", f"The file cannot be read past row {reader.line_num}: {exc}."
            ) from None


def _blank(row: list[str]) -> bool:
    return not any(c.strip() for c in row)


def iter_rows(
    path: Path, d: Detected, pos: ReadPosition | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(row number, fields) of the data rows: 1 = the first row after the header."""
    row_no = 0
    lead = 0
    for i, row in enumerate(_raw_rows(path, d, pos)):
        if i == d.header_row:
            lead = _leading_blanks(row, d)
        if i <= d.header_row or _blank(row := row[lead:]):
            continue
        row_no += 1
        yield row_no, row


def _leading_blanks(header: list[str], d: Detected) -> int:
    """Empty cells before a spreadsheet's header (rows are read from column A); the columns
    left of it are not part of the table."""
    if d.file_type not in SPREADSHEETS:
        return 0
    return next((k for k, h in enumerate(header) if h.strip()), 0)


def detect(
    path: Path, name: str, *, encoding: str | None = None, delimiter: str | None = None
) -> Detected:
    """Type, encoding, delimiter, header row and a few sample rows of a stored upload;
    `encoding` and `delimiter`, when given, are used instead of detecting them."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if not sample.strip():
        raise FileProblem("empty_file", "The file is empty.")
    d = Detected(file_type=file_type_of(name, sample[:8]))
    if d.file_type == "csv":
        d.encoding = encoding or detect_encoding(sample)
        d.delimiter = delimiter or detect_delimiter(_decode_sample(sample, d.encoding))
    # Only the first rows of a spreadsheet are read (in the capped child); a CSV stops early.
    raw = (
        iter(sheets.sample_rows(path, d.file_type, SAMPLE_ROWS))
        if d.file_type in SPREADSHEETS
        else _raw_rows(path, d)
    )
    rows: list[list[str]] = []
    for i, row in enumerate(raw):
        if not rows and _blank(row):
            continue
        if not rows:
            d.header_row = i
        rows.append(row)
        if len(rows) > 5:
            break
    if not rows:
        raise FileProblem("empty_file", "The file has no rows.")
    lead = _leading_blanks(rows[0], d)
    rows = [r[lead:] for r in rows]
    header = [h.strip() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    validate_header(header)
    d.header = header
    # Shown as they are (a NUL, which PostgreSQL cannot hold, left out): the rows' own check
    # makes a row error of such a cell (validate.py).
    d.samples = [[c.replace("\x00", "") for c in r] for r in rows[1:]]
    return d


def validate_header(header: list[str]) -> None:
    if len(header) < 1 or not any(header):
        raise FileProblem("no_header", "The first row must name the columns.")
    if any(not h for h in header):
        raise FileProblem("no_header", "Every column needs a name in the first row.")
    if any("\x00" in h for h in header):
        # Binary data, or text read in an encoding it is not in (`encoding=` skips detection).
        raise FileProblem("binary_file", "The first row holds a NUL character: is it text?")
    if any(len(h) > 300 for h in header):
        raise FileProblem("no_header", "The first row does not look like column names.")
    seen: set[str] = set()
    for h in header:
        if h.lower() in seen:
            raise FileProblem("duplicate_header", f"The column name {h!r} appears twice.")
        seen.add(h.lower())
