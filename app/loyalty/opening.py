"""Opening balances from an old system, for a whole set of customers at once (an import's
range of rows): set-based, the same ledger moves `ledger.credit` makes one by one."""

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus
from app.loyalty import programme
from app.loyalty.rules import Rules


async def open_balances(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    rows_sql: str,
    params: dict[str, Any],
    *,
    source: str,
    actor: str,
) -> int:
    """Credit each customer of `rows_sql` (a SELECT of `customer_id, points` of this tenant,
    bound by `params`) an opening lot: once per customer and `source`, zero points skipped,
    a debt settled first. Returns how many customers got points.

    Three statements whatever the number of rows: make the missing accounts, lock the accounts
    in one order (so two writers cannot deadlock), then entry, lot and balances in one."""
    current = await programme.current(session, tenant_id)
    rules = current.rules if current else Rules()
    p = {
        **params,
        "lt": tenant_id,
        "ref": f"opening:{source}",
        "version": current.version if current else None,
        "actor": actor,
        "months": rules.expiry_months,
    }
    src = f"""
        SELECT s.customer_id, sum(s.points)::bigint AS points FROM ({rows_sql}) AS s
        GROUP BY s.customer_id HAVING sum(s.points) > 0"""
    await session.execute(
        text(f"""
        INSERT INTO loyalty_accounts (tenant_id, customer_id)
        SELECT CAST(:lt AS uuid), src.customer_id FROM ({src}) AS src ON CONFLICT DO NOTHING
        """),
        p,
    )
    await session.execute(
        text(f"""
        SELECT FROM loyalty_accounts a WHERE a.tenant_id = :lt
          AND a.customer_id IN (SELECT src.customer_id FROM ({src}) AS src)
        ORDER BY a.customer_id FOR UPDATE
        """),
        p,
    )
    # The lots' source is a CTE: on Citus they go through the coordinator (`core.citus`).
    pulled = await citus.pulled_insert(session)
    credited = await session.execute(
        text(f"""
        WITH acc AS MATERIALIZED (
          SELECT src.customer_id, src.points, least(a.debt, src.points) AS settled
          FROM ({src}) AS src
          JOIN loyalty_accounts a ON a.tenant_id = :lt AND a.customer_id = src.customer_id
          WHERE NOT EXISTS (SELECT FROM loyalty_entries e WHERE e.tenant_id = a.tenant_id
                            AND e.customer_id = a.customer_id AND e.ref = :ref)),
        ent AS (
          INSERT INTO loyalty_entries (id, tenant_id, customer_id, kind, points, debt_change,
                                       reason, ref, programme_version, actor_label)
          SELECT gen_random_uuid(), CAST(:lt AS uuid), acc.customer_id, 'opening', acc.points,
                 -acc.settled, 'opening balance', :ref, CAST(:version AS int), :actor FROM acc
          RETURNING id, customer_id, points, debt_change),
        lots AS (
          INSERT INTO loyalty_lots (id, tenant_id, customer_id, entry_id, points, remaining,
                                    pending, available_at, expires_at)
          SELECT gen_random_uuid(), CAST(:lt AS uuid), ent.customer_id, ent.id, ent.points,
                 ent.points + ent.debt_change, false, now(),
                 now() + make_interval(months => CAST(:months AS int))
          FROM ent{pulled})
        UPDATE loyalty_accounts a
        SET balance = a.balance + acc.points - acc.settled, debt = a.debt - acc.settled,
            earned_total = a.earned_total + acc.points, last_accrual_at = now(),
            updated_at = now()
        FROM acc WHERE a.tenant_id = :lt AND a.customer_id = acc.customer_id
        """),
        p,
    )
    return int(credited.rowcount)  # type: ignore[attr-defined]
