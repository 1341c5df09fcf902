import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.filters.ast import MAX_DEPTH, MAX_LIST, InvalidFilter, parse_tree
from app.customers.filters.evaluate import evaluate
from app.customers.filters.parse_text import parse_text
from app.customers.filters.registry import (
    OPERATORS,
    FieldDef,
    FilterEnv,
    fields_for,
    registered_fields,
)
from app.customers.search import filter_env
from tests.customers.filter_data import load_rows, make_dataset, sql_ids

BASE = registered_fields()


def errors_of(raw: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidFilter) as info:
        parse_tree(raw, BASE)
    return [(e.message.split(":")[0], e.code) for e in info.value.errors or []]


class TestParseTree:
    def test_valid_tree_parses(self) -> None:
        node = parse_tree(
            {
                "and": [
                    {"field": "tags", "op": "has_any", "value": ["VIP"]},
                    {"or": [{"not": {"field": "email", "op": "is_empty"}}]},
                ]
            },
            BASE,
        )
        assert node is not None

    def test_bad_operator_is_named_by_its_path(self) -> None:
        tree = {
            "and": [
                {"field": "status", "op": "eq", "value": "active"},
                {"field": "visits", "op": "gt", "value": 1},
                {"or": [{"field": "email", "op": "bigger", "value": "x"}]},
            ]
        }
        assert errors_of(tree) == [("filter.and[2].or[0].op", "invalid_operator")]

    def test_every_bad_node_is_reported(self) -> None:
        tree = {
            "or": [
                {"field": "nope", "op": "eq", "value": 1},
                {"field": "visits", "op": "gt", "value": "x"},
            ]
        }
        assert errors_of(tree) == [
            ("filter.or[0].field", "unknown_field"),
            ("filter.or[1].value", "invalid_value"),
        ]

    def test_missing_value_is_rejected(self) -> None:
        assert errors_of({"field": "visits", "op": "gt"}) == [("filter.value", "missing_value")]

    def test_value_on_a_no_value_operator_is_rejected(self) -> None:
        assert errors_of({"field": "created_at", "op": "today", "value": 3}) == [
            ("filter.value", "unexpected_value")
        ]

    def test_enum_value_must_be_known(self) -> None:
        assert errors_of({"field": "status", "op": "eq", "value": "gone"}) == [
            ("filter.value", "invalid_value")
        ]

    def test_depth_is_limited(self) -> None:
        tree: dict[str, Any] = {"field": "visits", "op": "gt", "value": 1}
        for _ in range(MAX_DEPTH + 1):
            tree = {"not": tree}
        assert errors_of(tree)[0][1] == "too_deep"

    def test_node_count_is_limited(self) -> None:
        tree = {"or": [{"field": "visits", "op": "eq", "value": i} for i in range(150)]}
        assert errors_of(tree)[0][1] == "too_many_nodes"

    def test_in_list_length_is_limited(self) -> None:
        tree = {"field": "city", "op": "in", "value": ["x"] * (MAX_LIST + 1)}
        assert errors_of(tree) == [("filter.value", "invalid_value")]

    def test_pattern_length_is_limited(self) -> None:
        assert (
            errors_of({"field": "city", "op": "contains", "value": "x" * 300})[0][1]
            == "invalid_value"
        )

    def test_between_needs_low_and_high(self) -> None:
        assert (
            errors_of({"field": "visits", "op": "between", "value": [5, 1]})[0][1]
            == "invalid_value"
        )

    def test_duration_must_be_well_formed(self) -> None:
        assert (
            errors_of({"field": "created_at", "op": "in_last", "value": "30 days"})[0][1]
            == "invalid_value"
        )

    def test_tags_accept_eq_as_has_any(self) -> None:
        node = parse_tree({"field": "tags", "op": "eq", "value": "VIP"}, BASE)
        assert node.op == "has_any" and node.value == ("VIP",)  # type: ignore[union-attr]

    def test_empty_group_is_rejected(self) -> None:
        assert errors_of({"and": []}) == [("filter.and", "invalid_node")]


class TestParseText:
    def test_issue_example_compiles_to_the_tree(self) -> None:
        text = (
            'tags = "VIP" AND status = active AND (total_spent >= 500 OR NOT email is_empty) '
            "AND created_at in_last 30d"
        )
        assert parse_text(text) == {
            "and": [
                {"field": "tags", "op": "eq", "value": "VIP"},
                {"field": "status", "op": "eq", "value": "active"},
                {
                    "or": [
                        {"field": "total_spent", "op": "gte", "value": "500"},
                        {"not": {"field": "email", "op": "is_empty"}},
                    ]
                },
                {"field": "created_at", "op": "in_last", "value": "30d"},
            ]
        }

    def test_and_binds_tighter_than_or(self) -> None:
        assert parse_text("visits > 1 OR visits < 0 AND city = x") == {
            "or": [
                {"field": "visits", "op": "gt", "value": "1"},
                {
                    "and": [
                        {"field": "visits", "op": "lt", "value": "0"},
                        {"field": "city", "op": "eq", "value": "x"},
                    ]
                },
            ]
        }

    def test_keywords_are_case_insensitive(self) -> None:
        assert parse_text("not city is_empty and visits != 2") == {
            "and": [
                {"not": {"field": "city", "op": "is_empty"}},
                {"field": "visits", "op": "ne", "value": "2"},
            ]
        }

    def test_lists_and_quoted_strings(self) -> None:
        assert parse_text('city in [\'Łódź\', "Kraków \\"old\\""]') == {
            "field": "city",
            "op": "in",
            "value": ["Łódź", 'Kraków "old"'],
        }

    def test_every_symbol_maps_to_an_operator(self) -> None:
        ops = [parse_text(f"visits {s} 1")["op"] for s in ("=", "!=", ">", ">=", "<", "<=")]
        assert ops == ["eq", "ne", "gt", "gte", "lt", "lte"]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('city = "Łódź', "Unterminated string starting at position 8."),
            ("city", "Expected an operator after 'city' at position 5, found the end."),
            ("city likes x", "Expected an operator after 'city' at position 6, found 'likes'."),
            ("(city = x", "Expected ')' at position 10 to close '(' at 1."),
            ("city = x )", "Unexpected ')' at position 10: expected AND, OR or the end."),
            ("city = AND", "Expected a value after '=' at position 8, found 'AND'."),
            ("AND city = x", "Expected a field name at position 1, found 'AND'."),
            ("", "The filter is empty."),
            ("city in [a, b", "Expected ']' at position 14 to close '[' at 9."),
        ],
    )
    def test_syntax_errors_say_where(self, text: str, message: str) -> None:
        with pytest.raises(InvalidFilter) as info:
            parse_text(text)
        assert info.value.detail == message
        assert info.value.errors and info.value.errors[0].loc == ["filter"]

    def test_text_and_tree_give_the_same_node(self) -> None:
        text = "tags = VIP AND (visits >= 2 OR city contains 'łó')"
        assert parse_tree(parse_text(text), BASE) == parse_tree(
            {
                "and": [
                    {"field": "tags", "op": "has_any", "value": ["VIP"]},
                    {
                        "or": [
                            {"field": "visits", "op": "gte", "value": 2},
                            {"field": "city", "op": "contains", "value": "łó"},
                        ]
                    },
                ]
            },
            BASE,
        )


class TestRegistry:
    def test_a_tenant_field_beside_the_registry_parses(self) -> None:
        from app.customers.models import Customer

        extra = FieldDef(
            "visits_x2", "number", {"en": "Twice visits"}, lambda env: Customer.visits * 2
        )
        fields = {**registered_fields(), extra.name: extra}
        assert parse_tree({"field": "visits_x2", "op": "gt", "value": 2}, fields)

    def test_the_registry_lists_the_period_fields_itself(self) -> None:
        assert {"spent_last_30_days", "visits_last_365_days", "purchases_last_90_days"} <= set(
            registered_fields()
        )

    def test_every_field_type_has_operators(self) -> None:
        assert all(f.operators == OPERATORS[f.type] for f in BASE.values())


def _value_for(field: str, kind: str, op: str) -> Any:
    if op in (
        "is_empty",
        "is_not_empty",
        "today",
        "this_week",
        "last_week",
        "this_month",
        "last_month",
        "this_year",
    ):
        return None
    if op in ("in_last", "not_in_last", "older_than"):
        return "30d"
    if op == "anniversary_in_next":
        return "2m"
    samples: dict[str, Any] = {
        "text": "ann",
        "number": 2,
        "money": "99.50",
        "date": "2023-06-01",
        "datetime": datetime.now(UTC).date().isoformat(),
        "enum": "green"
        if field.startswith("cf.")
        else ("active" if field == "status" else "female"),
        "boolean": True,
        "tags": ["VIP", "gold"],
    }
    value = samples[kind]
    if op in ("in", "not_in"):
        return [value, "Łódź" if kind == "text" else value]
    if op == "between":
        return {"number": [1, 3], "money": ["10", "500"], "date": ["2000-01-01", "2023-01-01"]}.get(
            kind, ["2025-01-01", value]
        )
    return value


FIELDS_UNDER_TEST = [
    ("first_name", "text"),
    ("city", "text"),
    ("visits", "number"),
    ("total_spent", "money"),
    ("avg_check", "money"),
    ("birth_date", "date"),
    ("last_visit_at", "datetime"),
    ("created_at", "datetime"),
    ("status", "enum"),
    ("gender", "enum"),
    ("consent.email_marketing", "boolean"),
    ("tags", "tags"),
    ("cf.colour", "enum"),
    ("cf.score", "number"),
    ("cf.nick", "text"),
    ("cf.since", "date"),
    ("cf.vip_card", "boolean"),
]


class TestEveryOperator:
    @pytest.mark.parametrize(
        ("field", "kind"), FIELDS_UNDER_TEST, ids=[f for f, _ in FIELDS_UNDER_TEST]
    )
    async def test_sql_agrees_with_the_evaluator_for_every_operator(
        self, session: AsyncSession, ctx: Context, field: str, kind: str
    ) -> None:
        await make_dataset(session, ctx, n=30)
        fields = await fields_for(session, ctx.tenant_id)
        env = filter_env(ctx)
        rows = await load_rows(session, ctx)
        for op in OPERATORS[kind]:
            tree = {"field": field, "op": op, "value": _value_for(field, kind, op)}
            node = parse_tree(tree, fields)
            expected = {cid for cid, row in rows.items() if evaluate(node, row, env)}
            assert await sql_ids(session, ctx, tree, env) == expected, tree
            negated = {cid for cid in rows if cid not in expected}
            assert await sql_ids(session, ctx, {"not": tree}, env) == negated, tree


class TestOperatorMeaning:
    async def _names(
        self, session: AsyncSession, ctx: Context, tree: Any, env: FilterEnv | None = None
    ) -> set[str]:
        rows = await load_rows(session, ctx)
        ids = await sql_ids(session, ctx, tree, env or filter_env(ctx))
        return {rows[i]["first_name"] for i in ids}

    async def _people(self, session: AsyncSession, ctx: Context) -> None:
        from tests.factories import create_customer

        await create_customer(session, ctx, first_name="Ann", city="Łódź", tags=["VIP"])
        await create_customer(session, ctx, first_name="Bob", city="a%b", tags=["Regular"])
        await create_customer(session, ctx, first_name="Cyd", city=None)

    async def test_contains_is_case_insensitive(self, session: AsyncSession, ctx: Context) -> None:
        await self._people(session, ctx)
        assert await self._names(
            session, ctx, {"field": "city", "op": "contains", "value": "ŁÓ"}
        ) == {"Ann"}

    async def test_like_wildcards_in_values_are_literal(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        await self._people(session, ctx)
        assert await self._names(
            session, ctx, {"field": "city", "op": "contains", "value": "%"}
        ) == {"Bob"}

    async def test_ne_includes_empty_fields(self, session: AsyncSession, ctx: Context) -> None:
        await self._people(session, ctx)
        assert await self._names(session, ctx, {"field": "city", "op": "ne", "value": "łódź"}) == {
            "Bob",
            "Cyd",
        }

    async def test_has_none_includes_untagged(self, session: AsyncSession, ctx: Context) -> None:
        await self._people(session, ctx)
        assert await self._names(
            session, ctx, {"field": "tags", "op": "has_none", "value": ["vip"]}
        ) == {"Bob", "Cyd"}

    async def test_not_of_a_condition_on_an_empty_field_matches(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        await self._people(session, ctx)
        tree = {"not": {"field": "city", "op": "contains", "value": "b"}}
        assert await self._names(session, ctx, tree) == {"Ann", "Cyd"}


class TestImportField:
    async def test_import_id_finds_what_an_import_created(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        from tests.factories import create_customer

        batch = uuid.uuid4()
        mine = await create_customer(session, ctx, first_name="Imported")
        await create_customer(session, ctx, first_name="Typed in")
        mine.import_id = batch
        await session.flush()
        env = filter_env(ctx)
        assert await sql_ids(
            session, ctx, {"field": "import_id", "op": "eq", "value": str(batch)}, env
        ) == {mine.id}
        fields = await fields_for(session, ctx.tenant_id)
        with pytest.raises(InvalidFilter) as bad:
            parse_tree({"field": "import_id", "op": "eq", "value": "not-an-id"}, fields)
        assert "expected an id" in str(bad.value.errors[0].message)
