"""The loyalty crons, per tenant: lots that mature or expire (FIFO: a lot expires whole, the
debits already took the oldest first), birthday bonuses on the tenant's local day, and the
nightly level recompute (downgrades after the grace period).

`tenants_with_programme` is the one query that looks across tenants; each tenant's work then
runs in its own transaction with `app.tenant_id` set, as row-level security expects.
"""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus, tenancy
from app.core.context import SYSTEM
from app.customers.birthdays import BORN_ON
from app.loyalty import levels, programme
from app.loyalty.ledger import credit, lock_account, lot_terms, now_of
from app.tenants import service as tenants

_ENABLED = text("""
SELECT coalesce((SELECT enabled FROM loyalty_programmes WHERE tenant_id = :tenant_id
                 ORDER BY version DESC LIMIT 1), false)
""")


async def tenants_with_programme(session: AsyncSession) -> list[uuid.UUID]:
    """Every tenant with an enabled programme: the crons' only cross-tenant query (each
    tenant asked with its tenant set, `tenancy.tenants_having`)."""
    return await tenancy.tenants_having(session, _ENABLED)


# Accounts are locked first, in key order, as every other writer of points locks them first:
# a cron and a redemption of one customer queue instead of deadlocking.
_LOCK_DUE = text("""
SELECT a.customer_id FROM loyalty_accounts a
WHERE a.tenant_id = :tenant_id AND a.customer_id IN (
  SELECT customer_id FROM loyalty_lots
  WHERE tenant_id = :tenant_id AND remaining > 0 AND expires_at <= now()
  UNION
  SELECT customer_id FROM loyalty_lots
  WHERE tenant_id = :tenant_id AND pending AND available_at <= now())
ORDER BY a.customer_id
FOR UPDATE OF a
""")

_MATURE = text("""
WITH due AS (
  UPDATE loyalty_lots SET pending = false
  WHERE tenant_id = :tenant_id AND pending AND available_at <= now()
  RETURNING customer_id, remaining
), per AS (
  SELECT customer_id, sum(remaining) AS n FROM due GROUP BY customer_id
)
UPDATE loyalty_accounts a SET balance = a.balance + per.n, pending = a.pending - per.n,
  updated_at = now()
FROM per WHERE a.tenant_id = :tenant_id AND a.customer_id = per.customer_id
""")

# Its entries' source is a CTE: on Citus they go through the coordinator (`core.citus`).
_EXPIRE = """
WITH due AS (
  SELECT id, customer_id, remaining, pending FROM loyalty_lots
  WHERE tenant_id = :tenant_id AND remaining > 0 AND expires_at <= now()
), gone AS (
  UPDATE loyalty_lots l SET remaining = 0 FROM due
  WHERE l.tenant_id = :tenant_id AND l.id = due.id
), entries AS (
  INSERT INTO loyalty_entries (tenant_id, id, customer_id, kind, points, debt_change, reason,
                               actor_label, programme_version)
  SELECT :tenant_id, gen_random_uuid(), customer_id, 'expire', -remaining, 0,
         'lot ' || id::text, 'system', :version
  FROM due{pulled}
), per AS (
  SELECT customer_id,
         sum(remaining) FILTER (WHERE NOT pending) AS available,
         sum(remaining) FILTER (WHERE pending) AS pending,
         sum(remaining) AS total
  FROM due GROUP BY customer_id
), moved AS (
  UPDATE loyalty_accounts a SET
    balance = a.balance - coalesce(per.available, 0),
    pending = a.pending - coalesce(per.pending, 0),
    expired_total = a.expired_total + per.total,
    updated_at = now()
  FROM per WHERE a.tenant_id = :tenant_id AND a.customer_id = per.customer_id
)
SELECT coalesce(sum(remaining), 0) FROM due
"""


async def settle_lots(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    """Mature the lots whose pending days ended, then expire the lots past their date;
    returns the points expired."""
    current = await programme.current(session, tenant_id)
    await session.execute(_LOCK_DUE, {"tenant_id": tenant_id})
    await session.execute(_MATURE, {"tenant_id": tenant_id})
    expired = await session.scalar(
        text(_EXPIRE.format(pulled=await citus.pulled_insert(session))),
        {"tenant_id": tenant_id, "version": current.version if current else None},
    )
    return int(expired or 0)


def birthday_matches(birth: date, today: date) -> bool:
    """29 February is celebrated on 28 February outside leap years."""
    if (birth.month, birth.day) == (today.month, today.day):
        return True
    leap = today.year % 4 == 0 and (today.year % 100 != 0 or today.year % 400 == 0)
    return (birth.month, birth.day) == (2, 29) and not leap and (today.month, today.day) == (2, 28)


async def birthday_bonuses(
    session: AsyncSession, tenant_id: uuid.UUID, now: datetime | None = None
) -> int:
    """The bonus for each customer whose birthday is today in the tenant's zone, once a year
    (the entry's ref `birthday:<year>`); returns how many got it."""
    current = await programme.current(session, tenant_id)
    if current is None or not current.enabled or current.rules.birthday_bonus <= 0:
        return 0
    tenant = tenants.info(await tenants.get(session, tenant_id))
    today = (now or await now_of(session)).astimezone(ZoneInfo(tenant.timezone)).date()
    rows = await session.execute(
        text(f"""
        SELECT c.id, c.birth_date FROM customers c
        WHERE c.tenant_id = :t AND c.birth_date IS NOT NULL AND c.erased_at IS NULL
          AND {BORN_ON}
          AND NOT EXISTS (SELECT 1 FROM loyalty_entries e
                          WHERE e.tenant_id = c.tenant_id AND e.customer_id = c.id
                            AND e.ref = :ref)
        ORDER BY c.id
        """),
        {
            "t": tenant_id,
            "month": today.month,
            # 29 February's customers on 28 February too (birthday_matches decides the year).
            "days": [today.day, 29] if (today.month, today.day) == (2, 28) else [today.day],
            "year": today.year,
            "ref": f"birthday:{today.year}",
        },
    )
    given = 0
    for customer_id, birth in rows.all():
        if not birthday_matches(birth, today):
            continue
        account = await lock_account(session, tenant_id, customer_id)
        await credit(
            session, account, "earn", current.rules.birthday_bonus, actor=SYSTEM.label,
            terms=lot_terms(current.rules), reason="birthday", ref=f"birthday:{today.year}",
            programme_version=current.version,
        )  # fmt: skip
        given += 1
    return given


async def recompute_levels(
    session: AsyncSession, tenant_id: uuid.UUID, now: datetime | None = None
) -> int:
    """Every account's level by the window and grace (nightly); returns how many changed."""
    current = await programme.current(session, tenant_id)
    if current is None or not current.enabled:
        return 0
    return await levels.recompute_all(
        session, current.rules, tenant_id, now or await now_of(session)
    )
