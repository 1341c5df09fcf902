"""Levels: the figure (points earned or amount spent in the rolling window) decides the level
the customer qualifies for; up at once, down only after the grace period; history kept.

The rule is one SQL statement, run for one account (after each transaction, the account locked)
or for every account of a tenant (the nightly job): a million accounts in seconds, not an hour
of one query per account."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

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

# Levels rank by their order in the rules (thresholds ascending); a level the rules no longer
# have ranks 0, as no level. The decision per account:
#   qualified    the target ranks at least the current level and differs from what is stored
#   clear        the target ranks at least the current level: a running grace period ends
#   mark         the target ranks lower: the grace period starts now
#   grace_ended  the target ranks lower and the grace period is over
_DECIDE = """
WITH lv AS (
  SELECT l.name, l.threshold, l.rank
  FROM unnest(CAST(:names AS text[]), CAST(:thresholds AS numeric[]))
       WITH ORDINALITY AS l(name, threshold, rank)
), figure AS ({figure}
), decided AS (
  SELECT a.customer_id, a.level, a.below_level_since, target.name AS target,
    CASE
      WHEN coalesce(target.rank, 0) >= coalesce(cur.rank, 0) THEN
        CASE WHEN target.name IS NOT DISTINCT FROM cur.name AND cur.name IS NOT DISTINCT FROM a.level
             THEN CASE WHEN a.below_level_since IS NOT NULL THEN 'clear' END
             ELSE 'qualified' END
      WHEN a.below_level_since IS NULL THEN 'mark'
      WHEN :now - a.below_level_since >= make_interval(days => :grace) THEN 'grace_ended'
    END AS action
  FROM loyalty_accounts a
  LEFT JOIN figure f ON f.customer_id = a.customer_id
  LEFT JOIN lv cur ON cur.name = a.level
  LEFT JOIN LATERAL (
    SELECT lv.name, lv.rank FROM lv WHERE lv.threshold <= coalesce(f.n, 0)
    ORDER BY lv.rank DESC LIMIT 1) target ON true
  WHERE a.tenant_id = :tenant_id {account}
)"""

# Accounts are locked in key order before the update, as every writer of points locks them.
_LOCK = """{decide}
SELECT a.customer_id FROM loyalty_accounts a JOIN decided d ON d.customer_id = a.customer_id
WHERE a.tenant_id = :tenant_id AND d.action IS NOT NULL
ORDER BY a.customer_id
FOR UPDATE OF a"""

# Only an account still as it was read changes (a transaction may have moved it meanwhile).
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
  FROM moved WHERE action IN ('qualified', 'grace_ended')
)
{result}"""

_MOVES = "count(*) FILTER (WHERE action IN ('qualified', 'grace_ended'))"


@dataclass(frozen=True)
class _Statements:
    lock: str
    apply: str


def _statements(rules: Rules, *, one: bool) -> _Statements:
    only = "AND customer_id = :customer_id" if one else ""
    decide = _DECIDE.format(
        figure=_FIGURES[rules.level_basis].format(one=only),
        account="AND a.customer_id = :customer_id" if one else "",
    )
    result = "SELECT * FROM moved" if one else f"SELECT {_MOVES} FROM moved"
    return _Statements(_LOCK.format(decide=decide), _APPLY.format(decide=decide, result=result))


def _params(rules: Rules, tenant_id: uuid.UUID, now: datetime) -> dict[str, object]:
    return {
        "tenant_id": tenant_id,
        "now": now,
        "since": now - timedelta(days=rules.level_window_days),
        "grace": rules.level_grace_days,
        "names": [lv.name for lv in rules.levels],
        "thresholds": [lv.threshold for lv in rules.levels],
    }


async def qualifying_figure(
    session: AsyncSession, rules: Rules, tenant_id: uuid.UUID, customer_id: uuid.UUID, now: datetime
) -> Decimal:
    """The customer's figure now (what the next level is measured against)."""
    figure = _FIGURES[rules.level_basis].format(one="AND customer_id = :customer_id")
    params = _params(rules, tenant_id, now) | {"customer_id": customer_id}
    return Decimal(
        await session.scalar(text(f"SELECT coalesce(sum(n), 0) FROM ({figure}) f"), params) or 0
    )


async def recompute(
    session: AsyncSession, rules: Rules, account: LoyaltyAccount, now: datetime
) -> bool:
    """Move the (locked) account to the level it qualifies for; True when it changed."""
    await session.flush()
    params = _params(rules, account.tenant_id, now) | {"customer_id": account.customer_id}
    row = (
        (await session.execute(text(_statements(rules, one=True).apply), params)).mappings().first()
    )
    if row is None:
        return False
    for name in ("level", "level_since", "below_level_since", "updated_at"):
        set_committed_value(account, name, row[name])
    return row["action"] in ("qualified", "grace_ended")


async def recompute_all(
    session: AsyncSession, rules: Rules, tenant_id: uuid.UUID, now: datetime
) -> int:
    """Every account of the tenant (the nightly job); the number of level changes."""
    statements = _statements(rules, one=False)
    params = _params(rules, tenant_id, now)
    await session.execute(text(statements.lock), params)
    return int(await session.scalar(text(statements.apply), params) or 0)


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
