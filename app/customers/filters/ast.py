"""The filter tree: validated nodes, limits, and the meaning of date operators.

The canonical form is JSON: `{"and": [...]}`, `{"or": [...]}`, `{"not": node}` and
conditions `{"field", "op", "value"}`. `parse_tree` checks it against the field registry and
reports every bad node by its path (`filter.and[2].or[0].op`). The compiler and the
reference evaluator share `date_range` so they cannot disagree on what `in_last 30d` means.
"""

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Union

from app.core.errors import FieldError, ValidationFailed
from app.core.numbers import NumberOutOfRange, parse_decimal
from app.customers.filters.registry import (
    DATE_PRESETS,
    DURATION_OPS,
    NO_VALUE_OPS,
    FieldDef,
    FilterEnv,
)

MAX_DEPTH = 8
MAX_NODES = 100
MAX_LIST = 1000
MAX_PATTERN = 200
MAX_TEXT = 500
MAX_DURATION_DAYS = 36_600

_DURATION = re.compile(r"^\s*(\d{1,5})\s*([dwmy])\s*$")
# Tags read naturally with `=`: `tags = "VIP"` means "has the tag VIP".
_TAG_ALIASES = {"eq": "has_any", "in": "has_any", "ne": "has_none", "not_in": "has_none"}


class InvalidFilter(ValidationFailed):
    code = "invalid_filter"
    title = "The filter is not valid"


@dataclass(frozen=True)
class Cond:
    field: FieldDef
    op: str
    value: Any


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    child: "Node"


Node = Union[Cond, And, Or, Not]  # noqa: UP007 - a runtime alias used by isinstance checks


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # d w m y

    def before(self, moment: date) -> date:
        if self.unit == "d":
            return moment - timedelta(days=self.amount)
        if self.unit == "w":
            return moment - timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "y" else 1)
        return _add_months(moment, -months)

    def days(self) -> int:
        return {"d": 1, "w": 7, "m": 31, "y": 366}[self.unit] * self.amount


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError("unreachable")


def dotted(loc: list[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _Checker:
    def __init__(self, fields: Mapping[str, FieldDef]) -> None:
        self.fields = fields
        self.errors: list[FieldError] = []
        self.nodes = 0

    def fail(self, loc: list[str | int], code: str, message: str) -> None:
        self.errors.append(FieldError(loc=loc, code=code, message=f"{dotted(loc)}: {message}"))

    def node(self, raw: Any, loc: list[str | int], depth: int) -> Node | None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.fail(loc, "too_many_nodes", f"A filter has at most {MAX_NODES} nodes.")
            return None
        if depth > MAX_DEPTH:
            self.fail(loc, "too_deep", f"A filter nests at most {MAX_DEPTH} levels.")
            return None
        if not isinstance(raw, dict):
            self.fail(loc, "invalid_node", "Expected an object: and, or, not or a condition.")
            return None
        for key in ("and", "or"):
            if key in raw:
                return self.group(raw, key, loc, depth)
        if "not" in raw:
            if len(raw) != 1:
                self.fail(loc, "invalid_node", "A `not` node has no other keys.")
                return None
            child = self.node(raw["not"], [*loc, "not"], depth + 1)
            return Not(child) if child is not None else None
        return self.condition(raw, loc)

    def group(self, raw: dict[str, Any], key: str, loc: list[str | int], depth: int) -> Node | None:
        items = raw[key]
        if len(raw) != 1:
            self.fail(loc, "invalid_node", f"An `{key}` node has no other keys.")
            return None
        if not isinstance(items, list) or not items:
            self.fail([*loc, key], "invalid_node", f"`{key}` takes a non-empty list of nodes.")
            return None
        children = [self.node(item, [*loc, key, i], depth + 1) for i, item in enumerate(items)]
        if any(c is None for c in children):
            return None
        done = tuple(c for c in children if c is not None)
        return And(done) if key == "and" else Or(done)

    def condition(self, raw: dict[str, Any], loc: list[str | int]) -> Node | None:
        unknown = set(raw) - {"field", "op", "value"}
        if unknown:
            self.fail(loc, "invalid_node", f"Unknown key(s): {', '.join(sorted(unknown))}.")
            return None
        name = raw.get("field")
        if not isinstance(name, str) or name not in self.fields:
            self.fail([*loc, "field"], "unknown_field", f"Unknown field {name!r}.")
            return None
        definition = self.fields[name]
        if not definition.filterable:
            self.fail([*loc, "field"], "not_filterable", f"{name} cannot be filtered on.")
            return None
        op = raw.get("op")
        if definition.type == "tags" and isinstance(op, str):
            op = _TAG_ALIASES.get(op, op)
        if not isinstance(op, str) or op not in definition.operators:
            self.fail(
                [*loc, "op"],
                "invalid_operator",
                f"{op!r} is not an operator for {name} ({definition.type}); "
                f"use one of: {', '.join(definition.operators)}.",
            )
            return None
        value_loc: list[str | int] = [*loc, "value"]
        if op in NO_VALUE_OPS:
            if raw.get("value") is not None:
                self.fail(value_loc, "unexpected_value", f"{op} takes no value.")
                return None
            return Cond(definition, op, None)
        if "value" not in raw or raw["value"] is None:
            self.fail(value_loc, "missing_value", f"{op} needs a value.")
            return None
        try:
            value = _coerce(definition, op, raw["value"])
        except ValueError as exc:
            code = exc.code if isinstance(exc, NumberOutOfRange) else "invalid_value"
            self.fail(value_loc, code, str(exc))
            return None
        return Cond(definition, op, value)


def _scalar(definition: FieldDef, value: Any) -> Any:
    kind = definition.type
    if kind == "text":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError("expected a text value")
        text = str(value)
        if len(text) > MAX_TEXT:
            raise ValueError(f"at most {MAX_TEXT} characters")
        return text
    if kind in ("number", "money"):
        try:
            return parse_decimal(value)
        except NumberOutOfRange:
            raise
        except ValueError:
            raise ValueError(f"expected a finite number, got {str(value)[:40]!r}") from None
    if kind in ("date", "datetime"):
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
    if kind == "enum" and definition.extra.get("uuid"):
        try:
            return uuid.UUID(str(value).strip())
        except ValueError:
            raise ValueError(f"expected an id, got {value!r}") from None
    if kind == "enum":
        text = str(value)
        if definition.enum_values and text not in definition.enum_values:
            raise ValueError(f"expected one of: {', '.join(definition.enum_values)}")
        return text
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("true", "false"):
            return word == "true"
        raise ValueError("expected true or false")
    if kind == "tags":
        if not isinstance(value, str) or not value.strip() or len(value) > 100:
            raise ValueError("expected a tag name")
        return value.strip()
    raise ValueError(f"unsupported field type {kind}")


def _coerce(definition: FieldDef, op: str, value: Any) -> Any:
    if op in DURATION_OPS:
        match = _DURATION.match(str(value)) if isinstance(value, str) else None
        if match is None:
            raise ValueError(f"expected a duration like 7d, 4w, 3m or 1y, got {value!r}")
        duration = Duration(int(match.group(1)), match.group(2))
        if duration.days() > MAX_DURATION_DAYS or (
            op == "anniversary_in_next" and duration.days() > 366
        ):
            raise ValueError("the duration is too long")
        return duration
    if op in ("in", "not_in", "has_any", "has_all", "has_none"):
        items = value if isinstance(value, list) else [value]
        if not items:
            raise ValueError("expected a non-empty list")
        if len(items) > MAX_LIST:
            raise ValueError(f"at most {MAX_LIST} values")
        return tuple(_scalar(definition, v) for v in items)
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError("between takes [low, high]")
        low, high = (_scalar(definition, v) for v in value)
        if low > high:
            raise ValueError("between takes [low, high] with low <= high")
        return (low, high)
    if isinstance(value, list | dict):
        raise ValueError(f"{op} takes a single value")
    scalar = _scalar(definition, value)
    if op in ("contains", "not_contains", "starts_with", "ends_with") and len(scalar) > MAX_PATTERN:
        raise ValueError(f"a pattern has at most {MAX_PATTERN} characters")
    return scalar


def parse_tree(
    raw: Any, fields: Mapping[str, FieldDef], loc: list[str | int] | None = None
) -> Node:
    """A validated tree, or InvalidFilter listing every bad node by its path."""
    checker = _Checker(fields)
    node = checker.node(raw, loc or ["filter"], 1)
    if checker.errors or node is None:
        errors = checker.errors or [
            FieldError(loc=loc or ["filter"], code="invalid_node", message="Invalid filter.")
        ]
        raise InvalidFilter(errors[0].message, errors=errors)
    return node


def local_midnight(day: date, env: FilterEnv) -> datetime:
    return datetime.combine(day, time(0), tzinfo=env.tz).astimezone(UTC)


def today(env: FilterEnv) -> date:
    return env.now.astimezone(env.tz).date()


def date_range(op: str, value: Any, env: FilterEnv, kind: str) -> tuple[Any, Any]:
    """`[low, high)` bounds (either may be None) of a date condition in the tenant's zone.

    For `datetime` fields day bounds become the instants of local midnight, so the
    compiled condition is a plain range on the column and can use its index.
    """
    now_day = today(env)
    low: date | datetime | None
    high: date | datetime | None
    if op == "eq":
        low, high = value, value + timedelta(days=1)
    elif op == "gt":
        low, high = value + timedelta(days=1), None
    elif op == "gte":
        low, high = value, None
    elif op == "lt":
        low, high = None, value
    elif op == "lte":
        low, high = None, value + timedelta(days=1)
    elif op == "between":
        low, high = value[0], value[1] + timedelta(days=1)
    elif op in ("in_last", "not_in_last"):
        if kind == "datetime":
            return _instant_before(value, env), None
        low, high = value.before(now_day), now_day + timedelta(days=1)
    elif op == "older_than":
        if kind == "datetime":
            return None, _instant_before(value, env)
        low, high = None, value.before(now_day)
    elif op in DATE_PRESETS:
        low, high = _preset(op, now_day)
    else:
        raise ValueError(f"not a date range operator: {op}")
    if kind == "datetime":
        return (
            local_midnight(low, env) if isinstance(low, date) else None,
            local_midnight(high, env) if isinstance(high, date) else None,
        )
    return low, high


def _instant_before(duration: Duration, env: FilterEnv) -> datetime:
    if duration.unit in ("d", "w"):
        return env.now - timedelta(days=duration.days())
    local = env.now.astimezone(env.tz)
    day = duration.before(local.date())
    return datetime.combine(day, local.timetz()).astimezone(UTC)


def _preset(op: str, day: date) -> tuple[date, date]:
    if op == "today":
        return day, day + timedelta(days=1)
    if op in ("this_week", "last_week"):
        monday = day - timedelta(days=day.weekday())
        if op == "last_week":
            monday -= timedelta(days=7)
        return monday, monday + timedelta(days=7)
    if op in ("this_month", "last_month"):
        first = day.replace(day=1)
        if op == "last_month":
            first = _add_months(first, -1)
        return first, _add_months(first, 1)
    first = day.replace(month=1, day=1)
    return first, first.replace(year=first.year + 1)


def anniversary_keys(duration: Duration, env: FilterEnv) -> list[int]:
    """`month * 100 + day` of every day from today through today + duration.

    29 February birthdays are celebrated on 28 February in common years.
    """
    start = today(env)
    end = start + timedelta(days=duration.days() if duration.unit != "d" else duration.amount)
    if duration.unit in ("m", "y"):
        end = _add_months(start, duration.amount * (12 if duration.unit == "y" else 1))
    keys: set[int] = set()
    day = start
    while day <= end and len(keys) < 366:
        keys.add(day.month * 100 + day.day)
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            keys.add(229)
        day += timedelta(days=1)
    return sorted(keys)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
