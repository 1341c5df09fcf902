"""Compile a validated filter tree to a parameterised SQLAlchemy condition on `customers`.

Every user value is a bind parameter. NULLs: a condition is false when the field is empty,
except the negative operators (`ne`, `not_in`, `not_contains`, `not_in_last`, `has_none`),
which include empty fields; `not` is compiled as `IS NOT TRUE`, so SQL's three-valued logic
collapses to the two values the reference evaluator uses.
"""

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, extract, false, func, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from app.customers.filters.ast import And, Cond, Node, Not, Or, anniversary_keys, date_range
from app.customers.filters.registry import FilterEnv
from app.customers.models import Customer
from app.tags.models import CustomerTag, Tag


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# Tag name keys (lower-case) to ids, looked up before compiling (see `tag_names`).
TagIds = Mapping[str, uuid.UUID]


def tag_names(node: Node) -> set[str]:
    """The tag name keys a tree mentions, to look their ids up once before compiling."""
    if isinstance(node, And | Or):
        return set().union(*(tag_names(c) for c in node.children))
    if isinstance(node, Not):
        return tag_names(node.child)
    if node.field.type == "tags" and node.value:
        return {n.lower() for n in node.value}
    return set()


def compile_filter(
    node: Node, env: FilterEnv, tag_ids: TagIds | None = None
) -> ColumnElement[bool]:
    """The condition for a tree. With `tag_ids` (every name of `tag_names(node)` that
    exists), tag conditions compare constant ids, which the planner can estimate."""
    if isinstance(node, And):
        return and_(*(compile_filter(c, env, tag_ids) for c in node.children))
    if isinstance(node, Or):
        return or_(*(compile_filter(c, env, tag_ids) for c in node.children))
    if isinstance(node, Not):
        return compile_filter(node.child, env, tag_ids).is_not(true())
    if node.field.type == "tags":
        return _tags(node.op, node.value, env, tag_ids)
    return _condition(node, env)


def _tags(
    op: str, names: tuple[str, ...] | None, env: FilterEnv, tag_ids: TagIds | None
) -> ColumnElement[bool]:
    linked = select(CustomerTag.tag_id).where(
        CustomerTag.tenant_id == env.tenant_id, CustomerTag.customer_id == Customer.id
    )
    if op in ("is_empty", "is_not_empty"):
        found = exists(linked)
        return found if op == "is_not_empty" else ~found
    keys = sorted({n.lower() for n in names or ()})
    if tag_ids is not None:
        ids = [tag_ids[k] for k in keys if k in tag_ids]
        if op == "has_all" and len(ids) < len(keys):
            return false()  # a tag that does not exist is on nobody
        if not ids:
            # None of the tags exists: decided here, not by a subquery that is constantly
            # false (Citus prunes such a subquery to no shard and then refuses the query).
            return false() if op == "has_any" else true()
        matching = linked.where(CustomerTag.tag_id.in_(ids))
    else:
        matching = linked.join(
            Tag, (Tag.tenant_id == env.tenant_id) & (Tag.id == CustomerTag.tag_id)
        ).where(Tag.name_key.in_(keys))
    if op == "has_any":
        return exists(matching)
    if op == "has_none":
        return ~exists(matching)
    return matching.with_only_columns(func.count()).scalar_subquery() == len(keys)


def _condition(cond: Cond, env: FilterEnv) -> ColumnElement[bool]:
    kind, op, value = cond.field.type, cond.op, cond.value
    if kind == "tags":
        return _tags(op, value, env, None)
    assert cond.field.sql is not None
    col: Any = cond.field.sql(env)
    if op == "is_empty":
        return or_(col.is_(None), col == "") if kind == "text" else col.is_(None)
    if op == "is_not_empty":
        return and_(col.is_not(None), col != "") if kind == "text" else col.is_not(None)
    if kind == "text":
        return _text(col, op, value)
    if kind in ("date", "datetime"):
        if op == "ne":
            low, high = date_range("eq", value, env, kind)
            return or_(col.is_(None), col < low, col >= high)
        if op == "anniversary_in_next":
            key = extract("month", col) * 100 + extract("day", col)
            return key.in_(anniversary_keys(value, env))
        low, high = date_range(op, value, env, kind)
        parts = []
        if low is not None:
            parts.append(col >= low)
        if high is not None:
            parts.append(col < high)
        inside = and_(*parts) if parts else true()
        if op == "not_in_last":
            return or_(col.is_(None), inside.is_not(true()))
        return inside
    return _scalar(col, op, value)


def _as_column_type(col: Any, value: Any) -> Any:
    """A whole number compared with an integer column stays an integer: `visits >= 2.0`
    would cast the column to numeric, hiding it from its statistics and indexes."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        try:
            python_type = col.type.python_type
        except (AttributeError, NotImplementedError):
            return value
        if python_type is int:
            return int(value)
    if isinstance(value, list | tuple):
        return type(value)(_as_column_type(col, v) for v in value)
    return value


def _scalar(col: Any, op: str, value: Any) -> ColumnElement[bool]:
    value = _as_column_type(col, value)
    if op == "eq":
        return col == value  # type: ignore[no-any-return]
    if op == "ne":
        return col.is_distinct_from(value)  # type: ignore[no-any-return]
    if op == "gt":
        return col > value  # type: ignore[no-any-return]
    if op == "gte":
        return col >= value  # type: ignore[no-any-return]
    if op == "lt":
        return col < value  # type: ignore[no-any-return]
    if op == "lte":
        return col <= value  # type: ignore[no-any-return]
    if op == "between":
        return and_(col >= value[0], col <= value[1])
    if op == "in":
        return col.in_(list(value))  # type: ignore[no-any-return]
    if op == "not_in":
        return or_(col.is_(None), col.not_in(list(value)))
    return false()


def _text(col: Any, op: str, value: Any) -> ColumnElement[bool]:
    lowered = func.lower(col)
    if op == "eq":
        return lowered == value.lower()  # type: ignore[no-any-return]
    if op == "ne":
        return lowered.is_distinct_from(value.lower())
    if op == "in":
        return lowered.in_([v.lower() for v in value])
    if op == "not_in":
        return or_(col.is_(None), lowered.not_in([v.lower() for v in value]))
    pattern = like_escape(value)
    if op == "contains":
        return col.ilike(f"%{pattern}%", escape="\\")  # type: ignore[no-any-return]
    if op == "not_contains":
        return or_(col.is_(None), col.not_ilike(f"%{pattern}%", escape="\\"))
    if op == "starts_with":
        return col.ilike(f"{pattern}%", escape="\\")  # type: ignore[no-any-return]
    if op == "ends_with":
        return col.ilike(f"%{pattern}", escape="\\")  # type: ignore[no-any-return]
    return false()
