"""The per-day cache behind `/stats/overview`: closed local days from `stats_days`, filled on
demand (and by the hourly cron) with one set-based pass per contiguous run of missing days.

A past day changes only through the paths below; each drops that day's rows, and the next
overview computes them again:
- a transaction recorded with a local date before today (single or batch):
  `forget_days`, called by app/transactions/service.py only when back-dated;
- customers deleted (delete, merge, bulk delete, import undo) lower `new_customers` of their
  creation day: a statement trigger on `customers` (migration 0009_stats_days);
- the seeder writes months of history at once: `forget_tenant`.
Vouchers and redemptions are stamped with now() by the database and never deleted (a cancel
only changes the status; an undone redemption drops its day if that day is closed), and the customers a transaction or voucher points at are not part
of the cached figures, so nothing else needs to drop a day.

Fills and drops of one tenant take one advisory lock, so a fill cannot store a day from a
snapshot taken before a concurrent back-dated write that has already dropped it: the writer
waits for the fill to commit and then deletes its rows, or the fill waits for the writer and
then sees its rows. Days close `GRACE` after local midnight, so an event stamped just before
midnight by a transaction that commits just after is still read live.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import RowMapping, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.stats_days.models import NO_LOCATION

GRACE = timedelta(minutes=30)

# One pass per source over its covering tenant/time index (0006_vouchers_speed), grouped by
# local day and location; the ts bounds are local midnights, so a day is whole or absent.
_DAY_FIGURES = """
SELECT day, location_key, sum(new_customers)::int AS new_customers, sum(revenue) AS revenue,
       sum(transactions)::int AS transactions, sum(vouchers_issued)::int AS vouchers_issued,
       sum(vouchers_redeemed)::int AS vouchers_redeemed, sum(redeemed_amount) AS redeemed_amount
FROM (
  SELECT timezone(:tz, created_at)::date AS day, CAST(:none AS uuid) AS location_key,
         count(*) AS new_customers, NULL::numeric AS revenue, 0 AS transactions,
         0 AS vouchers_issued, 0 AS vouchers_redeemed, NULL::numeric AS redeemed_amount
  FROM customers
  WHERE tenant_id = :tenant_id AND created_at >= :start AND created_at < :end
  GROUP BY 1
  UNION ALL
  SELECT timezone(:tz, occurred_at)::date, coalesce(location_id, CAST(:none AS uuid)),
         0, sum(amount), count(*) FILTER (WHERE kind = 'purchase'), 0, 0, NULL
  FROM transactions
  WHERE tenant_id = :tenant_id AND occurred_at >= :start AND occurred_at < :end
  GROUP BY 1, 2
  UNION ALL
  SELECT timezone(:tz, created_at)::date, CAST(:none AS uuid), 0, NULL, 0, count(*), 0, NULL
  FROM vouchers
  WHERE tenant_id = :tenant_id AND created_at >= :start AND created_at < :end
  GROUP BY 1
  UNION ALL
  SELECT timezone(:tz, redeemed_at)::date, coalesce(location_id, CAST(:none AS uuid)),
         0, NULL, 0, 0, count(*), sum(amount)
  FROM voucher_redemptions
  WHERE tenant_id = :tenant_id AND redeemed_at >= :start AND redeemed_at < :end
    AND undone_at IS NULL
  GROUP BY 1, 2
  {markers}
) src
GROUP BY day, location_key
"""

# Every filled day gets its no-location row even when nothing happened: it marks the day cached.
_MARKERS = """
  UNION ALL
  SELECT d::date, CAST(:none AS uuid), 0, NULL, 0, 0, 0, NULL
  FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') d
"""

_COLUMNS = (
    "day, location_key, new_customers, revenue, transactions, vouchers_issued, "
    "vouchers_redeemed, redeemed_amount"
)

_LIVE = text(_DAY_FIGURES.format(markers=""))

_FILL = text(f"""
INSERT INTO stats_days (tenant_id, timezone, {_COLUMNS})
SELECT CAST(:tenant_id AS uuid), :tz, {_COLUMNS}
FROM ({_DAY_FIGURES.format(markers=_MARKERS)}) f
ON CONFLICT (tenant_id, timezone, day, location_key) DO UPDATE SET
  new_customers = excluded.new_customers, revenue = excluded.revenue,
  transactions = excluded.transactions, vouchers_issued = excluded.vouchers_issued,
  vouchers_redeemed = excluded.vouchers_redeemed, redeemed_amount = excluded.redeemed_amount,
  computed_at = excluded.computed_at
RETURNING {_COLUMNS}
""")

_CACHED = text(f"""
SELECT {_COLUMNS} FROM stats_days
WHERE tenant_id = :tenant_id AND timezone = :tz AND day >= :first AND day < :end
  AND (CAST(:location AS uuid) IS NULL OR location_key IN (CAST(:none AS uuid), :location))
""")


def instant(day: date, tz: ZoneInfo) -> datetime:
    """Local midnight of `day` as an instant."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def first_open_day(tz: ZoneInfo, now: datetime) -> date:
    """The first local day not cached yet: today, or yesterday in the first `GRACE`."""
    return (now - GRACE).astimezone(tz).date()


async def _lock(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    key = func.hashtextextended(f"stats_days {tenant_id}", 0)  # as in 0009_stats_days
    await session.execute(select(func.pg_advisory_xact_lock(key)))


def _runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Contiguous runs of days as (first, last) pairs."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


async def live(
    session: AsyncSession, tenant_id: uuid.UUID, tz: ZoneInfo, first: date, end: date
) -> Sequence[RowMapping]:
    """Figures per local day and location of [first, end), from the source rows."""
    if first >= end:
        return []
    params = {
        "tenant_id": tenant_id,
        "tz": tz.key,
        "none": NO_LOCATION,
        "start": instant(first, tz),
        "end": instant(end, tz),
    }
    return (await session.execute(_LIVE, params)).mappings().all()


async def cached(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    tz: ZoneInfo,
    first: date,
    end: date,
    location_id: uuid.UUID | None = None,
) -> list[RowMapping]:
    """Figures per closed local day and location of [first, end): the cached rows, and the
    missing days computed, stored and returned in the same transaction. With a location,
    only its rows and the no-location ones (which carry the figures without a location)."""
    if first >= end:
        return []
    base = {"tenant_id": tenant_id, "tz": tz.key, "none": NO_LOCATION}
    rows = list(
        (
            await session.execute(
                _CACHED, {**base, "first": first, "end": end, "location": location_id}
            )
        ).mappings()
    )
    have = {r["day"] for r in rows if r["location_key"] == NO_LOCATION}
    missing = [first + timedelta(days=i) for i in range((end - first).days)]
    missing = [d for d in missing if d not in have]
    if not missing:
        return rows
    await _lock(session, tenant_id)
    for run_first, run_last in _runs(missing):
        params = {
            **base,
            "first": run_first,
            "last": run_last,
            "start": instant(run_first, tz),
            "end": instant(run_last + timedelta(days=1), tz),
        }
        for row in (await session.execute(_FILL, params)).mappings():
            if location_id is None or row["location_key"] in (NO_LOCATION, location_id):
                rows.append(row)
    return rows


async def forget_days(
    session: AsyncSession, tenant_id: uuid.UUID, timezone: str, days: Iterable[date]
) -> None:
    """Drop the cached figures of these local days (in the tenant's `timezone`).

    Rows cached under another time zone (before the tenant changed it) cannot be matched day
    by day here, so they go too."""
    days = sorted(set(days))
    if not days:
        return
    await _lock(session, tenant_id)
    await session.execute(
        text("""DELETE FROM stats_days
                WHERE tenant_id = :tenant_id AND (timezone <> :tz OR day = ANY(:days))"""),
        {"tenant_id": tenant_id, "tz": timezone, "days": days},
    )


async def forget_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """Drop every cached day of the tenant (after writing history in bulk)."""
    await _lock(session, tenant_id)
    await session.execute(
        text("DELETE FROM stats_days WHERE tenant_id = :tenant_id"), {"tenant_id": tenant_id}
    )


def as_figures(row: RowMapping, location_id: uuid.UUID | None) -> dict[str, Any]:
    """A day/location row's figures as the overview counts them: with a location, the
    no-location row adds only what has no location (new customers, vouchers issued)."""
    figures = {k: v for k, v in row.items() if k not in ("day", "location_key")}
    if location_id is not None and row["location_key"] != location_id:
        figures = {
            "new_customers": figures["new_customers"],
            "vouchers_issued": figures["vouchers_issued"],
        }
    return figures
