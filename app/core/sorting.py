"""One sort syntax everywhere: `sort=-total_spent,last_name`, always stable by id."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import UnaryExpression

from app.core.errors import ValidationFailed

MAX_SORT_KEYS = 4


def parse_sort(
    text: str | None,
    allowed: Mapping[str, Any],
    tiebreak: Any,
    default: str,
) -> list[UnaryExpression[Any]]:
    spec = (text or default).strip()
    keys = [k.strip() for k in spec.split(",") if k.strip()]
    if len(keys) > MAX_SORT_KEYS:
        raise ValidationFailed.field(
            ["query", "sort"], "invalid_sort", f"Sort by at most {MAX_SORT_KEYS} fields."
        )
    order: list[UnaryExpression[Any]] = []
    for key in keys:
        desc = key.startswith("-")
        name = key.lstrip("-+")
        column = allowed.get(name)
        if column is None:
            raise ValidationFailed.field(
                ["query", "sort"],
                "invalid_sort",
                f"Cannot sort by {name!r}; sortable fields: {', '.join(sorted(allowed))}.",
            )
        order.append(column.desc() if desc else column.asc())
    last_desc = bool(keys) and keys[-1].startswith("-")
    order.append(tiebreak.desc() if last_desc else tiebreak.asc())
    return order
