"""Dashboard figures in the tenant's time zone: buckets are local days, weeks and months.

Local day boundaries are turned into instants with zoneinfo, so a day across a DST change
is 23 or 25 hours long and every bucket starts at local midnight.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Select, cast, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.core.context import Context
from app.core.errors import ValidationFailed
from app.customers import search
from app.customers.models import Customer
from app.customers.schemas import CHANNELS
from app.segments import service as segments
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
from app.stats_days import service as days
from app.transactions import service as transactions
from app.transactions.models import Transaction
from app.vouchers.models import Voucher, VoucherRedemption

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


_instant = days.instant


# Each source counted per (period, local bucket) in one pass over its covering tenant/time
# index (0006_vouchers_speed): index-only, no heap visit per row.
def _series(
    ts: Any,
    figures: dict[str, Any],
    where: list[ColumnElement[bool]],
    tz: str,
    granularity: Granularity,
    prev_start: datetime,
    cur_start: datetime,
    cur_end: datetime,
) -> Select[Any]:
    cur = (ts >= cur_start).label("cur")
    bucket = cast(func.date_trunc(granularity, func.timezone(tz, ts)), Date).label("bucket")
    return (
        select(cur, bucket, *(expr.label(name) for name, expr in figures.items()))
        .where(*where, ts >= prev_start, ts < cur_end)
        .group_by(literal_column("1"), literal_column("2"))
    )


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
    customer_filter: Any = None,
    segment_id: uuid.UUID | None = None,
    now: datetime | None = None,
    live: bool = False,
) -> Overview:
    """Figures per bucket of the period and totals against the previous period; optionally
    only for one location and for the customers of a filter and/or segment.

    Without a customer selection, closed days come from the per-day cache (app/stats_days/service.py)
    and only today is read from the source rows; `live=True` reads every day from the source
    rows (the reference the cache is tested against)."""
    tz = ZoneInfo(ctx.tenant.timezone)
    now = now or datetime.now(UTC)
    today = now.astimezone(tz).date()
    current, previous = resolve_windows(preset, today, start, end)
    location_id = await transactions.location_id_for(session, ctx.tenant_id, location)
    selected: Select[Any] | None = None
    if customer_filter not in (None, "", {}) or segment_id is not None:
        where = await search.selection_where(
            session,
            ctx,
            await segments.resolve(
                session, ctx, search.Selection(filter=customer_filter, segment_id=segment_id)
            ),
            loc=["query", "filter"],
        )
        selected = select(Customer.id).where(where)
    if live or selected is not None:
        rows = await _live_rows(
            session, ctx, tz, granularity, current, previous, location_id, selected
        )
    else:
        rows = await _cached_rows(
            session, ctx, tz, granularity, current, previous, location_id, now
        )
    buckets: dict[date, dict[str, Any]] = {}
    totals: dict[str, Any] = dict.fromkeys(_FIGURES, 0)
    before: dict[str, Any] = dict.fromkeys(_FIGURES, 0)
    for cur, bucket, values in rows:
        target = totals if cur else before
        for key, value in values.items():
            target[key] += value or 0
        if cur:
            slot = buckets.setdefault(bucket, {})
            for key, value in values.items():
                slot[key] = slot.get(key, 0) + (value or 0)
    series: list[Bucket] = []
    day = bucket_start(current.start, granularity)
    while day < current.end:
        series.append(
            Bucket(
                start=day,
                starts_at=_instant(max(day, current.start), tz),
                **_money(buckets.get(day, {})),
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
        totals=Figures(**_money(totals)),
        previous=Figures(**_money(before)),
        change_percent={k: _change(totals[k], before[k]) for k in _FIGURES},
    )


_CENT = Decimal("0.01")


def _money(figures: dict[str, Any]) -> dict[str, Any]:
    """Amounts with two decimals whichever way they were summed (a bucket of days or of rows)."""
    out = dict(figures)
    for key in ("revenue", "redeemed_amount"):
        out[key] = Decimal(out.get(key) or 0).quantize(_CENT)
    return out


Rows = list[tuple[bool, date, dict[str, Any]]]


async def _cached_rows(
    session: AsyncSession,
    ctx: Context,
    tz: ZoneInfo,
    granularity: Granularity,
    current: Window,
    previous: Window,
    location_id: uuid.UUID | None,
    now: datetime,
) -> Rows:
    """(in current period, bucket, figures) per local day: closed days from the cache, the
    open ones (today, and any later day of a custom range) from the source rows."""
    open_from = min(max(days.first_open_day(tz, now), previous.start), current.end)
    day_rows = [
        *await days.cached(session, ctx.tenant_id, tz, previous.start, open_from, location_id),
        *await days.live(session, ctx.tenant_id, tz, open_from, current.end),
    ]
    return [
        (
            row["day"] >= current.start,
            bucket_start(row["day"], granularity),
            days.as_figures(row, location_id),
        )
        for row in day_rows
    ]


async def _live_rows(
    session: AsyncSession,
    ctx: Context,
    tz: ZoneInfo,
    granularity: Granularity,
    current: Window,
    previous: Window,
    location_id: uuid.UUID | None,
    selected: Select[Any] | None,
) -> Rows:
    """(in current period, bucket, figures) from the source rows, one grouped pass each."""
    window = (
        ctx.tenant.timezone, granularity,
        _instant(previous.start, tz), _instant(current.start, tz), _instant(current.end, tz),
    )  # fmt: skip

    def scoped(model: Any, *, by_location: bool) -> list[ColumnElement[bool]]:
        out = [model.tenant_id == ctx.tenant_id]
        if by_location and location_id is not None:
            out.append(model.location_id == location_id)
        if selected is not None:
            out.append(model.customer_id.in_(selected))
        return out

    customers_where: list[ColumnElement[bool]] = [Customer.tenant_id == ctx.tenant_id]
    if selected is not None:
        customers_where.append(Customer.id.in_(selected))
    queries = (
        _series(Customer.created_at, {"new_customers": func.count()}, customers_where, *window),
        _series(
            Transaction.occurred_at,
            {
                "revenue": func.sum(Transaction.amount),
                "transactions": func.count().filter(Transaction.kind == "purchase"),
            },
            scoped(Transaction, by_location=True),
            *window,
        ),
        _series(
            Voucher.created_at,
            {"vouchers_issued": func.count()},
            scoped(Voucher, by_location=False),
            *window,
        ),
        _series(
            VoucherRedemption.redeemed_at,
            {
                "vouchers_redeemed": func.count(),
                "redeemed_amount": func.sum(VoucherRedemption.amount),
            },
            [*scoped(VoucherRedemption, by_location=True), VoucherRedemption.undone_at.is_(None)],
            *window,
        ),
    )
    rows: Rows = []
    for query in queries:
        for row in (await session.execute(query)).mappings():
            values = {k: v for k, v in row.items() if k not in ("cur", "bucket")}
            rows.append((bool(row["cur"]), row["bucket"], values))
    return rows


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
