"""Map and validate a chunk of rows, vectorised with polars: every check runs per column.

Phones are parsed once per distinct value (a cache shared by the chunks of one import),
not once per row. A row is valid when none of its cells failed; each failure is an error
`(row, column, code, message, value)`. Chunks come as frames from either reader (the polars
one of `frames.py` or the stdlib one of `detect.py`) and leave as frames: staging rows and
errors, written by COPY as CSV.
"""

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import polars as pl

from app.core.numbers import NumberOutOfRange
from app.customers.fields import CUSTOMER_FIELDS, IMPORTABLE, length
from app.imports.cells import (
    AUTO_DATES,
    GENDERS,
    INVALID_JSON,
    MAX_VALUE_SHOWN,
    OUT_OF_RANGE,
    array_literal,
    cf_json,
    dates_in,
    email_or_none,
    fast_emails,
    fast_phones,
    filled,
    json_objects,
    map_distinct,
    nfc,
    nullify,
    phone_or_none,
    shown_value,
    split_parts,
    yes_no,
)
from app.imports.mapping import SURNAME_FIRST, header_key
from app.imports.schemas import Mapping

# Free-text fields checked against their column's length (email, phone and country are checked
# by their own rules), and the card number.
TEXT_LIMITS = {
    **{f.name: length(f.name) for f in CUSTOMER_FIELDS
       if f.importable and f.kind == "text" and f.name not in ("email", "phone", "country")},
    "card": 64,
}  # fmt: skip
# The staging table's columns, in COPY order (after tenant_id, import_id; the database gives
# each row its new customer id).
STAGE_COLUMNS = (
    "row_no",
    *IMPORTABLE,
    "card",
    "opening_points",
    "custom_fields",
    "consents",
    "tags",
)
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


@dataclass
class Spec:
    header: list[str]
    mapping: Mapping
    custom_fields: dict[str, tuple[str, list[str] | None]] = field(default_factory=dict)
    phone_cache: dict[str, str | None] = field(default_factory=dict)
    email_cache: dict[str, str | None] = field(default_factory=dict)
    # The row numbers and keys of the valid rows so far, for `duplicates_in_file`.
    keys: list[pl.DataFrame] = field(default_factory=list)
    # The tenant lets customers share a phone: a repeated phone is then no duplicate (unless
    # the phone is the dedupe key, which must name one customer).
    shared_phone: bool = False


@dataclass
class ChunkResult:
    valid: pl.DataFrame  # STAGE_COLUMNS
    errors: pl.DataFrame  # ERROR_SCHEMA
    rows: int


def data_column(k: int) -> str:
    return f" {k}"


NAME_TARGETS = frozenset({"first_name", "last_name", "middle_name", "company_name", "full_name"})


def wrong_field_count(row_no: int, fields: list[str], width: int) -> ErrorRow | None:
    """The error of a row with more values than the header names (trailing blanks aside)."""
    while len(fields) > width and not fields[-1].strip():
        fields = fields[:-1]
    if len(fields) <= width:
        return None
    return (row_no, None, "wrong_field_count",
            f"The row has {len(fields)} values but the header names {width} columns.",
            shown_value(";".join(fields)))  # fmt: skip


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
        self.bad = filled(False, len(rows), pl.Boolean)

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
        values = value if value is not None else filled(None, len(mask), pl.String)
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
            nullify(
                nfc(pl.col(data_column(k)), k in names).str.replace_all("\x00", "", literal=True)
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
    contact_bad = filled(False, height, pl.Boolean)
    for column, target in mapped.items():
        raw = df[data_column(index[column])]

        def fail(
            mask: pl.Series, code: str, message: str, column: str = column, raw: pl.Series = raw
        ) -> pl.Series:
            return errors.fail(column, raw, mask, code, message)

        if target == "email":
            fast = fast_emails(raw)
            rest = pl.select(pl.when(fast.is_null()).then(pl.lit(raw))).to_series()
            val = fast.fill_null(map_distinct(rest, email_or_none, spec.email_cache))
            contact_bad |= fail(raw.is_not_null() & val.is_null(), "invalid_email",
                                "“{v}” is not an email address.")  # fmt: skip
            out["email"] = val
        elif target == "phone":
            country = m.default_country
            fast = fast_phones(raw, country)
            rest = pl.select(pl.when(fast.is_null()).then(pl.lit(raw))).to_series()
            slow = map_distinct(rest, partial(phone_or_none, country=country), spec.phone_cache)
            val = fast.fill_null(slow)
            contact_bad |= fail(raw.is_not_null() & val.is_null(), "invalid_phone",
                                "“{v}” is not a valid phone number.")  # fmt: skip
            out["phone"] = val
        elif target == "birth_date":
            formats = AUTO_DATES if m.date_format == "auto" else (m.date_format,)
            parsed = dates_in(raw, formats)
            plausible = (parsed.dt.year() >= 1900) & (parsed.dt.year() <= 2100)
            fail(raw.is_not_null() & (parsed.is_null() | ~plausible), "invalid_date",
                 "“{v}” is not a date (expected e.g. 31.12.1990 or 1990-12-31).")  # fmt: skip
            out["birth_date"] = parsed
        elif target == "gender":
            val = map_distinct(raw, lambda v: GENDERS.get(v.lower()), {})
            fail(raw.is_not_null() & val.is_null(), "invalid_value",
                 "“{v}” is not a gender (female, male or other).")  # fmt: skip
            out["gender"] = val
        elif target == "country":
            val = raw.str.to_uppercase()
            fail(raw.is_not_null() & ~val.str.contains(r"^[A-Z]{2}$"), "invalid_value",
                 "“{v}” is not a two-letter country code like PL.")  # fmt: skip
            out["country"] = val
        elif target.startswith("consents."):
            val = map_distinct(raw, yes_no, {}, pl.Boolean)
            fail(raw.is_not_null() & val.is_null(), "invalid_value", "“{v}” is not yes or no.")
            out[target] = val.cast(pl.String)
        elif target.startswith("cf."):
            key = target.removeprefix("cf.")
            kind, choices = spec.custom_fields[key]
            val = map_distinct(raw, partial(cf_json, kind, choices=choices), {})
            fail(val == INVALID_JSON, "invalid_value",
                 f"“{{v}}” is not a valid value for {key}.")  # fmt: skip
            fail(val == OUT_OF_RANGE, NumberOutOfRange.code,
                 f"“{{v}}” has more digits than {key} holds.")  # fmt: skip
            out[target] = val
        elif target == "opening_points":
            # Whole points, thousands maybe spaced ("1 200"); at most 12 digits (a bigint).
            val = raw.str.replace_all(r"[\s\u00a0]", "")
            fail(raw.is_not_null() & ~val.str.contains(r"^\+?[0-9]{1,12}$"), "invalid_points",
                 "“{v}” is not a whole, non-negative number of points.")  # fmt: skip
            out["opening_points"] = val.str.strip_prefix("+")
        elif target == "tags":
            parts = split_parts(raw, m.tag_separator)
            # As the tags service counts a name: inner spaces collapsed (it refuses longer).
            long = parts.list.eval(
                pl.element().str.replace_all(r"\s+", " ").str.len_chars() > TAG_LIMIT
            ).list.any()
            fail(long, "invalid_value",
                 f"A tag in “{{v}}” is longer than {TAG_LIMIT} characters.")  # fmt: skip
            out["tags"] = parts
        elif target == "full_name":
            parts = split_parts(raw, " ")
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
                    filled(None, height, pl.String),
                )
            for name, s in (("first_name", first), ("last_name", last), ("middle_name", middle)):
                out.setdefault("_full_" + name, pl.select(nullify(pl.lit(s))).to_series())
        else:
            limit = TEXT_LIMITS[target]
            fail(raw.str.len_chars() > limit, "invalid_value",
                 f"The value is too long (at most {limit} characters).")  # fmt: skip
            out[target] = raw
    for name in ("first_name", "last_name", "middle_name"):
        full = out.pop("_full_" + name, None)
        if full is not None and name not in out:
            out[name] = full
    has_contact = filled(False, height, pl.Boolean)
    for contact in (out.get("email"), out.get("phone")):
        if contact is not None:
            has_contact = has_contact | contact.is_not_null()
    errors.fail(None, None, ~has_contact & ~contact_bad, "missing_contact",
                "The row has neither an email nor a phone number.")  # fmt: skip
    valid = _staged(df[ROW], out, ~errors.bad, m, height)
    _keep_keys(valid, spec)
    return ChunkResult(valid=valid, errors=errors.frame(), rows=height)


def _unique_keys(spec: Spec, columns: dict[str, str]) -> list[str]:
    """The mapped keys no two rows may share (see `Spec.shared_phone`)."""
    shared = spec.shared_phone and spec.mapping.dedupe_key != "phone"
    return [k for k in DEDUPE_KEYS if k in columns and not (shared and k == "phone")]


def _keep_keys(valid: pl.DataFrame, spec: Spec) -> None:
    keys = _unique_keys(spec, _targets(spec))
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
    keys = _unique_keys(spec, columns)
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


def _staged(
    rows: pl.Series, out: dict[str, pl.Series], keep: pl.Series, m: Mapping, height: int
) -> pl.DataFrame:
    """The staging rows (`STAGE_COLUMNS`) of the kept rows: custom fields and consents as
    JSON text, tags as an array literal, ready to be written as CSV for COPY."""
    none = filled(None, height, pl.String)
    columns: dict[str, pl.Series] = {"row_no": rows}
    for name in STAGE_COLUMNS[1:-3]:
        columns[name] = out[name] if name in out else none
    for name, prefix in (("custom_fields", "cf."), ("consents", "consents.")):
        parts = {k.removeprefix(prefix): s for k, s in out.items() if k.startswith(prefix)}
        columns[name] = json_objects(parts, height)
    extra = [t.strip() for t in m.add_tags if t.strip()]
    if "tags" in out or extra:
        tags = out.get("tags", filled(None, height, pl.List(pl.String)))
        lists = pl.col("t").fill_null(pl.lit([], dtype=pl.List(pl.String)))
        if extra:
            lists = pl.concat_list([lists, pl.lit(extra, dtype=pl.List(pl.String))])
        columns["tags"] = (
            pl.DataFrame({"t": tags})
            .select(pl.when(lists.list.len() > 0).then(array_literal(lists)))
            .to_series()
        )
    else:
        columns["tags"] = none
    return pl.DataFrame(columns).filter(keep)


def staging_csv(valid: pl.DataFrame) -> bytes:
    """The staging rows as CSV for COPY: an unquoted empty field is NULL, `""` is empty."""
    return valid.write_csv(include_header=False, null_value="").encode()
