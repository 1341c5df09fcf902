"""Dashboard figures in the tenant's time zone: buckets are local days, weeks and months.

Local day boundaries are turned into instants with zoneinfo, so a day across a DST change
is 23 or 25 hours long and every bucket starts at local midnight.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.core.errors import ValidationFailed
from app.customers.schemas import CHANNELS
from app.stats.schemas import (
    Bucket,
    ChannelConsents,
    ConsentStats,
    Figures,
    Granularity,
    Overview,
    Period,
    Preset,
)
from app.transactions import service as transactions

MAX_DAYS = 732


@dataclass(frozen=True)
class Window:
    start: date  # first local day
    end: date  # day after the last, exclusive


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _prev_month(d: date) -> date:
    return _month_start(_month_start(d) - timedelta(days=1))


def resolve_windows(
    preset: Preset, today: date, start: date | None, end: date | None
) -> tuple[Window, Window]:
    """The period a preset means on `today` (local), and the one before it to compare with."""
    if preset == "last_7_days":
        current = Window(today - timedelta(days=6), today + timedelta(days=1))
    elif preset == "last_30_days":
        current = Window(today - timedelta(days=29), today + timedelta(days=1))
    elif preset == "previous_week":
        monday = today - timedelta(days=today.weekday())
        current = Window(monday - timedelta(days=7), monday)
    elif preset == "last_month":
        this_month = _month_start(today)
        previous = _prev_month(this_month)
        return Window(previous, this_month), Window(_prev_month(previous), previous)
    else:
        if start is None or end is None:
            raise ValidationFailed.field(
                ["query", "from"], "range_required", "A custom period needs `from` and `to`."
            )
        if end < start or (end - start).days >= MAX_DAYS:
            raise ValidationFailed.field(
                ["query", "to"],
                "invalid_range",
                f"`to` must be on or after `from`, at most {MAX_DAYS} days later.",
            )
        current = Window(start, end + timedelta(days=1))
    length = current.end - current.start
    return current, Window(current.start - length, current.start)


def bucket_start(day: date, granularity: Granularity) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return _month_start(day)
    return day


def _next_bucket(day: date, granularity: Granularity) -> date:
    if granularity == "day":
        return day + timedelta(days=1)
    if granularity == "week":
        return day + timedelta(days=7)
    return _month_start(day + timedelta(days=32))


def _instant(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


# Each source counted per (period, local bucket) in one pass over its tenant/time index.
# `:gran` is bound, not interpolated; location filters are fixed fragments.
_SERIES = {
    "customers": """
        SELECT ts >= :cur_start AS cur, date_trunc(:gran, ts AT TIME ZONE :tz)::date AS bucket,
               count(*) AS new_customers
        FROM (SELECT created_at AS ts FROM customers
              WHERE tenant_id = :tenant_id AND created_at >= :prev_start AND created_at < :cur_end) s
        GROUP BY 1, 2""",
    "transactions": """
        SELECT ts >= :cur_start AS cur, date_trunc(:gran, ts AT TIME ZONE :tz)::date AS bucket,
               sum(amount) AS revenue, count(*) FILTER (WHERE kind = 'purchase') AS transactions
        FROM (SELECT occurred_at AS ts, amount, kind FROM transactions
              WHERE tenant_id = :tenant_id AND occurred_at >= :prev_start AND occurred_at < :cur_end
              {location}) s
        GROUP BY 1, 2""",
    "vouchers": """
        SELECT ts >= :cur_start AS cur, date_trunc(:gran, ts AT TIME ZONE :tz)::date AS bucket,
               count(*) AS vouchers_issued
        FROM (SELECT created_at AS ts FROM vouchers
              WHERE tenant_id = :tenant_id AND created_at >= :prev_start AND created_at < :cur_end) s
        GROUP BY 1, 2""",
    "redemptions": """
        SELECT ts >= :cur_start AS cur, date_trunc(:gran, ts AT TIME ZONE :tz)::date AS bucket,
               count(*) AS vouchers_redeemed, sum(amount) AS redeemed_amount
        FROM (SELECT redeemed_at AS ts, amount FROM voucher_redemptions
              WHERE tenant_id = :tenant_id AND redeemed_at >= :prev_start AND redeemed_at < :cur_end
              {location}) s
        GROUP BY 1, 2""",
}
_LOCATION = "AND location_id = :location_id"
_FIGURES = tuple(Figures.model_fields)


def _change(now: Any, before: Any) -> float | None:
    if not before:
        return None
    return round(float((Decimal(now) - Decimal(before)) / Decimal(before) * 100), 2)


async def overview(
    session: AsyncSession,
    ctx: Context,
    *,
    preset: Preset,
    granularity: Granularity,
    start: date | None = None,
    end: date | None = None,
    location: str | None = None,
    now: datetime | None = None,
) -> Overview:
    tz = ZoneInfo(ctx.tenant.timezone)
    today = (now or datetime.now(UTC)).astimezone(tz).date()
    current, previous = resolve_windows(preset, today, start, end)
    location_id = await transactions.location_id_for(session, ctx.tenant_id, location)
    params: dict[str, Any] = {
        "tenant_id": ctx.tenant_id,
        "tz": ctx.tenant.timezone,
        "gran": granularity,
        "prev_start": _instant(previous.start, tz),
        "cur_start": _instant(current.start, tz),
        "cur_end": _instant(current.end, tz),
    }
    if location_id:
        params["location_id"] = location_id
    buckets: dict[date, dict[str, Any]] = {}
    totals: dict[str, Any] = dict.fromkeys(_FIGURES, 0)
    before: dict[str, Any] = dict.fromkeys(_FIGURES, 0)
    for sql in _SERIES.values():
        query = text(sql.format(location=_LOCATION if location_id else ""))
        for row in (await session.execute(query, params)).mappings():
            values = {k: v for k, v in row.items() if k not in ("cur", "bucket")}
            target = totals if row["cur"] else before
            for key, value in values.items():
                target[key] += value or 0
            if row["cur"]:
                slot = buckets.setdefault(row["bucket"], {})
                for key, value in values.items():
                    slot[key] = slot.get(key, 0) + (value or 0)
    series: list[Bucket] = []
    day = bucket_start(current.start, granularity)
    while day < current.end:
        series.append(
            Bucket(
                start=day, starts_at=_instant(max(day, current.start), tz), **buckets.get(day, {})
            )
        )
        day = _next_bucket(day, granularity)
    return Overview(
        preset=preset,
        granularity=granularity,
        timezone=ctx.tenant.timezone,
        period=Period(start=current.start, end=current.end - timedelta(days=1)),
        previous_period=Period(start=previous.start, end=previous.end - timedelta(days=1)),
        series=series,
        totals=Figures(**totals),
        previous=Figures(**before),
        change_percent={k: _change(totals[k], before[k]) for k in _FIGURES},
    )


async def consents(
    session: AsyncSession,
    ctx: Context,
    *,
    preset: Preset,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
) -> ConsentStats:
    """Customers with each consent granted now, and grants/withdrawals within the period."""
    tz = ZoneInfo(ctx.tenant.timezone)
    today = (now or datetime.now(UTC)).astimezone(tz).date()
    current, _ = resolve_windows(preset, today, start, end)
    params = {
        "tenant_id": ctx.tenant_id,
        "start": _instant(current.start, tz),
        "end": _instant(current.end, tz),
    }
    total = (
        await session.execute(
            text("SELECT count(*) FROM customers WHERE tenant_id = :tenant_id"), params
        )
    ).scalar_one()
    rows = (
        await session.execute(
            text("""
            SELECT channel,
                   count(*) FILTER (WHERE granted) AS granted,
                   count(*) FILTER (WHERE granted AND changed_at >= :start AND changed_at < :end) AS g,
                   count(*) FILTER (WHERE NOT granted AND changed_at >= :start AND changed_at < :end) AS w
            FROM customer_consents WHERE tenant_id = :tenant_id GROUP BY channel
            """),
            params,
        )
    ).all()
    any_granted = (
        await session.execute(
            text("""SELECT count(DISTINCT customer_id) FROM customer_consents
                    WHERE tenant_id = :tenant_id AND granted"""),
            params,
        )
    ).scalar_one()
    by_channel = {r.channel: r for r in rows}
    channels = []
    for channel in sorted(set(CHANNELS) | set(by_channel)):
        r = by_channel.get(channel)
        granted, g, w = (r.granted, r.g, r.w) if r else (0, 0, 0)
        channels.append(
            ChannelConsents(
                channel=channel,
                granted=granted,
                share=round(granted / total, 4) if total else 0.0,
                granted_in_period=g,
                withdrawn_in_period=w,
                net_change=g - w,
            )
        )
    return ConsentStats(
        period=Period(start=current.start, end=current.end - timedelta(days=1)),
        total_customers=total,
        any_granted=any_granted,
        channels=channels,
    )
