"""The values of one column of a chunk: words, dates, genders, emails and phones read the
way the API reads them, vectorised with polars where the value is plain, one Python call per
distinct value where it is not; custom-field values and JSON/array literals for COPY."""

import json
from collections.abc import Callable
from typing import Any

import phonenumbers
import polars as pl

from app.core.numbers import NumberOutOfRange
from app.customers.normalize import InvalidContact, normalize_email, try_normalize_phone

TRUE_WORDS = {"1", "yes", "y", "true", "t", "tak", "так", "да", "д", "x", "+"}
FALSE_WORDS = {"0", "no", "n", "false", "f", "nie", "ні", "нет", "н", "-"}
GENDERS = {
    **dict.fromkeys(("f", "female", "woman", "k", "kobieta", "ж", "жін", "жінка", "жен",
                     "женский", "женщина"), "female"),
    **dict.fromkeys(("m", "male", "man", "mężczyzna", "м", "чол", "чоловік", "муж",
                     "мужской", "мужчина"), "male"),
    **dict.fromkeys(("other", "inna", "inny", "інша", "другое"), "other"),
}  # fmt: skip
AUTO_DATES = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y.%m.%d", "%Y/%m/%d")
# Plain ASCII addresses that email-validator accepts unchanged (but for case): a dot-atom
# local part, letter-digit-hyphen labels, a top-level domain of letters. Anything else goes
# to email-validator itself, so the import accepts exactly what the API accepts.
_ATEXT = r"[a-z0-9_!#$%&'*+/=?^`{|}~\-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
PLAIN_EMAIL = rf"^{_ATEXT}(?:\.{_ATEXT})*@(?:{_LABEL}\.)+[a-z]{{2,63}}$"
SPECIAL_USE = r"\.(?:arpa|invalid|local|localhost|onion|test)$"
MAX_VALUE_SHOWN = 500


def split_parts(raw: pl.Series, separator: str) -> pl.Series:
    """The stripped, non-empty parts of each value."""
    stripped = raw.str.split(separator).list.eval(pl.element().str.strip_chars())
    return stripped.list.eval(pl.element().filter(pl.element() != ""))


def filled(value: Any, n: int, dtype: Any) -> pl.Series:
    return pl.repeat(value, n, dtype=dtype, eager=True)


def shown_value(value: Any) -> str | None:
    return None if value is None else str(value)[:MAX_VALUE_SHOWN]


def nfc(expr: pl.Expr, name: bool) -> pl.Expr:
    return expr.str.normalize("NFC") if name else expr


def nullify(expr: pl.Expr) -> pl.Expr:
    s = expr.str.strip_chars()
    return pl.when(s.str.len_chars() == 0).then(None).otherwise(s)


def map_distinct(
    col: pl.Series, fn: Callable[[str], Any], cache: dict[str, Any], dtype: Any = pl.String
) -> pl.Series:
    for v in col.drop_nulls().unique().to_list():
        if v not in cache:
            cache[v] = fn(v)
    keys = [v for v in col.drop_nulls().unique().to_list()]
    return col.replace_strict(keys, [cache[k] for k in keys], default=None, return_dtype=dtype)


_PHONE_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail", "fixed_line", "mobile",
)  # fmt: skip


def _matches(nsn: pl.Expr, desc: Any) -> pl.Expr | None:
    """phonenumbers' `_is_number_matching_desc`, as one vectorised expression."""
    if desc is None or not desc.national_number_pattern:
        return None
    hit = nsn.str.contains(f"^(?:{desc.national_number_pattern})$")
    if desc.possible_length:
        hit = hit & nsn.str.len_chars().is_in(list(desc.possible_length))
    return hit


def fast_phones(raw: pl.Series, country: str) -> pl.Series:
    """E.164 of the values that are plainly valid numbers of `country`, null where unsure.

    The common spellings (`600 123 456`, `+48600123456`) are checked at once against the
    country's number patterns from phonenumbers' own metadata; everything this cannot decide
    with certainty (trunk or international prefixes, letters, other countries, invalid
    numbers) is left null for `normalize_phone`, so the result is the same, only faster.
    """
    none = pl.repeat(None, len(raw), dtype=pl.String, eager=True).rename(raw.name)
    md = phonenumbers.PhoneMetadata.metadata_for_region(country)
    if (
        md is None
        or md.national_prefix_transform_rule
        or md.country_code is None
        or phonenumbers.region_code_for_country_code(md.country_code) != country
    ):
        return none
    plus = f"+{md.country_code}"
    cleaned = pl.col("v").str.replace_all(r"[\s\-.()/]", "")
    local = pl.col("c").str.contains("^[0-9]+$")
    if md.international_prefix:
        local = local & ~pl.col("c").str.contains(f"^(?:{md.international_prefix})")
    nsn = pl.col("n")
    ok = nsn.str.contains("^[0-9]{2,17}$") & (pl.col("v").str.len_chars() <= 40)
    if md.national_prefix_for_parsing:
        ok = ok & ~nsn.str.contains(f"^(?:{md.national_prefix_for_parsing})")
    general = _matches(nsn, md.general_desc)
    kinds = [e for k in _PHONE_TYPES if (e := _matches(nsn, getattr(md, k))) is not None]
    if general is None or not kinds:
        return none
    try:
        df = (
            pl.DataFrame({"v": raw})
            .with_columns(cleaned.alias("c"))
            .with_columns(
                pl.when(pl.col("c").str.starts_with(plus))
                .then(pl.col("c").str.slice(len(plus)))
                .when(local)
                .then(pl.col("c"))
                .otherwise(None)
                .alias("n")
            )
            .with_columns((ok & general).fill_null(False).alias("g"))
        )
        return (
            df.select(
                pl.when(pl.col("g") & pl.any_horizontal(kinds).fill_null(False))
                .then(pl.lit(plus) + pl.col("n"))
                .otherwise(None)
            )
            .to_series()
            .rename(raw.name)
        )
    except pl.exceptions.PolarsError:  # a pattern the Rust regex engine does not support
        return none


def fast_emails(raw: pl.Series) -> pl.Series:
    """Lower-cased addresses that are plainly valid; null where email-validator must decide.

    Vectorised over the whole column: the plain addresses of a real file (nearly all of them)
    never reach the Python validator, which costs ~30 µs an address."""
    val = raw.str.to_lowercase()
    # A plain address has one @ and ASCII only: the @'s index is the local part's length.
    plain = (
        val.str.contains(PLAIN_EMAIL)
        & (val.str.len_bytes() <= 254)
        & (val.str.find("@", literal=True) <= 64)
        & ~val.str.contains("@.*--")
        & ~val.str.contains(SPECIAL_USE)
    ).fill_null(False)
    return pl.select(pl.when(plain).then(pl.lit(val))).to_series().rename(raw.name)


def dates_in(raw: pl.Series, formats: tuple[str, ...]) -> pl.Series:
    """Each value as a date in the first of `formats` that reads it; each format is tried on
    the values the ones before could not read only (a file has one format, mostly)."""
    parsed = filled(None, len(raw), pl.Date)
    todo = raw.is_not_null()
    for f in formats:
        rows = todo.arg_true()
        if not len(rows):
            break
        parsed = parsed.scatter(rows, raw.gather(rows).str.to_date(f, strict=False, exact=True))
        todo = todo & parsed.is_null()
    return parsed


def email_or_none(value: str) -> str | None:
    try:
        return normalize_email(value)
    except InvalidContact:
        return None


def phone_or_none(value: str, *, country: str) -> str | None:
    return try_normalize_phone(value, country)


def yes_no(word: str) -> bool | None:
    w = word.strip().lower()
    return True if w in TRUE_WORDS else False if w in FALSE_WORDS else None


# Not JSON: mark a custom-field value its type rejects, or a number too large or long.
INVALID_JSON = "\x00"
OUT_OF_RANGE = "\x01"


def cf_json(kind: str, value: str, *, choices: list[str] | None) -> str:
    from app.custom_fields.service import coerce_value

    try:
        return json.dumps(coerce_value(kind, value, choices))
    except NumberOutOfRange:
        return OUT_OF_RANGE
    except ValueError:
        return INVALID_JSON


def json_objects(parts: dict[str, pl.Series], height: int) -> pl.Series:
    """Per row, a JSON object of the parts' non-null values (JSON texts), or null if none."""
    if not parts:
        return filled(None, height, pl.String)
    names = {f"p{n}": key for n, key in enumerate(parts)}
    frame = pl.DataFrame({f"p{n}": s for n, s in enumerate(parts.values())})
    pairs = [pl.lit(json.dumps(key) + ": ") + pl.col(name) for name, key in names.items()]
    body = pl.concat_str(pairs, separator=", ", ignore_nulls=True)
    return frame.select(pl.when(body != "").then(pl.lit("{") + body + pl.lit("}"))).to_series()


def array_literal(lists: pl.Expr) -> pl.Expr:
    """A PostgreSQL text[] literal of a list of strings (every element quoted)."""
    quoted = (
        pl.lit('"')
        + (
            pl.element()
            .str.replace_all("\\", "\\\\", literal=True)
            .str.replace_all('"', '\\"', literal=True)
        )
        + pl.lit('"')
    )
    return pl.lit("{") + lists.list.eval(quoted).list.join(",") + pl.lit("}")
