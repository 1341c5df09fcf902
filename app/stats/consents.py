"""Consent figures of the dashboard (`GET /stats/consents`)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.schemas import CHANNELS
from app.stats.schemas import ChannelConsents, ConsentStats, Period, Preset
from app.stats.service import _instant, resolve_windows


async def consents(
    session: AsyncSession,
    ctx: Context,
    *,
    preset: Preset,
    start: date | None = None,
    end: date | None = None,
    exclude_imported: bool = False,
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
    # Imported customers left out: the consents of customers no import created.
    own = (
        " AND customer_id IN (SELECT id FROM customers WHERE tenant_id = :tenant_id"
        " AND import_id IS NULL)"
        if exclude_imported
        else ""
    )
    total = (
        await session.execute(
            text(
                "SELECT count(*) FROM customers WHERE tenant_id = :tenant_id"
                + (" AND import_id IS NULL" if exclude_imported else "")
            ),
            params,
        )
    ).scalar_one()
    rows = (
        await session.execute(
            text(f"""
            SELECT channel,
                   count(*) FILTER (WHERE granted) AS granted,
                   count(*) FILTER (WHERE granted AND changed_at >= :start AND changed_at < :end) AS g,
                   count(*) FILTER (WHERE NOT granted AND changed_at >= :start AND changed_at < :end) AS w
            FROM customer_consents WHERE tenant_id = :tenant_id {own} GROUP BY channel
            """),
            params,
        )
    ).all()
    any_granted = (
        await session.execute(
            text(
                """SELECT count(DISTINCT customer_id) FROM customer_consents
                    WHERE tenant_id = :tenant_id AND granted"""
                + own
            ),
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
