"""Map and validate a chunk of rows, vectorised with polars: every check runs per column.

Phones are parsed once per distinct value (a cache shared by the chunks of one import),
not once per row. A row is valid when none of its cells failed; each failure is an error
`(row, column, code, message, value)`. Chunks come as frames from either reader (the polars
one of `frames.py` or the stdlib one of `detect.py`) and leave as frames: staging rows and
errors, written by COPY as CSV.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import phonenumbers
import polars as pl

from app.core.numbers import NumberOutOfRange
from app.customers.normalize import InvalidContact, normalize_email, try_normalize_phone
from app.imports.mapping import SURNAME_FIRST, header_key
from app.imports.schemas import Mapping

TEXT_LIMITS = {
    "external_id": 200, "first_name": 200, "last_name": 200, "middle_name": 200,
    "company_name": 300, "tax_id": 64, "city": 200, "street": 200, "building": 32,
    "apartment": 32, "postal_code": 16, "notes": 10_000, "card": 64,
}  # fmt: skip
# The staging table's columns, in COPY order (after tenant_id, import_id; the database gives
# each row its new customer id).
STAGE_COLUMNS = (
    "row_no", "external_id", "first_name", "last_name", "middle_name", "company_name",
    "tax_id", "email", "phone", "birth_date", "gender", "country", "city", "street",
    "building", "apartment", "postal_code", "notes", "card", "custom_fields", "consents",
    "tags",
)  # fmt: skip
# The longest tag name (tags.name).
TAG_LIMIT = 100
# Keys a row may not share with an earlier row of the file, in the order they are reported.
DEDUPE_KEYS = ("email", "phone", "external_id", "card")
# Column names of a chunk frame: the row number and each header position. Header names are
# stripped, so none starts with a space and none can collide with these.
ROW = " row"
ERROR_SCHEMA = {
    "row_no": pl.Int64, "column": pl.String, "code": pl.String, "message": pl.String,
    "value": pl.String,
}  # fmt: skip
ErrorRow = tuple[int, str | None, str, str, str | None]
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


@dataclass
class Spec:
    header: list[str]
    mapping: Mapping
    custom_fields: dict[str, tuple[str, list[str] | None]] = field(default_factory=dict)
    phone_cache: dict[str, str | None] = field(default_factory=dict)
    email_cache: dict[str, str | None] = field(default_factory=dict)
    # The row numbers and keys of the valid rows so far, for `duplicates_in_file`.
    keys: list[pl.DataFrame] = field(default_factory=list)


@dataclass
class ChunkResult:
    valid: pl.DataFrame  # STAGE_COLUMNS
    errors: pl.DataFrame  # ERROR_SCHEMA
    rows: int


def _parts(raw: pl.Series, separator: str) -> pl.Series:
    """The stripped, non-empty parts of each value."""
    stripped = raw.str.split(separator).list.eval(pl.element().str.strip_chars())
    return stripped.list.eval(pl.element().filter(pl.element() != ""))


def _filled(value: Any, n: int, dtype: Any) -> pl.Series:
    return pl.repeat(value, n, dtype=dtype, eager=True)


def data_column(k: int) -> str:
    return f" {k}"


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)[:MAX_VALUE_SHOWN]


NAME_TARGETS = frozenset({"first_name", "last_name", "middle_name", "company_name", "full_name"})


def _nfc(expr: pl.Expr, name: bool) -> pl.Expr:
    return expr.str.normalize("NFC") if name else expr


def _nullify(expr: pl.Expr) -> pl.Expr:
    s = expr.str.strip_chars()
    return pl.when(s.str.len_chars() == 0).then(None).otherwise(s)


def _map_distinct(
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


def _dates(raw: pl.Series, formats: tuple[str, ...]) -> pl.Series:
    """Each value as a date in the first of `formats` that reads it; each format is tried on
    the values the ones before could not read only (a file has one format, mostly)."""
    parsed = _filled(None, len(raw), pl.Date)
    todo = raw.is_not_null()
    for f in formats:
        rows = todo.arg_true()
        if not len(rows):
            break
        parsed = parsed.scatter(rows, raw.gather(rows).str.to_date(f, strict=False, exact=True))
        todo = todo & parsed.is_null()
    return parsed


def _email(value: str) -> str | None:
    try:
        return normalize_email(value)
    except InvalidContact:
        return None


def _phone(value: str, *, country: str) -> str | None:
    return try_normalize_phone(value, country)


def _yes_no(word: str) -> bool | None:
    w = word.strip().lower()
    return True if w in TRUE_WORDS else False if w in FALSE_WORDS else None


def wrong_field_count(row_no: int, fields: list[str], width: int) -> ErrorRow | None:
    """The error of a row with more values than the header names (trailing blanks aside)."""
    while len(fields) > width and not fields[-1].strip():
        fields = fields[:-1]
    if len(fields) <= width:
        return None
    return (row_no, None, "wrong_field_count",
            f"The row has {len(fields)} values but the header names {width} columns.",
            _shown(";".join(fields)))  # fmt: skip


def frame_of_rows(
    rows: list[tuple[int, list[str]]], width: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The reference reader's rows as a frame (`ROW` and a column per header position), and
    the errors of the rows with too many values."""
    wrong: list[ErrorRow] = []
    good: list[tuple[int, list[str]]] = []
    for row_no, fields in rows:
        error = wrong_field_count(row_no, fields, width)
        if error is not None:
            wrong.append(error)
            continue
        good.append((row_no, fields + [""] * (width - len(fields))))
    data: dict[str, Any] = {ROW: [r for r, _ in good]}
    for k in range(width):
        data[data_column(k)] = [f[k] for _, f in good]
    schema = {ROW: pl.Int64, **{data_column(k): pl.String for k in range(width)}}
    return pl.DataFrame(data, schema=schema), error_frame(wrong)


def error_frame(errors: list[ErrorRow]) -> pl.DataFrame:
    return pl.DataFrame(errors, schema=ERROR_SCHEMA, orient="row")


def validate_chunk(rows: list[tuple[int, list[str]]], spec: Spec) -> ChunkResult:
    """Mapped staging records of the valid rows, and the errors of the others."""
    df, wrong = frame_of_rows(rows, len(spec.header))
    result = validate_frame(df, spec)
    result.errors = pl.concat([wrong, result.errors])
    result.rows = len(rows)
    return result


class _Errors:
    """The errors of a chunk, collected column by column as frames (no per-row Python)."""

    def __init__(self, rows: pl.Series) -> None:
        self.rows = rows
        self.frames: list[pl.DataFrame] = []
        self.bad = _filled(False, len(rows), pl.Boolean)

    def fail(
        self, column: str | None, value: pl.Series | None, mask: pl.Series, code: str, message: str
    ) -> pl.Series:
        """Reject the rows of `mask`; `{v}` in `message` stands for the value. The mask."""
        mask = mask.cast(pl.Boolean).fill_null(False)
        self.bad = self.bad | mask
        if not mask.any():
            return mask
        v = pl.col("v")
        if "{v}" in message:
            before, after = message.split("{v}", 1)
            text = pl.lit(before) + v + pl.lit(after)
        else:
            text = pl.lit(message)
        values = value if value is not None else _filled(None, len(mask), pl.String)
        self.frames.append(
            pl.DataFrame({"row_no": self.rows, "v": values})
            .filter(mask)
            .select(
                "row_no",
                pl.lit(column, dtype=pl.String).alias("column"),
                pl.lit(code).alias("code"),
                text.alias("message"),
                v.str.slice(0, MAX_VALUE_SHOWN).alias("value"),
            )
        )
        return mask

    def frame(self) -> pl.DataFrame:
        return pl.concat(self.frames) if self.frames else error_frame([])


def validate_frame(df: pl.DataFrame, spec: Spec) -> ChunkResult:
    """Map and check a frame of rows (`ROW` and a column per header position): the staging
    rows of the valid ones (`STAGE_COLUMNS`) and the errors of the others."""
    m = spec.mapping
    mapped = {c: t for c, t in m.columns.items() if t and c in spec.header}
    index = {c: spec.header.index(c) for c in mapped}
    # PostgreSQL text cannot hold NUL: a cell with one is a row error (shown without it, as
    # every error value). Names are NFC-normalised, as the API does (`normalize_name`).
    positions = sorted(set(index.values()))
    has_nul = {k: df[data_column(k)].str.contains("\x00", literal=True) for k in positions}
    names = {index[c] for c, t in mapped.items() if t in NAME_TARGETS}
    df = df.select(
        ROW,
        *(
            _nullify(
                _nfc(pl.col(data_column(k)), k in names).str.replace_all("\x00", "", literal=True)
            ).alias(data_column(k))
            for k in positions
        ),
    )
    height = df.height
    out: dict[str, pl.Series] = {}
    errors = _Errors(df[ROW])
    for column in mapped:
        errors.fail(column, df[data_column(index[column])], has_nul[index[column]],
                    "invalid_characters", "The value holds a NUL character, which cannot be stored.")  # fmt: skip
    contact_bad = _filled(False, height, pl.Boolean)
    for column, target in mapped.items():
        raw = df[data_column(index[column])]

        def fail(
            mask: pl.Series, code: str, message: str, column: str = column, raw: pl.Series = raw
        ) -> pl.Series:
            return errors.fail(column, raw, mask, code, message)

        if target == "email":
            fast = fast_emails(raw)
            rest = pl.select(pl.when(fast.is_null()).then(pl.lit(raw))).to_series()
            val = fast.fill_null(_map_distinct(rest, _email, spec.email_cache))
            contact_bad |= fail(raw.is_not_null() & val.is_null(), "invalid_email",
                                "“{v}” is not an email address.")  # fmt: skip
            out["email"] = val
        elif target == "phone":
            country = m.default_country
            fast = fast_phones(raw, country)
            rest = pl.select(pl.when(fast.is_null()).then(pl.lit(raw))).to_series()
            slow = _map_distinct(rest, partial(_phone, country=country), spec.phone_cache)
            val = fast.fill_null(slow)
            contact_bad |= fail(raw.is_not_null() & val.is_null(), "invalid_phone",
                                "“{v}” is not a valid phone number.")  # fmt: skip
            out["phone"] = val
        elif target == "birth_date":
            formats = AUTO_DATES if m.date_format == "auto" else (m.date_format,)
            parsed = _dates(raw, formats)
            plausible = (parsed.dt.year() >= 1900) & (parsed.dt.year() <= 2100)
            fail(raw.is_not_null() & (parsed.is_null() | ~plausible), "invalid_date",
                 "“{v}” is not a date (expected e.g. 31.12.1990 or 1990-12-31).")  # fmt: skip
            out["birth_date"] = parsed
        elif target == "gender":
            val = _map_distinct(raw, lambda v: GENDERS.get(v.lower()), {})
            fail(raw.is_not_null() & val.is_null(), "invalid_value",
                 "“{v}” is not a gender (female, male or other).")  # fmt: skip
            out["gender"] = val
        elif target == "country":
            val = raw.str.to_uppercase()
            fail(raw.is_not_null() & ~val.str.contains(r"^[A-Z]{2}$"), "invalid_value",
                 "“{v}” is not a two-letter country code like PL.")  # fmt: skip
            out["country"] = val
        elif target.startswith("consents."):
            val = _map_distinct(raw, _yes_no, {}, pl.Boolean)
            fail(raw.is_not_null() & val.is_null(), "invalid_value", "“{v}” is not yes or no.")
            out[target] = val.cast(pl.String)
        elif target.startswith("cf."):
            key = target.removeprefix("cf.")
            kind, choices = spec.custom_fields[key]
            val = _map_distinct(raw, partial(_cf_json, kind, choices=choices), {})
            fail(val == _INVALID_JSON, "invalid_value",
                 f"“{{v}}” is not a valid value for {key}.")  # fmt: skip
            fail(val == _OUT_OF_RANGE, NumberOutOfRange.code,
                 f"“{{v}}” has more digits than {key} holds.")  # fmt: skip
            out[target] = val
        elif target == "tags":
            parts = _parts(raw, m.tag_separator)
            # As the tags service counts a name: inner spaces collapsed (it refuses longer).
            long = parts.list.eval(
                pl.element().str.replace_all(r"\s+", " ").str.len_chars() > TAG_LIMIT
            ).list.any()
            fail(long, "invalid_value",
                 f"A tag in “{{v}}” is longer than {TAG_LIMIT} characters.")  # fmt: skip
            out["tags"] = parts
        elif target == "full_name":
            parts = _parts(raw, " ")
            if header_key(column) in SURNAME_FIRST:
                last, first, middle = (
                    parts.list.get(0, null_on_oob=True),
                    parts.list.get(1, null_on_oob=True),
                    parts.list.slice(2).list.join(" "),
                )
            else:
                first, last, middle = (
                    parts.list.get(0, null_on_oob=True),
                    parts.list.slice(1).list.join(" "),
                    _filled(None, height, pl.String),
                )
            for name, s in (("first_name", first), ("last_name", last), ("middle_name", middle)):
                out.setdefault("_full_" + name, pl.select(_nullify(pl.lit(s))).to_series())
        else:
            limit = TEXT_LIMITS[target]
            fail(raw.str.len_chars() > limit, "invalid_value",
                 f"The value is too long (at most {limit} characters).")  # fmt: skip
            out[target] = raw
    for name in ("first_name", "last_name", "middle_name"):
        full = out.pop("_full_" + name, None)
        if full is not None and name not in out:
            out[name] = full
    has_contact = _filled(False, height, pl.Boolean)
    for contact in (out.get("email"), out.get("phone")):
        if contact is not None:
            has_contact = has_contact | contact.is_not_null()
    errors.fail(None, None, ~has_contact & ~contact_bad, "missing_contact",
                "The row has neither an email nor a phone number.")  # fmt: skip
    valid = _staged(df[ROW], out, ~errors.bad, m, height)
    _keep_keys(valid, spec)
    return ChunkResult(valid=valid, errors=errors.frame(), rows=height)


def _keep_keys(valid: pl.DataFrame, spec: Spec) -> None:
    keys = [k for k in DEDUPE_KEYS if k in _targets(spec)]
    if keys and valid.height:
        spec.keys.append(valid.select("row_no", *keys))


def _targets(spec: Spec) -> dict[str, str]:
    """Each mapped target and its column."""
    return {t: c for c, t in spec.mapping.columns.items() if t and c in spec.header}


def duplicates_in_file(spec: Spec) -> pl.DataFrame:
    """The errors of the valid rows that repeat a key (email, phone, external id, card) of an
    earlier valid row of the file, from the keys of every chunk validated with `spec`; the
    first occurrence wins. A repeated row still counts as an occurrence, whichever key
    rejected it. One error a row, for the first key repeated."""
    columns = _targets(spec)
    keys = [k for k in DEDUPE_KEYS if k in columns]
    if not keys or not spec.keys:
        return error_frame([])
    every = pl.concat(spec.keys)  # in file order: chunks come in order
    first_hit: Any = None
    for k in keys:
        repeated = pl.col(k).is_not_null() & ~pl.col(k).is_first_distinct()
        first_hit = (pl.when if first_hit is None else first_hit.when)(repeated).then(pl.lit(k))
    dups = every.select("row_no", *keys, first_hit.otherwise(None).alias("key")).filter(
        pl.col("key").is_not_null()
    )
    value = pl.coalesce([pl.when(pl.col("key") == k).then(pl.col(k).cast(pl.String)) for k in keys])
    return dups.select(
        "row_no",
        pl.col("key").replace_strict(columns, return_dtype=pl.String).alias("column"),
        pl.lit("duplicate_in_file").alias("code"),
        (
            pl.lit("The same ")
            + pl.col("key").str.replace_all("_", " ")
            + pl.lit(" appears in an earlier row of the file.")
        ).alias("message"),
        value.alias("value"),
    )


# Not JSON: mark a custom-field value its type rejects, or a number too large or long.
_INVALID_JSON = "\x00"
_OUT_OF_RANGE = "\x01"


def _cf_json(kind: str, value: str, *, choices: list[str] | None) -> str:
    from app.custom_fields.service import coerce_value

    try:
        return json.dumps(coerce_value(kind, value, choices))
    except NumberOutOfRange:
        return _OUT_OF_RANGE
    except ValueError:
        return _INVALID_JSON


def _json_objects(parts: dict[str, pl.Series], height: int) -> pl.Series:
    """Per row, a JSON object of the parts' non-null values (JSON texts), or null if none."""
    if not parts:
        return _filled(None, height, pl.String)
    names = {f"p{n}": key for n, key in enumerate(parts)}
    frame = pl.DataFrame({f"p{n}": s for n, s in enumerate(parts.values())})
    pairs = [pl.lit(json.dumps(key) + ": ") + pl.col(name) for name, key in names.items()]
    body = pl.concat_str(pairs, separator=", ", ignore_nulls=True)
    return frame.select(pl.when(body != "").then(pl.lit("{") + body + pl.lit("}"))).to_series()


def _array_literal(lists: pl.Expr) -> pl.Expr:
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


def _staged(
    rows: pl.Series, out: dict[str, pl.Series], keep: pl.Series, m: Mapping, height: int
) -> pl.DataFrame:
    """The staging rows (`STAGE_COLUMNS`) of the kept rows: custom fields and consents as
    JSON text, tags as an array literal, ready to be written as CSV for COPY."""
    none = _filled(None, height, pl.String)
    columns: dict[str, pl.Series] = {"row_no": rows}
    for name in STAGE_COLUMNS[1:-3]:
        columns[name] = out[name] if name in out else none
    for name, prefix in (("custom_fields", "cf."), ("consents", "consents.")):
        parts = {k.removeprefix(prefix): s for k, s in out.items() if k.startswith(prefix)}
        columns[name] = _json_objects(parts, height)
    extra = [t.strip() for t in m.add_tags if t.strip()]
    if "tags" in out or extra:
        tags = out.get("tags", _filled(None, height, pl.List(pl.String)))
        lists = pl.col("t").fill_null(pl.lit([], dtype=pl.List(pl.String)))
        if extra:
            lists = pl.concat_list([lists, pl.lit(extra, dtype=pl.List(pl.String))])
        columns["tags"] = (
            pl.DataFrame({"t": tags})
            .select(pl.when(lists.list.len() > 0).then(_array_literal(lists)))
            .to_series()
        )
    else:
        columns["tags"] = none
    return pl.DataFrame(columns).filter(keep)


def staging_csv(valid: pl.DataFrame) -> bytes:
    """The staging rows as CSV for COPY: an unquoted empty field is NULL, `""` is empty."""
    return valid.write_csv(include_header=False, null_value="").encode()
