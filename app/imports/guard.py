"""What reading a spreadsheet may cost, checked before python-calamine reads it.

- A zip (.xlsx, .ods) is inflated here, member by member, with zlib and a byte budget: the
  sizes its directory declares can lie (calamine's zip reader inflates the real stream).
- The first sheet of an .xlsx is scanned for the corners of its cells: calamine makes a dense
  grid of (rows x columns) between them, so A1 and XFD1048576 in a 5 KB file ask for
  hundreds of GB and abort the process. Its first rows are kept to read a sample from.
- An .xls (OLE2) gets a size and header check.
Stdlib only: it runs in the memory-capped child process of `sheets.py`.
"""

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

# A spreadsheet may inflate to at most this much, and past RATIO_FROM to at most MAX_RATIO
# times its size (real bytes, counted while inflating).
MAX_UNZIPPED = 1024 * 1024 * 1024
RATIO_FROM = 50 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000
# Cells of the grid between the corners of the first sheet: 32 bytes each in calamine, plus
# the list of cells it was built from (~2.3 GB at this bound, under the child's memory cap).
MAX_CELLS = 25_000_000
MAX_XLS_BYTES = 100 * 1024 * 1024
CHUNK = 256 * 1024
# A sample of an .xlsx is read from a copy of the first sheet cut after this many rows.
SAMPLE_ROWS = 50
MAX_PREFIX = 16 * 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")


class FileProblem(Exception):
    """The file cannot be imported; `code` is the problem's machine code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _damaged() -> FileProblem:
    return FileProblem("unreadable_file", "The spreadsheet is damaged.")


def _too_large(cells: int) -> FileProblem:
    return FileProblem(
        "sheet_too_large",
        f"The first sheet spans {cells:,} cells (at most {MAX_CELLS:,}): "
        "delete the cells far outside the table, or save it as CSV.",
    )


def inflate(fh: BinaryIO, info: zipfile.ZipInfo, file_size: int) -> Iterator[bytes]:
    """The member's real bytes, from its compressed stream (not its declared size)."""
    fh.seek(info.header_offset)
    signature, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise _damaged()
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    left = min(info.compress_size, file_size)
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0 and (data := fh.read(min(CHUNK, left))):
            left -= len(data)
            yield data
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise FileProblem("unreadable_file", "The spreadsheet is compressed in an unusual way.")
    z = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        while left > 0 and not z.eof and (data := fh.read(min(CHUNK, left))):
            left -= len(data)
            while True:  # at most CHUNK out per call: a bomb never sits in memory whole
                out = z.decompress(data, CHUNK)
                data = z.unconsumed_tail
                if out:
                    yield out
                if z.eof or (not data and len(out) < CHUNK):
                    break
    except zlib.error:
        raise _damaged() from None
    if not z.eof:
        raise _damaged()


@dataclass
class Extent:
    """The corners of an .xlsx sheet's cells, and its text up to the end of row SAMPLE_ROWS.

    Every cell is scanned when `full` (before every row is read); otherwise only the declared
    `<dimension>` and the first rows (enough before reading a sample of them)."""

    sheet: str
    full: bool = False
    top: int = -1
    bottom: int = -1
    left: int = -1
    right: int = -1
    prefix: list[bytes] | None = field(default_factory=list)
    prefix_size: int = 0
    rows_closed: int = 0
    closing: bytes = b""
    _ns: bytes = b""
    _row: int = -1
    _col: int = -1
    _carry: bytes = b""

    @property
    def cells(self) -> int:
        return 0 if self.top < 0 else (self.bottom - self.top + 1) * (self.right - self.left + 1)

    def feed(self, data: bytes) -> None:
        if self.closing and not self.full:
            return
        buf = self._carry + data
        end = buf.rfind(b">") + 1  # whole tags only; the rest waits for the next piece
        self._carry = buf[end:]
        if len(self._carry) > MAX_PREFIX:
            raise _damaged()
        done = buf[:end]
        if self.prefix is not None and not self.closing:
            cut = self._scan_tags(done, stop_at_sample=True)
            self._keep(done[:cut] if cut is not None else done, closed=cut is not None)
        elif self.full and not self._scan_refs(done):
            self._scan_tags(done)
        if self.cells > MAX_CELLS:
            raise _too_large(self.cells)

    def _scan_tags(self, text: bytes, *, stop_at_sample: bool = False) -> int | None:
        """Tag by tag (exact for cells without `r`); where row SAMPLE_ROWS ends, if asked."""
        cut = None
        for m in _TAG.finditer(text):
            self._tag(m)
            if stop_at_sample and cut is None and self.rows_closed == SAMPLE_ROWS:
                cut = m.end()
                if not self.full:
                    break
        return cut

    def _scan_refs(self, text: bytes) -> bool:
        """The corners from the `r` of every cell in one regex pass (tag by tag, a million
        rows take many seconds); False if some cell has no `r` (then tag by tag)."""
        refs = self._refs.findall(text)
        if len(refs) != text.count(b"<" + self._ns + b"c"):  # also <col>, <cfRule>: rare
            return False
        if refs:
            cols = [_column(c) for c in {c for c, _ in refs}]
            rows = [int(r) - 1 for r in {r for _, r in refs}]
            self._corner(max(min(rows), 0), min(cols))
            self._corner(max(rows), max(cols))
            self._row, self._col = int(refs[-1][1]) - 1, _column(refs[-1][0])
        return True

    @property
    def _refs(self) -> re.Pattern[bytes]:
        # A literal start (`<c `) keeps the regex engine on its fast path.
        ns = re.escape(self._ns)
        return re.compile(rb"<" + ns + rb'c\s[^>]*?\br\s*=\s*["\']\$?([A-Z]{1,4})\$?(\d{1,9})["\']')

    def _keep(self, text: bytes, *, closed: bool) -> None:
        assert self.prefix is not None
        self.prefix.append(text)
        self.prefix_size += len(text)
        if closed:
            self.closing = b"</%ssheetData></%sworksheet>" % (self._ns, self._ns)
        elif self.prefix_size > MAX_PREFIX:
            self.prefix = None  # rows too long to copy: the sample reads the whole sheet

    def _tag(self, m: re.Match[bytes]) -> None:
        ns, name, attrs = m.group(1) or b"", m.group(2), m.group(3)
        if name == b"sheetData":
            self._ns = ns
        elif name == b"dimension":
            self._declared(attrs)
        elif name == b"row":
            r = _ROW_REF.search(attrs)
            self._row = int(r.group(1)) - 1 if r else self._row + 1
            self._col = -1
            if attrs.endswith(b"/"):
                self.rows_closed += 1
        elif name == b"/row":
            self.rows_closed += 1
        elif name == b"c":
            ref = _CELL_REF.search(attrs)
            row = self._row
            if ref:
                self._col = _column(ref.group(1))
                row = int(ref.group(2)) - 1
            else:
                self._col += 1
            self._corner(max(row, 0), self._col)

    def _declared(self, attrs: bytes) -> None:
        """`<dimension ref="A1:XFD1048576"/>`: the writer's own word for the cells' corners."""
        ref = _DIMENSION.search(attrs)
        if ref and ref.group(3):
            c1, r1, c2, r2 = ref.groups()
            rows = abs(int(r2) - int(r1)) + 1
            cells = rows * (abs(_column(c2) - _column(c1)) + 1)
            if cells > MAX_CELLS:
                raise _too_large(cells)

    def _corner(self, row: int, col: int) -> None:
        if self.top < 0:
            self.top = self.bottom = row
            self.left = self.right = col
            return
        self.top, self.bottom = min(self.top, row), max(self.bottom, row)
        self.left, self.right = min(self.left, col), max(self.right, col)


_TAG = re.compile(rb"<([\w.-]+:)?(sheetData|dimension|row|/row|c)\b([^>]*)>")
_ROW_REF = re.compile(rb'\br\s*=\s*["\'](\d{1,9})["\']')
_DIMENSION = re.compile(
    rb'\bref\s*=\s*["\']\$?([A-Za-z]{1,4})\$?(\d{1,9})(?::\$?([A-Za-z]{1,4})\$?(\d{1,9}))?'
)
_CELL_REF = re.compile(rb'\br\s*=\s*["\']\$?([A-Za-z]{1,4})\$?(\d{1,9})["\']')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n - 1


_SHEET = re.compile(rb'<(?:[\w.-]+:)?sheet\b[^>]*?\b[\w.-]+:id\s*=\s*"([^"]+)"')
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>")
_REL_ID = re.compile(rb'\bId\s*=\s*"([^"]+)"')
_REL_TARGET = re.compile(rb'\bTarget\s*=\s*"([^"]+)"')


def _first_sheet(zf: zipfile.ZipFile, fh: BinaryIO, size: int) -> str | None:
    """The path of the workbook's first sheet, which calamine reads as sheet 0."""
    names = set(zf.namelist())

    def text(name: str) -> bytes:
        out = b""
        for chunk in inflate(fh, zf.getinfo(name), size) if name in names else ():
            out += chunk
            if len(out) > MAX_PREFIX:
                return b""  # no ordinary workbook part is this long: the budget decides
        return out

    sheet = _SHEET.search(text("xl/workbook.xml"))
    if sheet is None:
        return None
    for rel in _RELATIONSHIP.finditer(text("xl/_rels/workbook.xml.rels")):
        ident = _REL_ID.search(rel.group(0))
        target = _REL_TARGET.search(rel.group(0))
        if ident and target and ident.group(1) == sheet.group(1):
            path = target.group(1).decode()
            return path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return None


def check_zip(path: Path, *, every_cell: bool = False) -> Extent | None:
    """Inflate every member within the budget; the first sheet's extent of an .xlsx (from
    every cell, or from its declared dimension and first rows)."""
    size = path.stat().st_size
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _damaged() from None
    with zf, path.open("rb") as fh:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FileProblem("zip_bomb", "The spreadsheet holds too many parts; refused.")
        sheet = _first_sheet(zf, fh, size)
        extent = Extent(sheet, full=every_cell) if sheet else None
        total = 0
        for info in infos:
            real = 0
            for chunk in inflate(fh, info, size):
                real += len(chunk)
                total += len(chunk)
                if total > MAX_UNZIPPED or (total > RATIO_FROM and total > MAX_RATIO * size):
                    raise FileProblem(
                        "zip_bomb",
                        "The spreadsheet unpacks to far more data than it holds; refused.",
                    )
                if extent is not None and info.filename == extent.sheet:
                    extent.feed(chunk)
            if real != info.file_size:
                raise FileProblem(
                    "zip_size_mismatch",
                    "The spreadsheet's archive declares other sizes than it holds; refused.",
                )
    return extent


def check_xls(path: Path) -> None:
    """A legacy .xls: not larger than any real one, and a sane OLE2 header."""
    size = path.stat().st_size
    if size > MAX_XLS_BYTES:
        raise FileProblem(
            "file_too_large",
            f"An .xls file may be at most {MAX_XLS_BYTES // 2**20} MB: save it as .xlsx or CSV.",
        )
    with path.open("rb") as fh:
        header = fh.read(512)
    if len(header) < 512 or size % 512 != 0:
        raise _damaged()
    byte_order, sector_shift, mini_shift = struct.unpack_from("<HHH", header, 28)
    if byte_order != 0xFFFE or sector_shift not in (9, 12) or mini_shift != 6:
        raise _damaged()


def write_sample_copy(path: Path, extent: Extent, out: Path) -> None:
    """The workbook with its first sheet cut after SAMPLE_ROWS rows (members now trusted)."""
    assert extent.prefix is not None
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            if info.filename == extent.sheet:
                zout.writestr(info.filename, b"".join(extent.prefix) + extent.closing)
                continue
            with zin.open(info) as src, zout.open(info.filename, "w") as dst:
                while data := src.read(CHUNK):
                    dst.write(data)
