"""The one consent upsert: a customer has one row per channel, and a newer state replaces it.

Used by the API (`set_consents`), bulk actions and merge; the import writes the same
rule in its set-based SQL (`imports/writing.py`)."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Consent


def upsert(stmt: Insert, *, only_changes: bool = True) -> Insert:
    """`stmt` (an INSERT into customer_consents) replacing the channel's state on conflict.

    With `only_changes`, re-sending the same state keeps the original timestamp and source,
    unless it is given to a new wording (a renewed consent is a change worth its proof). Each
    change lands in `consent_events` through the table's trigger."""
    changed = Consent.granted.is_distinct_from(stmt.excluded.granted) | (
        stmt.excluded.wording_version.is_not(None)
        & Consent.wording_version.is_distinct_from(stmt.excluded.wording_version)
    )
    return stmt.on_conflict_do_update(
        index_elements=["tenant_id", "customer_id", "channel"],
        set_={
            "granted": stmt.excluded.granted,
            "changed_at": stmt.excluded.changed_at,
            "source": stmt.excluded.source,
            "wording_version": stmt.excluded.wording_version,
            "actor_type": stmt.excluded.actor_type,
            "actor_label": stmt.excluded.actor_label,
        },
        where=changed if only_changes else None,
    )


def actor_of(ctx: Context) -> dict[str, str]:
    """Who records a consent change made through the API or the web app."""
    return {"actor_type": ctx.principal.kind, "actor_label": ctx.principal.label}


async def set_consents(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    consents: dict[str, dict[str, Any]],
    actor: dict[str, str],
) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "tenant_id": tenant_id,
            "customer_id": customer_id,
            "channel": ch,
            "granted": c["granted"],
            "changed_at": now,
            "source": c.get("source"),
            "wording_version": c.get("wording_version"),
            **actor,
        }
        for ch, c in consents.items()
    ]
    stmt = insert(Consent).values(rows)
    # Re-sending the same state keeps the original timestamp.
    await session.execute(upsert(stmt))
