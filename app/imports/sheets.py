"""Spreadsheets are read in a child process whose memory is capped.

python-calamine reads a whole sheet into memory, and when an allocation fails Rust aborts the
process: nothing to catch. So the API (detecting an upload) and the worker (reading every
row) never read a spreadsheet themselves: a child process (`python -m app.imports.sheets`)
checks it (`guard.py`), reads it under `RLIMIT_AS`, and hands back the sample rows as JSON,
or every row as a CSV file that the reference CSV reader then reads. A child that dies is a
`sheet_too_large` problem of that one file.
"""

import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import structlog
from python_calamine import CalamineWorkbook

from app.imports.guard import FileProblem, check_xls, check_zip, write_sample_copy

# Address space of the child: Python, calamine and a sheet at `guard.MAX_CELLS`.
MAX_MEMORY = 4 * 1024 * 1024 * 1024
# Children of one process at a time: each may take MAX_MEMORY.
_SLOTS = threading.BoundedSemaphore(2)
SAMPLE_TIMEOUT = 120
CSV_TIMEOUT = 1800
_ROOT = Path(__file__).resolve().parents[2]
log = structlog.get_logger()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _rows(path: Path) -> Any:
    """Every row from A1 on: calamine's rows start at the top-left cell holding a value,
    which differs between a sample's copy and the whole sheet (a value in column A on row
    9000); positions from A1 are the same in both."""
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        if sheet.start is None:
            return
        top, left = sheet.start
        for _ in range(top):
            yield []
        for cells in sheet.iter_rows():
            yield [""] * left + [_cell(v) for v in cells]
    except FileProblem:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise FileProblem("unreadable_file", f"The spreadsheet cannot be read: {exc}") from None


def _check(path: Path, file_type: str, *, every_cell: bool) -> Any:
    if file_type == "xls":
        check_xls(path)
        return None
    return check_zip(path, every_cell=every_cell)


def _sample(path: Path, file_type: str, rows: int) -> list[list[str]]:
    """The first `rows` rows; of an .xlsx, read from a copy cut after its first rows."""
    extent = _check(path, file_type, every_cell=False)
    if extent is not None and extent.prefix is not None and extent.closing:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "sample.xlsx"
            write_sample_copy(path, extent, copy)
            out = _first(_rows(copy), rows)
        if any(any(c.strip() for c in r) for r in out):
            return out
    return _first(_rows(path), rows)


def _first(rows: Any, n: int) -> list[list[str]]:
    """The rows up to the `n`th from the first one that is not blank."""
    out: list[list[str]] = []
    counted = 0
    for row in rows:
        out.append(row)
        counted += 1 if counted or any(c.strip() for c in row) else 0
        if counted >= n:
            break
    return out


def _to_csv(path: Path, file_type: str, out: Path) -> int:
    """Every row of the first sheet into `out` (UTF-8 CSV); how many rows."""
    _check(path, file_type, every_cell=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in _rows(path):
            writer.writerow(row)
            n += 1
    return n


def _child(request: dict[str, Any]) -> dict[str, Any]:
    resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
    path, file_type = Path(request["path"]), request["file_type"]
    try:
        if request["op"] == "sample":
            return {"rows": _sample(path, file_type, request["rows"])}
        return {"rows": _to_csv(path, file_type, Path(request["out"]))}
    except FileProblem as exc:
        return {"problem": [exc.code, exc.message]}
    except MemoryError:
        return {"problem": list(_TOO_LARGE)}


_TOO_LARGE = (
    "sheet_too_large",
    "The spreadsheet needs more memory to read than an import may use: save it as CSV.",
)


def _run(request: dict[str, Any], timeout: float) -> dict[str, Any]:
    paths = [str(_ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    request = {"memory": MAX_MEMORY, **request}
    try:
        with _SLOTS:
            proc = subprocess.run(
                [sys.executable, "-m", "app.imports.sheets", json.dumps(request)],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                env=env,
                check=False,
            )
    except subprocess.TimeoutExpired:
        raise FileProblem(
            "unreadable_file", "The spreadsheet takes too long to read: save it as CSV."
        ) from None
    if proc.returncode != 0 or not proc.stdout:
        # An allocation over the cap aborts Rust (a signal) or raises MemoryError in Python.
        if proc.returncode < 0 or b"memory" in proc.stderr.lower():
            raise FileProblem(*_TOO_LARGE)
        log.warning(
            "import.sheet_reader_failed", stderr=proc.stderr[-2000:].decode(errors="replace")
        )
        raise FileProblem("unreadable_file", "The spreadsheet cannot be read.")
    result: dict[str, Any] = json.loads(proc.stdout)
    if "problem" in result:
        raise FileProblem(*result["problem"])
    return result


def sample_rows(path: Path, file_type: str, rows: int) -> list[list[str]]:
    """The first `rows` rows of the first sheet, read and checked in a capped child."""
    out: list[list[str]] = _run(
        {"op": "sample", "path": str(path), "file_type": file_type, "rows": rows}, SAMPLE_TIMEOUT
    )["rows"]
    return out


def to_csv(path: Path, file_type: str, out: Path) -> int:
    """Every row of the first sheet as a UTF-8 CSV file, written by a capped child."""
    request = {"op": "csv", "path": str(path), "file_type": file_type, "out": str(out)}
    rows: int = _run(request, CSV_TIMEOUT)["rows"]
    return rows


if __name__ == "__main__":
    sys.stdout.write(json.dumps(_child(json.loads(sys.argv[1]))))
