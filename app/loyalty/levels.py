"""Levels: the figure (points earned or amount spent in the rolling window) decides the level
the customer qualifies for; up at once, down only after the grace period; history kept.

The rule is one SQL statement, run for one account (after each transaction, the account locked)
or for every account of a tenant (the nightly job): a million accounts in seconds, not an hour
of one query per account."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import RowMapping, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from app.core import citus
from app.loyalty.models import LoyaltyAccount, LoyaltyLevelChange
from app.loyalty.rules import Rules

# The figure per customer: points earned less what refunds clawed back (adjustments do not
# qualify), or the amount spent (refunds are negative amounts).
_FIGURES = {
    "points_earned": """
  SELECT customer_id, sum(points) AS n FROM loyalty_entries
  WHERE tenant_id = :tenant_id AND kind IN ('earn', 'clawback') AND created_at > :since {one}
  GROUP BY customer_id""",
    "amount_spent": """
  SELECT customer_id, sum(amount) AS n FROM transactions
  WHERE tenant_id = :tenant_id AND occurred_at > :since AND occurred_at <= :now {one}
  GROUP BY customer_id""",
}

# Levels rank by their order in the rules (thresholds ascending), 1 the lowest; a level the
# rules no longer have ranks 0, as no level. The levels are the statement's parameters, as
# CASE expressions (`_Levels`): no table function or CTE of them, so that on Citus each
# statement stays one shard's (a router query), FOR UPDATE included. The decision per account:
#   qualified    the target ranks at least the current level and differs from what is stored
#   clear        the target ranks at least the current level: a running grace period ends
#   mark         the target ranks lower: the grace period starts now
#   grace_ended  the target ranks lower and the grace period is over
_DECIDE = """
WITH figure AS ({figure}
), ranked AS (
  SELECT a.customer_id, a.level, a.below_level_since,
    {target_rank} AS target_rank, {current_rank} AS current_rank
  FROM loyalty_accounts a
  LEFT JOIN figure f ON f.customer_id = a.customer_id
  WHERE a.tenant_id = :tenant_id {account}
), decided AS (
  SELECT customer_id, level, below_level_since, {target_name} AS target,
    CASE
      WHEN target_rank >= current_rank THEN
        CASE WHEN target_rank = current_rank AND (level IS NULL OR current_rank > 0)
             THEN CASE WHEN below_level_since IS NOT NULL THEN 'clear' END
             ELSE 'qualified' END
      WHEN below_level_since IS NULL THEN 'mark'
      WHEN :now - below_level_since >= :grace THEN 'grace_ended'
    END AS action
  FROM ranked
)"""

# Accounts are locked in key order before the update, as every writer of points locks them:
# the ones to change are decided and locked by one statement (its rows are locked as they
# leave the sort, in key order), then updated by the next.
_LOCK_CHANGING = """{decide}
SELECT a.customer_id FROM loyalty_accounts a
JOIN decided d ON d.customer_id = a.customer_id AND d.action IS NOT NULL
WHERE a.tenant_id = :tenant_id
ORDER BY a.customer_id
FOR UPDATE OF a"""

# Only an account still as it was read changes (a transaction may have moved it meanwhile).
# The history's source is a CTE: on Citus it goes through the coordinator (`core.citus`).
_APPLY = """{decide}, moved AS (
  UPDATE loyalty_accounts a SET
    level = CASE WHEN d.action IN ('qualified', 'grace_ended') THEN d.target ELSE a.level END,
    level_since = CASE WHEN d.action IN ('qualified', 'grace_ended') THEN :now
                       ELSE a.level_since END,
    below_level_since = CASE WHEN d.action = 'mark' THEN :now END,
    updated_at = CASE WHEN d.action IN ('qualified', 'grace_ended') THEN :now
                      ELSE a.updated_at END
  FROM decided d
  WHERE a.tenant_id = :tenant_id AND a.customer_id = d.customer_id AND d.action IS NOT NULL
    AND a.level IS NOT DISTINCT FROM d.level
    AND a.below_level_since IS NOT DISTINCT FROM d.below_level_since
  RETURNING a.customer_id, d.level AS from_level, d.action, a.level, a.level_since,
    a.below_level_since, a.updated_at
), history AS (
  INSERT INTO loyalty_level_changes (tenant_id, id, customer_id, from_level, to_level, reason,
                                     created_at)
  SELECT :tenant_id, gen_random_uuid(), customer_id, from_level, level, action, :now
  FROM moved WHERE action IN ('qualified', 'grace_ended'){pulled}
)
{result}"""

_MOVES = "count(*) FILTER (WHERE action IN ('qualified', 'grace_ended'))"


@dataclass(frozen=True)
class _Levels:
    """The rules' levels as SQL: rank of the figure, rank of a stored level, name of a rank."""

    target_rank: str
    current_rank: str
    target_name: str
    params: dict[str, object]


def _levels(rules: Rules) -> _Levels:
    """Searched CASEs only: Citus deparses a simple one (`CASE x WHEN $1`) of a router query
    wrongly (a comparison with a boolean)."""
    if not rules.levels:
        return _Levels("0", "0", "NULL::text", {})
    params: dict[str, object] = {}
    reached: list[str] = []
    named: list[str] = []
    names: list[str] = []
    for rank, level in enumerate(rules.levels, start=1):
        params[f"level_{rank}"], params[f"threshold_{rank}"] = level.name, level.threshold
        # Highest rank first: the first threshold the figure reaches is the one.
        reached.insert(0, f"WHEN coalesce(f.n, 0) >= :threshold_{rank} THEN {rank}")
        named.append(f"WHEN a.level = :level_{rank} THEN {rank}")
        names.append(f"WHEN target_rank = {rank} THEN CAST(:level_{rank} AS text)")
    return _Levels(
        target_rank=f"CASE {' '.join(reached)} ELSE 0 END",
        current_rank=f"CASE {' '.join(named)} ELSE 0 END",
        target_name=f"CASE {' '.join(names)} END",
        params=params,
    )


# Which accounts a statement decides: one (after a transaction), every account of the tenant
# (to find what the nightly run changes), or the ones the nightly run has locked.
_ACCOUNTS = {
    "one": "AND a.customer_id = :customer_id",
    "all": "",
    "locked": "AND a.customer_id = ANY(:ids)",
}


def _decide(rules: Rules, accounts: str) -> str:
    lv = _levels(rules)
    return _DECIDE.format(
        figure=_FIGURES[rules.level_basis].format(
            one="AND customer_id = :customer_id" if accounts == "one" else ""
        ),
        account=_ACCOUNTS[accounts],
        target_rank=lv.target_rank,
        current_rank=lv.current_rank,
        target_name=lv.target_name,
    )


def _params(rules: Rules, tenant_id: uuid.UUID, now: datetime) -> dict[str, object]:
    return {
        "tenant_id": tenant_id,
        "now": now,
        "since": now - timedelta(days=rules.level_window_days),
        "grace": timedelta(days=rules.level_grace_days),
    } | _levels(rules).params


async def qualifying_figure(
    session: AsyncSession, rules: Rules, tenant_id: uuid.UUID, customer_id: uuid.UUID, now: datetime
) -> Decimal:
    """The customer's figure now (what the next level is measured against)."""
    figure = _FIGURES[rules.level_basis].format(one="AND customer_id = :customer_id")
    params = _params(rules, tenant_id, now) | {"customer_id": customer_id}
    return Decimal(
        await session.scalar(text(f"SELECT coalesce(sum(n), 0) FROM ({figure}) f"), params) or 0
    )


def one_statement(
    rules: Rules, tenant_id: uuid.UUID, customer_id: uuid.UUID, now: datetime, *, pulled: str
) -> tuple[str, dict[str, object]]:
    """The statement that moves one (locked) account to the level it qualifies for, returning
    its new level columns and the action taken (no row when nothing changed); its parameters."""
    apply = _APPLY.format(decide=_decide(rules, "one"), result="SELECT * FROM moved", pulled=pulled)
    return apply, _params(rules, tenant_id, now) | {"customer_id": customer_id}


async def recompute_one(
    session: AsyncSession, rules: Rules, tenant_id: uuid.UUID, customer_id: uuid.UUID,
    now: datetime,
) -> RowMapping | None:  # fmt: skip
    """Move the (locked) account to the level it qualifies for, in one statement; its new
    level columns and the action taken, None when nothing changed."""
    apply, params = one_statement(
        rules, tenant_id, customer_id, now, pulled=await citus.pulled_insert(session)
    )
    return (await session.execute(text(apply), params)).mappings().first()


def moved(row: RowMapping | None) -> bool:
    """Whether `recompute_one` changed the level (not only the grace period's start)."""
    return row is not None and row["action"] in ("qualified", "grace_ended")


async def recompute(
    session: AsyncSession, rules: Rules, account: LoyaltyAccount, now: datetime
) -> bool:
    """`recompute_one` for a loaded account, which it updates; True when the level changed."""
    await session.flush()
    row = await recompute_one(session, rules, account.tenant_id, account.customer_id, now)
    if row is None:
        return False
    for name in ("level", "level_since", "below_level_since", "updated_at"):
        set_committed_value(account, name, row[name])
    return moved(row)


async def recompute_all(
    session: AsyncSession, rules: Rules, tenant_id: uuid.UUID, now: datetime
) -> int:
    """Every account of the tenant (the nightly job); the number of level changes."""
    params = _params(rules, tenant_id, now)
    lock_changing = _LOCK_CHANGING.format(decide=_decide(rules, "all"))
    ids = list(await session.scalars(text(lock_changing), params))
    if not ids:
        return 0
    apply = _APPLY.format(
        decide=_decide(rules, "locked"), result=f"SELECT {_MOVES} FROM moved",
        pulled=await citus.pulled_insert(session),
    )  # fmt: skip
    return int(await session.scalar(text(apply), params | {"ids": ids}) or 0)


async def history(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> list[LoyaltyLevelChange]:
    rows = await session.scalars(
        select(LoyaltyLevelChange)
        .where(
            LoyaltyLevelChange.tenant_id == tenant_id,
            LoyaltyLevelChange.customer_id == customer_id,
        )
        .order_by(LoyaltyLevelChange.created_at.desc(), LoyaltyLevelChange.id)
    )
    return list(rows)
