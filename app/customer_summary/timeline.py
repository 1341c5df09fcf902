"""The customer's History tab: one time-ordered stream of purchases and refunds, voucher
events (issued, redeemed, undone), consent changes, notes and audited changes, newest first,
paged by a keyset cursor. Each source is read by its (tenant_id, customer_id…) index."""

import base64
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import IMPORTED
from app.core.errors import ValidationFailed
from app.customers.service import get_customer

PAGE = 50

TimelineKind = Literal[
    "purchase", "refund", "voucher_issued", "voucher_redeemed", "voucher_redemption_undone",
    "consent_changed", "note", "change",
]  # fmt: skip


class FieldChange(BaseModel):
    field: str = Field(examples=["phone"])
    old: Any = None
    new: Any = None


class TimelineItem(BaseModel):
    id: str = Field(description="Stable within the stream: the kind and the source row's id")
    at: datetime
    kind: TimelineKind
    actor_label: str | None = Field(default=None, description="Who did it, when known")
    amount: Decimal | None = None
    voucher_code: str | None = None
    channel: str | None = Field(default=None, description="consent_changed: the channel")
    granted: bool | None = None
    text: str | None = Field(default=None, description="note: its text")
    action: str | None = Field(default=None, description="change: the audited action")
    changes: list[FieldChange] | None = Field(
        default=None, description="change: each field with its value before and after"
    )


class TimelinePage(BaseModel):
    items: list[TimelineItem]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page")


_STREAM = f"""
SELECT * FROM (
  SELECT 'tx:' || id AS sid, occurred_at AS at, kind, NULL::text AS actor, amount,
         NULL::text AS code, NULL::text AS channel, NULL::bool AS granted, NULL::text AS body,
         NULL::text AS action, NULL::jsonb AS changes
  FROM transactions WHERE tenant_id = :t AND customer_id = :c
  UNION ALL
  SELECT 'vi:' || id, coalesce(assigned_at, created_at), 'voucher_issued', NULL, initial_value,
         code, NULL, NULL, NULL, NULL, NULL
  FROM vouchers WHERE tenant_id = :t AND customer_id = :c
  UNION ALL
  SELECT 'vr:' || r.id, r.redeemed_at, 'voucher_redeemed', NULL, r.amount, v.code,
         NULL, NULL, NULL, NULL, NULL
  FROM voucher_redemptions r JOIN vouchers v ON v.tenant_id = r.tenant_id AND v.id = r.voucher_id
  WHERE r.tenant_id = :t AND r.customer_id = :c
  UNION ALL
  SELECT 'vu:' || r.id, r.undone_at, 'voucher_redemption_undone', r.undone_by, r.amount, v.code,
         NULL, NULL, NULL, NULL, NULL
  FROM voucher_redemptions r JOIN vouchers v ON v.tenant_id = r.tenant_id AND v.id = r.voucher_id
  WHERE r.tenant_id = :t AND r.customer_id = :c AND r.undone_at IS NOT NULL
  UNION ALL
  SELECT 'ce:' || lpad(id::text, 20, '0'), occurred_at, 'consent_changed', actor_label, NULL,
         NULL, channel, granted, NULL, NULL, NULL
  FROM consent_events WHERE tenant_id = :t AND customer_id = :c
  UNION ALL
  SELECT 'no:' || id, created_at, 'note', author_label, NULL, NULL, NULL, NULL, text, NULL, NULL
  FROM customer_notes WHERE tenant_id = :t AND customer_id = :c
  UNION ALL
  SELECT 'au:' || lpad(e.id::text, 20, '0'), e.occurred_at, 'change', e.actor_label, NULL, NULL,
         NULL, NULL, NULL, e.action, e.changes
  FROM audit_events e
  WHERE e.tenant_id = :t AND e.action <> 'customer.note_added' AND (
    (e.entity_type = 'customer' AND e.entity_id = :c)
    OR e.id IN (SELECT event_id FROM audit_event_subjects WHERE tenant_id = :t AND customer_id = :c)
    OR (e.entity_type = 'import' AND e.entity_id = :import_id AND e.action = '{IMPORTED}'))
) s
WHERE CAST(:after_at AS timestamptz) IS NULL OR (s.at, s.sid) < (:after_at, :after_sid)
ORDER BY s.at DESC, s.sid DESC
LIMIT :n
"""


def _cursor(at: datetime, sid: str) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{sid}".encode()).decode()


def _read_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        at, sid = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(at), sid
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed.field(
            ["query", "cursor"], "invalid_cursor", "Pass the next_cursor of the page before."
        ) from None


def _changes(raw: dict[str, Any] | None) -> list[FieldChange] | None:
    if not raw:
        return None
    return [
        FieldChange(field=k, old=v[0] if isinstance(v, list) and len(v) == 2 else None,
                    new=v[1] if isinstance(v, list) and len(v) == 2 else v)
        for k, v in raw.items()
    ]  # fmt: skip


async def timeline(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID, cursor: str | None
) -> TimelinePage:
    """A page of the customer's stream, newest first (`PAGE` items)."""
    customer = await get_customer(session, tenant_id, customer_id)
    after_at, after_sid = _read_cursor(cursor) if cursor else (None, "")
    rows = (
        (
            await session.execute(
                text(_STREAM),
                {
                    "t": tenant_id,
                    "c": customer_id,
                    "import_id": customer.import_id,
                    "after_at": after_at,
                    "after_sid": after_sid,
                    "n": PAGE + 1,
                },
            )
        )
        .mappings()
        .all()
    )
    items = [
        TimelineItem(
            id=r["sid"],
            at=r["at"],
            kind=r["kind"],
            actor_label=r["actor"],
            amount=r["amount"],
            voucher_code=r["code"],
            channel=r["channel"],
            granted=r["granted"],
            text=r["body"],
            action=r["action"],
            changes=_changes(r["changes"]),
        )
        for r in rows[:PAGE]
    ]
    last = rows[PAGE - 1] if len(rows) > PAGE else None
    return TimelinePage(items=items, next_cursor=_cursor(last["at"], last["sid"]) if last else None)
