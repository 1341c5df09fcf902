"""The import's email check is the API's (email-validator), only vectorised for plain addresses."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from app.customers.normalize import InvalidContact, normalize_email
from app.imports.cells import fast_emails
from app.imports.mapping import suggest_columns
from app.imports.schemas import Mapping
from app.imports.validate import Spec, validate_chunk

TRICKY = [
    "Anna@Example.PL", "a..b@x.pl", "a@b", "a@b.c", "a@localhost", "a@x.test", "a@x.LOCAL",
    "żółw@x.pl", "a@żółw.pl", '"q"@x.pl', "a@-x.pl", "a@x-.pl", "a@ab--cd.pl",
    "a@xn--80ak6aa92e.com", "a@1.2.3.4", "a@[1.2.3.4]", "Jan <a@x.pl>", "a@x.p1", "a@x.123",
    ".a@x.pl", "a.@x.pl", "a@x..pl", "x" * 65 + "@x.pl", "a+b@x.pl", "o'hara@x.ie",
    "a@x.pl.", "a b@x.pl", "a@x.co.uk", "A@X.ONION", "a@" + "b" * 64 + ".pl", "=cmd@x.pl",
]  # fmt: skip


def _api(value: str) -> str | None:
    try:
        return normalize_email(value)
    except InvalidContact:
        return None


def _import(values: list[str]) -> dict[str, str | None]:
    header = ["E-mail"]
    spec = Spec(header=header, mapping=Mapping(columns=suggest_columns(header, {})))
    result = validate_chunk([(n, [v]) for n, v in enumerate(values, 1)], spec)
    ok = dict(result.valid.select("row_no", "email").iter_rows())
    return {v: ok.get(n) for n, v in enumerate(values, 1)}


class TestEmail:
    def test_fast_path_never_disagrees_with_email_validator(self) -> None:
        fast = fast_emails(pl.Series(TRICKY)).to_list()
        assert [f for f in fast if f is not None]  # the plain ones take the fast path
        for value, got in zip(TRICKY, fast, strict=True):
            assert got is None or got == _api(value), value

    def test_import_accepts_exactly_what_the_api_accepts(self) -> None:
        assert _import(TRICKY) == {v: _api(v) for v in TRICKY}

    @settings(max_examples=300, deadline=None)
    @given(st.emails() | st.text(alphabet="aZ0.-_+@'ż ", max_size=30))
    def test_any_value_is_judged_like_the_api(self, value: str) -> None:
        value = value.strip()
        if value:
            assert _import([value]) == {value: _api(value)}
