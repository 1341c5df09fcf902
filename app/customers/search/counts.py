"""How many customers match: exact up to `COUNT_CAP` within a time budget, else the planner's
estimate (flagged), so a page never counts a million rows."""

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, literal, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement, ColumnElement

from app.core.citus import on_citus
from app.core.config import get_settings
from app.core.context import Context
from app.customers.models import Customer
from app.customers.search.quick import QuickSearch
from app.customers.search.selection import Selection, selection_and_quick, selection_where

# `total` is exact up to this many matches; beyond it, the planner's estimate (flagged).
COUNT_CAP = 10_000
# With a larger estimate (2 of the planner's 100 histogram samples), skip counting.
ESTIMATE_ONLY_ABOVE = 2 * COUNT_CAP


@dataclass(frozen=True)
class SearchTotal:
    total: int
    is_estimate: bool


class _Explain(Executable, ClauseElement):
    """`EXPLAIN (FORMAT JSON) <select>`: the planner's row estimate, without running it."""

    inherit_cache = False

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement


@compiles(_Explain, "postgresql")
def _compile_explain(element: _Explain, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN (FORMAT JSON) " + str(compiler.process(element.statement, **kw))


async def estimate_count(session: AsyncSession, where: ColumnElement[bool]) -> int:
    """The planner's estimate of the matches: one planning, no rows read.

    On Citus, an EXPLAIN in a transaction block turns local execution off for the rest of the
    transaction (`citus.enable_local_execution`, utility_hook.c). A transaction that has already
    read a reference table locally (`tenants`, on the coordinator) must then reach the
    coordinator's placement over a connection for its next write to a reference table, which
    Citus refuses: XX000 "cannot switch local execution status from local execution required
    to local execution disabled". So there the EXPLAIN runs in a savepoint rolled back at once,
    which restores the setting (tests/citus/test_local_execution.py)."""
    if not await on_citus(session):
        return await _estimate(session, where)
    savepoint = await session.begin_nested()
    try:
        return await _estimate(session, where)
    finally:
        await savepoint.rollback()


async def _estimate(session: AsyncSession, where: ColumnElement[bool]) -> int:
    statement = _Explain(select(Customer.id).where(where))
    plan = _top_plan(await session.scalar(statement))
    tasks = _distributed_tasks(plan)
    if tasks is None:
        return int(plan["Plan Rows"]) if plan else 0
    if tasks["Tasks Shown"] != "All":
        # Citus shows one shard's plan unless asked for all of them (this transaction only).
        await session.execute(select(func.set_config("citus.explain_all_tasks", "on", True)))
        tasks = _distributed_tasks(_top_plan(await session.scalar(statement))) or tasks
    return sum(int(task["Remote Plan"][0][0]["Plan"]["Plan Rows"]) for task in tasks["Tasks"])


def _top_plan(explained: Any) -> dict[str, Any]:
    rows = json.loads(explained) if isinstance(explained, str) else explained
    return rows[0]["Plan"] if rows else {}


def _distributed_tasks(plan: dict[str, Any]) -> dict[str, Any] | None:
    """On Citus the coordinator's own estimate is a constant; the shards' plans hold the real
    ones (one task for a tenant's query, one per shard otherwise)."""
    query = plan.get("Distributed Query")
    return query["Job"] if query else None


async def capped_count(
    session: AsyncSession, where: ColumnElement[bool], budget_ms: int | None = None
) -> int | None:
    """Matches counted up to COUNT_CAP + 1 rows; None when that takes longer than the budget.

    Runs in a savepoint under its own statement timeout (`count_budget_ms`), restored afterwards.
    """
    if budget_ms is None:
        budget_ms = get_settings().count_budget_ms
    capped = select(literal(1)).select_from(Customer).where(where).limit(COUNT_CAP + 1)
    try:
        async with session.begin_nested():
            previous = (
                await session.execute(
                    select(
                        func.current_setting("statement_timeout"),
                        func.set_config("statement_timeout", str(budget_ms), True),
                    )
                )
            ).scalar_one()
            n = await session.scalar(select(func.count()).select_from(capped.subquery()))
            await session.execute(select(func.set_config("statement_timeout", previous, True)))
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "57014":  # query_canceled
            raise
        return None
    return n or 0


@dataclass(frozen=True)
class QuickTotal:
    """What a quick search tells of its selection's total (`quick_total`): `known`, the total
    and whether it is an estimate; `count`, whether counting rows is worth its time."""

    known: tuple[int, bool] | None = None
    count: bool = True


async def match_total(
    session: AsyncSession,
    where: ColumnElement[bool],
    at_least: int = 0,
    quick: QuickTotal = QuickTotal(),
) -> tuple[int, bool]:
    """(total, is_estimate) of the customers matching `where`.

    Exact when counting up to COUNT_CAP fits its time budget; otherwise the planner's
    estimate, never below `at_least` (rows known to exist). Counting a million matches
    exactly would read a million rows on every page.

    `quick`: what the quick search knows; not counted when its matches would be tested row by
    row within the budget's time (`QuickSearch.many`).
    """
    if quick.known is not None:
        total, is_estimate = quick.known
        return (max(total, at_least), True) if is_estimate else (total, False)
    estimate = await estimate_count(session, where)
    # Rows past the cap are known to exist (a deep page): a capped count could only say so.
    if estimate <= ESTIMATE_ONLY_ABOVE and quick.count and at_least <= COUNT_CAP:
        n = await capped_count(session, where)
        if n is not None and n <= COUNT_CAP:
            return n, False
        if n is not None:
            at_least = max(at_least, n)
    return max(estimate, at_least), True


async def page_total(
    session: AsyncSession,
    where: ColumnElement[bool],
    seen: int,
    more: bool,
    quick: QuickTotal = QuickTotal(),
) -> tuple[int, bool]:
    """(total, is_estimate) for a page that showed rows up to `seen` and maybe `more`:
    exact without a query when the page reaches the end, else `match_total`."""
    if not more:
        return seen, False
    return await match_total(session, where, seen + 1, quick)


def quick_total(selection: Selection, quick: QuickSearch | None) -> QuickTotal:
    """What the selection's quick search tells of its total.

    Known when nothing else (filter, segment, ids) narrows the search: the customers it listed
    from the index (exact up to COUNT_CAP, as a count); about, the estimate for its common
    terms. Common terms are not counted in any case.
    """
    if quick is None:
        return QuickTotal()
    alone = not selection.filter and selection.segment_id is None and selection.ids is None
    known = None
    if alone and quick.listed is not None:
        known = (quick.listed, quick.listed > COUNT_CAP)
    elif alone and quick.many is not None:
        known = (quick.many, True)
    return QuickTotal(known, quick.many is None)


async def count_matches(session: AsyncSession, ctx: Context, selection: Selection) -> SearchTotal:
    """The `total` a page of this selection would carry, on its own: the list can ask for
    rows without it and show the count when it arrives (two queries in parallel)."""
    where, quick = await selection_and_quick(session, ctx, selection, None, None)
    total, estimate = await match_total(session, where, 0, quick_total(selection, quick))
    return SearchTotal(total, estimate)


async def count(session: AsyncSession, ctx: Context, selection: Selection) -> int:
    where = await selection_where(session, ctx, selection)
    return await session.scalar(select(func.count()).select_from(Customer).where(where)) or 0
