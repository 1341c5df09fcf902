"""Sorting (`sort=-total_spent,last_name`, the id last as a tie-breaker) and cursors: the sort
keys of a page's last row, signed, and bound to the selection and sort they came from."""

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, false, or_
from sqlalchemy.sql.elements import ColumnElement

from app.core.config import get_settings
from app.core.errors import AppError, ValidationFailed
from app.customers.models import Customer

MAX_SORT_KEYS = 4
DEFAULT_SORT = "-created_at"


class InvalidCursor(AppError):
    status = 400
    code = "invalid_cursor"
    title = "The cursor is not valid"


@dataclass(frozen=True)
class SortKey:
    name: str
    expr: Any
    desc: bool


def sort_keys(text: str | None, allowed: Mapping[str, Any], rank: Any | None) -> list[SortKey]:
    keys = [k.strip() for k in (text or DEFAULT_SORT).split(",") if k.strip()]
    if len(keys) > MAX_SORT_KEYS:
        raise ValidationFailed.field(
            ["sort"], "invalid_sort", f"Sort by at most {MAX_SORT_KEYS} fields."
        )
    out = [SortKey("_rank", rank, False)] if rank is not None else []
    for key in keys:
        name = key.lstrip("-+")
        if name not in allowed:
            raise ValidationFailed.field(
                ["sort"],
                "invalid_sort",
                f"Cannot sort by {name!r}; sortable: {', '.join(sorted(allowed))}.",
            )
        out.append(SortKey(name, allowed[name], key.startswith("-")))
    last_desc = bool(keys) and keys[-1].startswith("-")
    out.append(SortKey("id", Customer.id, last_desc))
    return out


def _secret() -> bytes:
    return get_settings().derived_key("cursor")


def _encode_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, Decimal):
        return ["n", str(value)]
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    return ["s", str(value)]


def _decode_value(raw: Any) -> Any:
    if raw is None:
        return None
    kind, value = raw
    decoders: dict[str, Callable[[Any], Any]] = {
        "b": bool,
        "i": int,
        "n": Decimal,
        "t": datetime.fromisoformat,
        "d": date.fromisoformat,
        "u": uuid.UUID,
        "s": str,
    }
    return decoders[kind](value)


def fingerprint(selection_key: Any, sort: str | None) -> str:
    blob = json.dumps([selection_key, sort or DEFAULT_SORT], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def encode_cursor(values: Sequence[Any], fingerprint: str) -> str:
    payload = json.dumps({"k": [_encode_value(v) for v in values], "f": fingerprint}).encode()
    body = base64.urlsafe_b64encode(payload).rstrip(b"=")
    sig = base64.urlsafe_b64encode(hmac.new(_secret(), body, "sha256").digest()[:16]).rstrip(b"=")
    return f"{body.decode()}.{sig.decode()}"


def decode_cursor(cursor: str, fingerprint: str, count: int) -> list[Any]:
    try:
        body, sig = cursor.encode().split(b".")
        expected = base64.urlsafe_b64encode(
            hmac.new(_secret(), body, "sha256").digest()[:16]
        ).rstrip(b"=")
        if not hmac.compare_digest(sig, expected):
            raise ValueError("bad signature")
        payload = json.loads(base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4)))
        values = [_decode_value(v) for v in payload["k"]]
    except (ValueError, KeyError, TypeError):
        raise InvalidCursor("The cursor was changed or is not from this API.") from None
    if payload.get("f") != fingerprint or len(values) != count:
        raise InvalidCursor("The cursor belongs to a different filter, search or sort.")
    return values


def after_condition(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows after `values` in the sort order (ASC puts NULLs last, DESC first: PostgreSQL's).

    Led by a bound on the first key that the rows after also meet (`created_at <= x`): an
    index in the sort order can start the page's walk there. The OR of the options alone is
    no index condition, so each page walked from the start of the order and skipped the pages
    before it (page 400 of a filter took 360 ms on the bench base).
    """
    bound = _first_key_bound(keys[0], values[0])
    options: list[ColumnElement[bool]] = []
    for i, key in enumerate(keys):
        equal = [
            (k.expr.is_(None) if v is None else k.expr == v)
            for k, v in zip(keys[:i], values[:i], strict=True)
        ]
        value = values[i]
        if key.desc:
            beyond = key.expr.is_not(None) if value is None else key.expr < value
        else:
            beyond = false() if value is None else or_(key.expr > value, key.expr.is_(None))
        options.append(and_(*equal, beyond))
    return and_(bound, or_(*options)) if bound is not None else or_(*options)


def _first_key_bound(key: SortKey, value: Any) -> ColumnElement[bool] | None:
    """What every row after `value` meets on the first key, as an index's range condition:
    descending, at most the value (NULLs come first); ascending, at least it or NULL (which
    PostgreSQL 17 and later drop for a NOT NULL column), or NULL after a NULL."""
    if value is None:
        return None if key.desc else key.expr.is_(None)
    if key.desc:
        return key.expr <= value  # type: ignore[no-any-return]
    return or_(key.expr >= value, key.expr.is_(None))
