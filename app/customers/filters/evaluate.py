"""The reference evaluator: a filter tree over one plain-Python row.

The oracle of the property test (SQL result == Python result). A row maps field names to
values; `tags` is a collection of tag names; custom fields live under `custom_fields`.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.customers.filters.ast import And, Cond, Node, Not, Or, anniversary_keys, date_range
from app.customers.filters.registry import FilterEnv


def evaluate(node: Node, row: Mapping[str, Any], env: FilterEnv) -> bool:
    if isinstance(node, And):
        return all(evaluate(c, row, env) for c in node.children)
    if isinstance(node, Or):
        return any(evaluate(c, row, env) for c in node.children)
    if isinstance(node, Not):
        return not evaluate(node.child, row, env)
    return _condition(node, row, env)


def _typed(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in ("number", "money") and not isinstance(value, bool):
        return Decimal(str(value))
    if kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if kind == "datetime" and isinstance(value, datetime):
        return value.astimezone(UTC)
    return value


def _condition(cond: Cond, row: Mapping[str, Any], env: FilterEnv) -> bool:
    kind, op, value = cond.field.type, cond.op, cond.value
    current = _typed(kind, cond.field.row_value(row))
    if kind == "tags":
        have = {str(t).lower() for t in current or ()}
        wanted = {str(v).lower() for v in value or ()}
        return {
            "is_empty": not have,
            "is_not_empty": bool(have),
            "has_any": bool(have & wanted),
            "has_all": wanted <= have,
            "has_none": not (have & wanted),
        }[op]
    if op == "is_empty":
        return current is None or current == ""
    if op == "is_not_empty":
        return not (current is None or current == "")
    if kind == "text":
        return _text(current, op, value)
    if kind in ("date", "datetime"):
        if op == "ne":
            return current is None or not _in_range(current, date_range("eq", value, env, kind))
        if op == "anniversary_in_next":
            return current is not None and (
                current.month * 100 + current.day in anniversary_keys(value, env)
            )
        if current is None:
            return op == "not_in_last"
        inside = _in_range(current, date_range(op, value, env, kind))
        return not inside if op == "not_in_last" else inside
    return _scalar(current, op, value)


def _in_range(current: Any, bounds: tuple[Any, Any]) -> bool:
    low, high = bounds
    return (low is None or current >= low) and (high is None or current < high)


def _scalar(current: Any, op: str, value: Any) -> bool:
    if op == "ne":
        return bool(current != value)
    if op == "not_in":
        return current is None or current not in value
    if current is None:
        return False
    if op == "eq":
        return bool(current == value)
    if op == "gt":
        return bool(current > value)
    if op == "gte":
        return bool(current >= value)
    if op == "lt":
        return bool(current < value)
    if op == "lte":
        return bool(current <= value)
    if op == "between":
        return bool(value[0] <= current <= value[1])
    if op == "in":
        return current in value
    return False


def _text(current: str | None, op: str, value: Any) -> bool:
    low = current.lower() if current is not None else None
    if op == "ne":
        return low != value.lower()
    if op == "not_in":
        return low is None or low not in {v.lower() for v in value}
    if op == "not_contains":
        return low is None or value.lower() not in low
    if low is None:
        return False
    if op == "eq":
        return low == value.lower()
    if op == "in":
        return low in {v.lower() for v in value}
    if op == "contains":
        return value.lower() in low
    if op == "starts_with":
        return low.startswith(value.lower())
    if op == "ends_with":
        return low.endswith(value.lower())
    return False
