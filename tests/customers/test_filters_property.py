"""Random filter trees: the SQL compiler and the Python evaluator must select the same rows."""

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.filters.ast import parse_tree
from app.customers.filters.evaluate import evaluate
from app.customers.filters.registry import NO_VALUE_OPS, OPERATORS, fields_for
from app.customers.search import filter_env
from tests.customers.filter_data import COLOURS, TAGS, TEXTS, load_rows, make_dataset, sql_ids

FIELDS = {
    "first_name": "text",
    "last_name": "text",
    "city": "text",
    "email": "text",
    "visits": "number",
    "total_spent": "money",
    "avg_check": "money",
    "birth_date": "date",
    "last_visit_at": "datetime",
    "created_at": "datetime",
    "status": "enum",
    "gender": "enum",
    "consent.sms_marketing": "boolean",
    "tags": "tags",
    "cf.colour": "enum",
    "cf.score": "number",
    "cf.nick": "text",
    "cf.since": "date",
    "cf.vip_card": "boolean",
}
DATES = st.dates().map(lambda d: d.isoformat()).filter(lambda s: "1990" <= s <= "2030")


def _scalar(field: str, kind: str) -> st.SearchStrategy[Any]:
    if kind == "text":
        return st.sampled_from([*TEXTS, "user1", "example", "ŁÓDŹ", "%", "_"]).filter(bool)
    if kind == "number":
        return st.integers(min_value=-1, max_value=12)
    if kind == "money":
        return st.sampled_from(["0", "10", "10.00", "50.25", "99.5", "500", "1000.01", "2000"])
    if kind in ("date", "datetime"):
        return DATES
    if kind == "enum":
        values = {
            "status": ["active", "blocked", "inactive"],
            "gender": ["female", "male", "other", "unknown"],
        }.get(field, COLOURS)
        return st.sampled_from(values)
    if kind == "boolean":
        return st.booleans()
    return st.sampled_from([*TAGS, "vip", "none"])


@st.composite
def condition(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(st.sampled_from(sorted(FIELDS)))
    kind = FIELDS[field]
    op = draw(st.sampled_from(OPERATORS[kind]))
    node: dict[str, Any] = {"field": field, "op": op}
    if op in NO_VALUE_OPS:
        return node
    scalar = _scalar(field, kind)
    if op in ("in_last", "not_in_last", "older_than", "anniversary_in_next"):
        node["value"] = draw(st.sampled_from(["1d", "7d", "30d", "2w", "1m", "3m", "1y"]))
    elif op in ("in", "not_in", "has_any", "has_all", "has_none"):
        node["value"] = draw(st.lists(scalar, min_size=1, max_size=3))
    elif op == "between":
        low, high = sorted(
            draw(st.lists(scalar, min_size=2, max_size=2)),
            key=lambda v: float(v) if kind in ("number", "money") else v,
        )
        node["value"] = [low, high]
    else:
        node["value"] = draw(scalar)
    return node


trees = st.recursive(
    condition(),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(lambda xs: {"and": xs}),
        st.lists(children, min_size=1, max_size=3).map(lambda xs: {"or": xs}),
        children.map(lambda x: {"not": x}),
    ),
    max_leaves=6,
)


class TestCompilerMatchesEvaluator:
    async def test_random_trees_select_the_same_rows(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        await make_dataset(session, ctx, n=40, seed=11)
        fields = await fields_for(session, ctx.tenant_id)
        rows = await load_rows(session, ctx)
        env = filter_env(ctx)
        generated: list[dict[str, Any]] = []

        # Draw the trees first (hypothesis drives a sync function), then check each on the database.
        @settings(
            max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(trees)
        def collect(tree: dict[str, Any]) -> None:
            generated.append(tree)

        collect()
        assert len(generated) >= 100
        for tree in generated:
            node = parse_tree(tree, fields)
            expected = {cid for cid, row in rows.items() if evaluate(node, row, env)}
            assert await sql_ids(session, ctx, tree, env) == expected, tree
