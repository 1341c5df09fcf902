"""The one Content-Disposition of every download (RFC 6266 + RFC 8187)."""

from urllib.parse import unquote

import pytest

from app.core.downloads import content_disposition


def parse(header: str) -> tuple[str, str, str]:
    """(kind, fallback, name from filename*), refusing anything a header cannot carry."""
    header.encode("latin-1")  # what Starlette does with it: a non-Latin-1 name raises here
    assert "\r" not in header and "\n" not in header
    kind, fallback, extended = header.split("; ")
    assert fallback.startswith('filename="') and fallback.endswith('"')
    inner = fallback[len('filename="') : -1]
    assert '"' not in inner and "\\" not in inner and inner.isascii()
    assert extended.startswith("filename*=UTF-8''")
    return kind, inner, unquote(extended.removeprefix("filename*=UTF-8''"), errors="strict")


class TestContentDisposition:
    @pytest.mark.parametrize(
        ("name", "fallback"),
        [
            ("klienci-łódź.csv", "klienci-lodz.csv"),
            ("Źródło Żółć.xlsx", "Zrodlo Zolc.xlsx"),
            ("клієнти-Київ.csv", "download.csv"),
            ("plain.csv", "plain.csv"),
        ],
    )
    def test_polish_and_cyrillic_names_have_an_ascii_fallback_and_the_utf8_name(
        self, name: str, fallback: str
    ) -> None:
        assert parse(content_disposition(name)) == ("attachment", fallback, name)

    def test_quote_and_backslash_cannot_end_the_quoted_name(self) -> None:
        _, fallback, name = parse(content_disposition('a"b\\c.csv'))
        assert fallback == "a_b_c.csv"
        assert name == 'a"b_c.csv'

    def test_cr_lf_cannot_start_another_header(self) -> None:
        _, fallback, name = parse(content_disposition("x.csv\r\nSet-Cookie: a=b"))
        assert name == "x.csv Set-Cookie: a=b"
        assert "\r" not in fallback

    def test_path_separators_are_not_kept(self) -> None:
        assert parse(content_disposition("../../etc/passwd"))[2] == ".._.._etc_passwd"

    def test_inline(self) -> None:
        assert parse(content_disposition("a.pdf", inline=True))[0] == "inline"

    def test_empty_name_is_download(self) -> None:
        assert parse(content_disposition("\r\n")) == ("attachment", "download", "download")
