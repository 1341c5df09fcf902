"""The polars reader (fast path) against the stdlib reader (the reference): wherever the fast
path reads a file, both give the same rows, row numbers, errors and staging rows."""

import codecs
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.imports import frames
from app.imports.detect import Detected, FileProblem, detect, iter_rows
from app.imports.frames import NotPlain, check_plain, csv_frames
from app.imports.mapping import suggest_columns
from app.imports.schemas import Mapping
from app.imports.validate import (
    ROW,
    Spec,
    duplicates_in_file,
    frame_of_rows,
    validate_frame,
)

HEADER = ["Imię", "E-mail", "Telefon", "Tagi"]


def _detected(path: Path, delimiter: str = ";", encoding: str = "utf-8") -> Detected:
    return detect(path, "k.csv", encoding=encoding, delimiter=delimiter)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "k.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _reference(path: Path, d: Detected) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame, wrong = frame_of_rows(list(iter_rows(path, d)), len(d.header))
    return frame, wrong


def _fast(path: Path, d: Detected) -> tuple[pl.DataFrame, pl.DataFrame]:
    chunks = list(csv_frames(path, d))
    return pl.concat([f for f, _ in chunks]), pl.concat([w for _, w in chunks])


def _same_cells(frame: pl.DataFrame) -> pl.DataFrame:
    # The stdlib reader gives "" where polars gives null (an empty field): the same value
    # to everything after (every value is stripped, and empty means none).
    return frame.with_columns(pl.exclude(ROW).fill_null(""))


def _staged(
    d: Detected, frames_and_errors: list[tuple[pl.DataFrame, pl.DataFrame]]
) -> tuple[list, list]:  # type: ignore[type-arg]
    spec = Spec(header=d.header, mapping=Mapping(columns=suggest_columns(d.header, {})))
    valid, errors = [], []
    for frame, wrong in frames_and_errors:
        result = validate_frame(frame, spec)
        valid += result.valid.rows()
        errors += [*wrong.rows(), *result.errors.rows()]
    return valid, sorted(errors + duplicates_in_file(spec).rows(), key=str)


def assert_readers_agree(path: Path, d: Detected) -> None:
    fast_frame, fast_wrong = _fast(path, d)
    ref_frame, ref_wrong = _reference(path, d)
    assert _same_cells(fast_frame).rows() == _same_cells(ref_frame).rows()
    assert fast_wrong.rows() == ref_wrong.rows()
    assert _staged(d, list(csv_frames(path, d))) == _staged(d, [_reference(path, d)])


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of a few lines, so that quoted values straddle where the text is cut."""
    monkeypatch.setattr(frames, "PIECE_CHARS", 40)
    monkeypatch.setattr(frames, "READ_BYTES", 16)


TRICKY = {
    "crlf and a blank line": "Imię;E-mail\r\nAnna;a@x.pl\r\n\r\nJan;j@x.pl\r\n",
    "quoted delimiter, quote and newline": (
        'Imię;E-mail;Telefon\n"Kowalska; Anna";a@x.pl;"600\n123"\n"O""Hara";o@x.pl;\n'
    ),
    "quoted crlf inside a value": 'Imię;E-mail\n"Anna\r\nMaria";a@x.pl\n',
    "blank rows of delimiters and spaces": "Imię;E-mail\n;;\n   \nAnna;a@x.pl\n ; \n",
    "blank lines before the header": "\n\n;\nImię;E-mail\nAnna;a@x.pl\n",
    "more and fewer fields": (
        "Imię;E-mail;Telefon;Tagi\nAnna;a@x.pl\nJan;j@x.pl;600123456;VIP;extra;\nOla;o@x.pl;;;\n"
    ),
    "trailing delimiters everywhere": "Imię;E-mail;\nAnna;a@x.pl;\nJan;j@x.pl;;;;\n",
    "no newline at the end": "Imię;E-mail\nAnna;a@x.pl",
    "duplicates across pieces": "Imię;E-mail\n"
    + "".join(f"A{n};A{n % 7}@x.pl\n" for n in range(40)),
    "empty quoted values": 'Imię;E-mail;Telefon\n"";"a@x.pl";""\n',
    "nul and formula-looking values": "Imię;E-mail\n=SUM(A1)\x00;a@x.pl\n@x;+48 600 123 456\n",
    "unicode and a BOM-less header": "Imię;E-mail\nŻółć Ґудзь;ż@x.pl\n",
}


class TestReadersAgree:
    @pytest.mark.parametrize("text", list(TRICKY.values()), ids=list(TRICKY))
    def test_on_tricky_files(self, tmp_path: Path, text: str) -> None:
        path = _write(tmp_path, text)
        d = _detected(path)
        try:
            assert_readers_agree(path, d)
        except NotPlain:
            pytest.fail("a plainly well-formed file went to the reference reader")

    @pytest.mark.parametrize("text", list(TRICKY.values()), ids=list(TRICKY))
    def test_on_tricky_files_cut_in_small_pieces(
        self, tmp_path: Path, text: str, small_pieces: None
    ) -> None:
        path = _write(tmp_path, text)
        assert_readers_agree(path, _detected(path))

    @pytest.mark.parametrize(("encoding", "delimiter"), [("cp1250", ","), ("utf-16", "\t"),
                                                          ("utf-8-sig", "|")])  # fmt: skip
    def test_in_other_encodings_and_delimiters(
        self, tmp_path: Path, encoding: str, delimiter: str
    ) -> None:
        text = TRICKY["quoted delimiter, quote and newline"].replace(";", delimiter)
        text = text.replace("Ґудзь", "")
        path = tmp_path / "k.csv"
        data = text.encode(encoding)
        path.write_bytes(codecs.BOM_UTF8 + data if encoding == "utf-8-sig" else data)
        assert_readers_agree(path, _detected(path, delimiter, encoding))


# Fields as a spreadsheet program writes them: quoted when they hold a delimiter, a quote or
# a line end, sometimes quoted anyway.
FIELD = st.text(alphabet=st.sampled_from('ab Ż;"\n@.x0+'), max_size=6)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.lists(FIELD, min_size=0, max_size=6), max_size=12))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [";".join(HEADER)]
    for row in rows:
        cells = []
        for value in row:
            if any(c in value for c in ';"\n') or draw(st.booleans()):
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        lines.append(";".join(cells))
    return end.join(lines) + draw(st.sampled_from(["", end]))


class TestReadersAgreeOnAnyFile:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=csv_texts(), pieces=st.sampled_from([12, 50, 10**6]))
    def test_well_quoted_files(self, text: str, pieces: int) -> None:
        with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
            mp.setattr(frames, "PIECE_CHARS", pieces)
            mp.setattr(frames, "READ_BYTES", 7)
            path = _write(Path(tmp), text)
            assert_readers_agree(path, _detected(path))

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=st.text(alphabet=st.sampled_from('a;"\n\r x'), max_size=40))
    def test_any_text_is_read_alike_or_declined(self, text: str) -> None:
        """Stray quotes, bare CRs, unterminated quotes: the fast path declines, never differs."""
        with tempfile.TemporaryDirectory() as tmp:
            path = _write(Path(tmp), ";".join(HEADER) + "\n" + text)
            try:
                d = _detected(path)
            except FileProblem:
                return  # refused at upload already
            try:
                fast = _fast(path, d)
            except NotPlain:
                return
            try:
                reference = _reference(path, d)
            except FileProblem:
                pytest.fail("the fast path read a file the reference reader refuses")
            assert _same_cells(fast[0]).rows() == _same_cells(reference[0]).rows()
            assert fast[1].rows() == reference[1].rows()


class TestDeclined:
    @pytest.mark.parametrize(
        "text",
        [
            'Anna;a"b@x.pl\n',  # a quote inside an unquoted value
            '"Anna"x;a@x.pl\n',  # text after the closing quote
            '"Anna;a@x.pl\n',  # never closed
            "Anna;a@x.pl\rJan;j@x.pl\r",  # old Mac line ends
            ' "Anna";a@x.pl\n',  # a space before the opening quote
        ],
    )
    def test_text_the_readers_could_disagree_on(self, text: str) -> None:
        with pytest.raises(NotPlain):
            check_plain(";".join(HEADER) + "\n" + text, ";")

    def test_a_row_with_far_more_fields_than_the_header(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "Imię;E-mail\nAnna;a@x.pl" + ";x" * 30 + "\n")
        with pytest.raises(NotPlain):
            _fast(path, _detected(path))
