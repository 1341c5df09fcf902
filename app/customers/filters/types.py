"""What a filter field is: its type, operators, SQL and the environment it compiles in."""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.sql.elements import ColumnElement

FieldType = Literal["text", "number", "money", "date", "datetime", "enum", "boolean", "tags"]

_COMPARE = ("eq", "ne", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty")
DATE_PRESETS = ("today", "this_week", "last_week", "this_month", "last_month", "this_year")
DURATION_OPS = ("in_last", "not_in_last", "older_than", "anniversary_in_next")
OPERATORS: dict[str, tuple[str, ...]] = {
    "text": (
        "eq", "ne", "contains", "not_contains", "starts_with", "ends_with",
        "is_empty", "is_not_empty", "in", "not_in",
    ),
    "number": _COMPARE,
    "money": _COMPARE,
    "date": (*_COMPARE, "in_last", "not_in_last", "older_than", *DATE_PRESETS, "anniversary_in_next"),
    "datetime": (*_COMPARE, "in_last", "not_in_last", "older_than", *DATE_PRESETS),
    "enum": ("eq", "ne", "in", "not_in", "is_empty", "is_not_empty"),
    "boolean": ("eq", "ne", "is_empty", "is_not_empty"),
    "tags": ("has_any", "has_all", "has_none", "is_empty", "is_not_empty"),
}  # fmt: skip
NO_VALUE_OPS = frozenset({"is_empty", "is_not_empty", *DATE_PRESETS})


@dataclass(frozen=True)
class FilterEnv:
    """What a compiled filter depends on besides the tree: tenant, its clock and zone."""

    tenant_id: uuid.UUID
    tz: ZoneInfo
    now: datetime


SqlExpr = Callable[[FilterEnv], ColumnElement[Any]]


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: FieldType
    labels: Mapping[str, str]
    # The value expression over `customers`, or None for fields compiled specially (tags).
    sql: SqlExpr | None
    enum_values: tuple[str, ...] = ()
    sortable: bool = True
    filterable: bool = True
    # The value in a row dict, for the reference evaluator (default: row[name]).
    value: Callable[[Mapping[str, Any]], Any] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def operators(self) -> tuple[str, ...]:
        return OPERATORS[self.type]

    def label(self, locale: str) -> str:
        return self.labels.get(locale) or self.labels["en"]

    def row_value(self, row: Mapping[str, Any]) -> Any:
        return self.value(row) if self.value else row.get(self.name)
