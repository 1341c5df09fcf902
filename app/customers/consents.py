"""The one consent upsert: a customer has one row per channel, and a newer state replaces it.

Used by the API (`service.set_consents`), bulk actions and merge; the import writes the same
rule in its set-based SQL (`imports/commit.py`)."""

from sqlalchemy.dialects.postgresql import Insert

from app.customers.models import Consent


def upsert(stmt: Insert, *, only_changes: bool = True) -> Insert:
    """`stmt` (an INSERT into customer_consents) replacing the channel's state on conflict.

    With `only_changes`, re-sending the same state keeps the original timestamp and source."""
    return stmt.on_conflict_do_update(
        index_elements=["tenant_id", "customer_id", "channel"],
        set_={
            "granted": stmt.excluded.granted,
            "changed_at": stmt.excluded.changed_at,
            "source": stmt.excluded.source,
        },
        where=Consent.granted.is_distinct_from(stmt.excluded.granted) if only_changes else None,
    )
