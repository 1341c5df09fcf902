from pathlib import Path

import pytest
import xlsxwriter

from app.imports.detect import FileProblem, detect, iter_rows
from app.imports.mapping import suggest_columns


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


class TestDetect:
    def test_windows_1250_semicolon(self, tmp_path: Path) -> None:
        text = "Imię;Nazwisko;Telefon\nŁucja;Żółć;600123456\nZdzisław;Gęś;601234567\n"
        d = detect(_write(tmp_path, "a.csv", text.encode("cp1250")), "a.csv")
        assert d.encoding in ("cp1250", "windows-1250")
        assert d.delimiter == ";"
        assert d.header == ["Imię", "Nazwisko", "Telefon"]
        assert next(iter(iter_rows(tmp_path / "a.csv", d)))[1][1] == "Żółć"

    def test_utf8_bom_comma(self, tmp_path: Path) -> None:
        text = "\ufeffІм'я,Прізвище,Телефон\nОлена,Шевченко,+380501234567\n"
        d = detect(_write(tmp_path, "b.csv", text.encode()), "b.csv")
        assert d.encoding == "utf-8-sig"
        assert d.header[0] == "Ім'я"

    def test_windows_1251(self, tmp_path: Path) -> None:
        text = (
            "ФИО;Номер телефона;Дата рождения\nИванов Иван Иванович;+79161234567;31.12.1990\n" * 3
        )
        d = detect(_write(tmp_path, "c.csv", text.encode("cp1251")), "c.csv")
        assert d.encoding in ("cp1251", "windows-1251")
        assert d.header == ["ФИО", "Номер телефона", "Дата рождения"]

    @pytest.mark.parametrize(
        ("text", "encoding"),
        [
            ("Miasto\nGdańsk\nKraków\n", "cp1250"),  # ń alone: a tie goes to Windows-1250
            ("Imię\nJaś Kąś\n", "iso8859_2"),
            ("Name\nSøren Ærø\nJosé Núñez\n", "cp1252"),
            ("Nom\nFrançoise Müller\n", "cp1250"),  # the same text in both: either reads it
        ],
    )
    def test_8_bit_encoding_is_told_apart(self, tmp_path: Path, text: str, encoding: str) -> None:
        data = text.encode(encoding)
        d = detect(_write(tmp_path, "e.csv", data), "e.csv")
        assert d.encoding == encoding
        assert data.decode(d.encoding) == text

    def test_xlsx(self, tmp_path: Path) -> None:
        path = tmp_path / "d.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet()
        ws.write_row(0, 0, ["E-mail", "Telefon"])
        ws.write_row(1, 0, ["a@example.pl", 600123456])
        wb.close()
        d = detect(path, "d.xlsx")
        assert d.file_type == "xlsx"
        assert list(iter_rows(path, d)) == [(1, ["a@example.pl", "600123456"])]

    def test_multiline_quoted_value_is_one_row(self, tmp_path: Path) -> None:
        p = _write(tmp_path, "e.csv", b'email,notes\na@x.pl,"line1\nline2"\nb@x.pl,x\n')
        assert [r for r, _ in iter_rows(p, detect(p, "e.csv"))] == [1, 2]

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            (b"", "empty_file"),
            (b"\x00\x01\x02binary\x00junk", "binary_file"),
            (b"email,email\na@x.pl,b@x.pl\n", "duplicate_header"),
            (b"PK\x03\x04garbage", "unreadable_file"),
            (b"email,,phone\na@x.pl,b,c\n", "no_header"),
            (b"x" * 400 + b",b\n1,2\n", "no_header"),
        ],
    )
    def test_bad_files_are_refused(self, tmp_path: Path, data: bytes, code: str) -> None:
        name = "f.xlsx" if data.startswith(b"PK") else "f.csv"
        with pytest.raises(FileProblem) as exc:
            detect(_write(tmp_path, name, data), name)
        assert exc.value.code == code

    def test_binary_read_in_a_chosen_encoding_is_refused(self, tmp_path: Path) -> None:
        # A WEBP image sent with `encoding=cp1250` (detection skipped): NUL in the first row.
        data = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0e\x00\x00\x00/\x00\x00\x00\x00\x07\x10"
        with pytest.raises(FileProblem) as exc:
            detect(_write(tmp_path, "f.csv", data), "f.csv", encoding="cp1250")
        assert exc.value.code == "binary_file"

    def test_nul_in_a_sample_cell_is_left_out(self, tmp_path: Path) -> None:
        p = _write(tmp_path, "n.csv", b"email,notes\na@x.pl,a\x00b\n")
        assert detect(p, "n.csv", encoding="utf-8").samples == [["a@x.pl", "ab"]]


class TestSuggestMapping:
    def test_headers_in_four_languages(self) -> None:
        header = ["E-mail", "Imię", "Nazwisko", "Telefon", "Ім'я", "Прізвище", "ФИО",
                  "Номер телефона", "Дата рождения", "Zgoda marketingowa", "Stara kolumna"]  # fmt: skip
        got = suggest_columns(header, {})
        assert got["E-mail"] == "email"
        assert got["Imię"] == "first_name"
        assert got["Nazwisko"] == "last_name"
        assert got["Telefon"] == "phone"
        assert got["Ім'я"] is None  # first_name already taken by Imię
        assert got["ФИО"] == "full_name"
        assert got["Дата рождения"] == "birth_date"
        assert got["Zgoda marketingowa"] == "consents.email_marketing"
        assert got["Stara kolumna"] is None

    def test_ukrainian_headers(self) -> None:
        got = suggest_columns(["Ім'я", "Прізвище", "Телефон"], {})
        assert got == {"Ім'я": "first_name", "Прізвище": "last_name", "Телефон": "phone"}
