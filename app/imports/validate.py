"""Map and validate a chunk of rows, vectorised with polars: every check runs per column.

Phones are parsed once per distinct value (a cache shared by the chunks of one import),
not once per row. A row is valid when none of its cells failed; each failure is an error
`(row, column, code, message, value)`.
"""

import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import phonenumbers
import polars as pl
from asyncpg.pgproto.pgproto import UUID as PgUUID

from app.customers.normalize import InvalidContact, normalize_email, try_normalize_phone
from app.imports.mapping import SURNAME_FIRST, header_key
from app.imports.schemas import Mapping

TEXT_LIMITS = {
    "external_id": 200, "first_name": 200, "last_name": 200, "middle_name": 200,
    "company_name": 300, "tax_id": 64, "city": 200, "street": 200, "building": 32,
    "apartment": 32, "postal_code": 16, "notes": 10_000, "card": 64,
}  # fmt: skip
# The staging table's columns, in COPY order (tenant_id, import_id first).
STAGE_COLUMNS = (
    "row_no", "customer_id", "external_id", "first_name", "last_name", "middle_name",
    "company_name", "tax_id", "email", "phone", "birth_date", "gender", "country", "city",
    "street", "building", "apartment", "postal_code", "notes", "card", "custom_fields",
    "consents", "tags",
)  # fmt: skip
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


@dataclass
class ChunkResult:
    valid: list[tuple[Any, ...]]
    errors: list[tuple[int, str | None, str, str, str | None]]
    rows: int


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)[:MAX_VALUE_SHOWN]


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
    none = pl.Series(raw.name, [None] * len(raw), dtype=pl.String)
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
    local = val.str.extract(r"^(.*)@", 1)
    domain = val.str.extract(r"@(.*)$", 1)
    plain = (
        val.str.contains(PLAIN_EMAIL)
        & (val.str.len_bytes() <= 254)
        & (local.str.len_bytes() <= 64)
        & ~domain.str.contains("--")
        & ~val.str.contains(SPECIAL_USE)
    ).fill_null(False)
    return pl.select(pl.when(plain).then(pl.lit(val))).to_series().rename(raw.name)


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


def validate_chunk(rows: list[tuple[int, list[str]]], spec: Spec) -> ChunkResult:
    """Mapped staging records of the valid rows, and the errors of the others."""
    m = spec.mapping
    width = len(spec.header)
    errors: list[tuple[int, str | None, str, str, str | None]] = []
    good: list[tuple[int, list[str]]] = []
    for row_no, fields in rows:
        while len(fields) > width and not fields[-1].strip():
            fields = fields[:-1]
        if len(fields) > width:
            errors.append((row_no, None, "wrong_field_count",
                           f"The row has {len(fields)} values but the header names {width} columns.",
                           _shown(";".join(fields))))  # fmt: skip
            continue
        good.append((row_no, fields + [""] * (width - len(fields))))
    mapped = {c: t for c, t in m.columns.items() if t and c in spec.header}
    index = {c: spec.header.index(c) for c in mapped}
    data: dict[str, Any] = {"row_no": [r for r, _ in good]}
    for c, i in index.items():
        data[c] = [f[i] for _, f in good]
    df = pl.DataFrame(data, schema={"row_no": pl.Int64, **dict.fromkeys(index, pl.String)})
    df = df.with_columns(_nullify(pl.col(c)).alias(c) for c in index)
    out: dict[str, pl.Series] = {}
    bad = pl.Series("bad", [False] * df.height, dtype=pl.Boolean)

    def fail(column: str, mask: pl.Series, code: str, message: Callable[..., str]) -> None:
        nonlocal bad
        mask = mask.cast(pl.Boolean).fill_null(False)
        bad = bad | mask
        hits = df.filter(mask).select("row_no", column)
        for row_no, value in hits.iter_rows():
            errors.append((row_no, column, code, message(value), _shown(value)))

    for column, target in mapped.items():
        raw = df[column]
        if target == "email":
            fast = fast_emails(raw)
            rest = pl.select(pl.when(fast.is_null()).then(pl.lit(raw))).to_series()
            val = fast.fill_null(_map_distinct(rest, _email, spec.email_cache))
            fail(column, raw.is_not_null() & val.is_null(), "invalid_email",
                 lambda v: f"“{v}” is not an email address.")  # fmt: skip
            out["email"] = val
        elif target == "phone":
            country = m.default_country
            fast = fast_phones(raw, country)
            rest = pl.select(pl.when(fast.is_null()).then(pl.lit(raw))).to_series()
            slow = _map_distinct(rest, partial(_phone, country=country), spec.phone_cache)
            val = fast.fill_null(slow)
            fail(column, raw.is_not_null() & val.is_null(), "invalid_phone",
                 lambda v: f"“{v}” is not a valid phone number.")  # fmt: skip
            out["phone"] = val
        elif target == "birth_date":
            formats = AUTO_DATES if m.date_format == "auto" else (m.date_format,)
            parsed = pl.select(
                pl.coalesce([raw.str.to_date(f, strict=False, exact=True) for f in formats])
            ).to_series()
            plausible = (parsed.dt.year() >= 1900) & (parsed.dt.year() <= 2100)
            fail(column, raw.is_not_null() & (parsed.is_null() | ~plausible), "invalid_date",
                 lambda v: f"“{v}” is not a date (expected e.g. 31.12.1990 or 1990-12-31).")  # fmt: skip
            out["birth_date"] = parsed
        elif target == "gender":
            val = _map_distinct(raw, lambda v: GENDERS.get(v.lower()), {})
            fail(column, raw.is_not_null() & val.is_null(), "invalid_value",
                 lambda v: f"“{v}” is not a gender (female, male or other).")  # fmt: skip
            out["gender"] = val
        elif target == "country":
            val = raw.str.to_uppercase()
            fail(column, raw.is_not_null() & ~val.str.contains(r"^[A-Z]{2}$"), "invalid_value",
                 lambda v: f"“{v}” is not a two-letter country code like PL.")  # fmt: skip
            out["country"] = val
        elif target.startswith("consents."):
            val = _map_distinct(raw, _yes_no, {}, pl.Boolean)
            fail(column, raw.is_not_null() & val.is_null(), "invalid_value",
                 lambda v: f"“{v}” is not yes or no.")  # fmt: skip
            out[target] = val
        elif target.startswith("cf."):
            key = target.removeprefix("cf.")
            kind, choices = spec.custom_fields[key]
            cache: dict[str, Any] = {}
            values = []
            for v in raw.to_list():
                if v is not None and v not in cache:
                    cache[v] = _coerce_cf(kind, v, choices=choices)
                values.append(None if v is None else cache[v])
            invalid = pl.Series([v is _INVALID for v in values], dtype=pl.Boolean)
            fail(column, invalid, "invalid_value",
                 lambda v, k=key: f"“{v}” is not a valid value for {k}.")  # fmt: skip
            out[target] = pl.Series(values, dtype=pl.Object)
        elif target == "tags":
            sep = m.tag_separator
            out["tags"] = raw.str.split(sep).list.eval(_nullify(pl.element())).list.drop_nulls()
        elif target == "full_name":
            parts = raw.str.split(" ").list.eval(_nullify(pl.element())).list.drop_nulls()
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
                    pl.Series([None] * df.height, dtype=pl.String),
                )
            for name, s in (("first_name", first), ("last_name", last), ("middle_name", middle)):
                out.setdefault("_full_" + name, pl.select(_nullify(pl.lit(s))).to_series())
        else:
            limit = TEXT_LIMITS[target]
            fail(column, raw.str.len_chars() > limit, "invalid_value",
                 lambda v, n=limit: f"The value is too long (at most {n} characters).")  # fmt: skip
            out[target] = raw
    for name in ("first_name", "last_name", "middle_name"):
        full = out.pop("_full_" + name, None)
        if full is not None and name not in out:
            out[name] = full
    email, phone = out.get("email"), out.get("phone")
    has_contact = pl.Series([False] * df.height, dtype=pl.Boolean)
    for contact in (email, phone):
        if contact is not None:
            has_contact = has_contact | contact.is_not_null()
    contact_cols = [c for c, t in mapped.items() if t in ("email", "phone")]
    contact_bad = {r for r, c, *_ in errors if c in contact_cols}
    missing = ~has_contact & ~df["row_no"].is_in(pl.Series(list(contact_bad), dtype=pl.Int64))
    df = df.with_columns(pl.lit(None, dtype=pl.String).alias("_contact"))
    fail("_contact", missing, "missing_contact",
         lambda v: "The row has neither an email nor a phone number.")  # fmt: skip
    errors[:] = [(r, None if c == "_contact" else c, code, msg, v) for r, c, code, msg, v in errors]
    return ChunkResult(valid=_records(df, out, bad, m), errors=errors, rows=len(rows))


class _Invalid:
    pass


_INVALID = _Invalid()


def _coerce_cf(kind: str, value: str, *, choices: list[str] | None) -> Any:
    from app.custom_fields.service import coerce_value

    try:
        return coerce_value(kind, value, choices)
    except ValueError:
        return _INVALID


def new_ids(n: int) -> list[uuid.UUID]:
    """`n` random (version 4) UUIDs at once: uuid.uuid4() per row was the preview's top cost."""
    raw = bytearray(os.urandom(16 * n))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])
    data = bytes(raw)
    return [PgUUID(data[k : k + 16]) for k in range(0, 16 * n, 16)]


def _records(
    df: pl.DataFrame, out: dict[str, pl.Series], bad: pl.Series, m: Mapping
) -> list[tuple[Any, ...]]:
    """The staging rows of the valid rows, built column-wise and zipped (C speed), with the
    custom fields and consents as JSON text for COPY."""
    keep = ~bad
    n = int(keep.sum())
    none = [None] * n
    columns: list[list[Any]] = [df["row_no"].filter(keep).to_list(), new_ids(n)]
    for name in STAGE_COLUMNS[2:20]:
        columns.append(out[name].filter(keep).to_list() if name in out else none)
    for prefix in ("cf.", "consents."):
        parts = {
            k.removeprefix(prefix): s.filter(keep).to_list()
            for k, s in out.items()
            if k.startswith(prefix)
        }
        if not parts:
            columns.append(none)
            continue
        keys = list(parts)
        columns.append(
            [
                json.dumps(d)
                if (d := {k: v for k, v in zip(keys, vals, strict=True) if v is not None})
                else None
                for vals in zip(*parts.values(), strict=True)
            ]
        )
    tags = out["tags"].filter(keep).to_list() if "tags" in out else none
    extra = [t.strip() for t in m.add_tags if t.strip()]
    columns.append([[*(t or []), *extra] or None for t in tags] if extra or "tags" in out else none)
    return list(zip(*columns, strict=True))
