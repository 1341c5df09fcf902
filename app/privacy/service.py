"""Gathering what Kartoteka holds about one customer, and handing it over as JSON or CSVs.

Every handover is recorded like an export (the export log, the audit log): who took whose
data, when and in what form.
"""

import csv
import io
import json
import uuid
import zipfile
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.customers import service as customers
from app.exports.models import ExportLog
from app.exports.service import neutralise
from app.privacy.schemas import PersonalDataFormat, PersonalDataOut, Row

# The person's rows in the tables that hold them directly, oldest first; `tenant_id` is the
# same in each and left out.
_SECTIONS = {
    "consent_proof": "SELECT * FROM consent_events WHERE tenant_id = :t AND customer_id = :c"
    " ORDER BY occurred_at, id",
    "vouchers": "SELECT * FROM vouchers WHERE tenant_id = :t AND customer_id = :c"
    " ORDER BY created_at, id",
    "redemptions": "SELECT * FROM voucher_redemptions WHERE tenant_id = :t AND customer_id = :c"
    " ORDER BY redeemed_at, id",
    "transactions": "SELECT * FROM transactions WHERE tenant_id = :t AND customer_id = :c"
    " ORDER BY occurred_at, id",
    "notes": "SELECT * FROM customer_notes WHERE tenant_id = :t AND customer_id = :c"
    " ORDER BY created_at, id",
}


def _rows(result: Any) -> list[Row]:
    return [
        {k: v for k, v in to_jsonable_python(dict(r)).items() if k != "tenant_id"}
        for r in result.mappings()
    ]


async def personal_data(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, form: PersonalDataFormat
) -> PersonalDataOut:
    """What is held about the customer, and a record that it was handed over in `form`."""
    customer = await customers.get_customer(session, ctx.tenant_id, customer_id)
    (profile,) = await customers.to_out(session, ctx.tenant_id, [customer])
    params = {"t": ctx.tenant_id, "c": customer_id}
    sections = {
        name: _rows(await session.execute(text(sql), params)) for name, sql in _SECTIONS.items()
    }
    history = audit.customer_history_query(ctx.tenant_id, customer_id, customer.import_id)
    events = [
        {
            "id": e.id,
            "occurred_at": e.occurred_at,
            "actor_type": e.actor_type,
            "actor": e.actor_label,
            "action": e.action,
            "changes": e.changes,
        }
        for e in await session.scalars(history.order_by(text("id")))
    ]
    events = to_jsonable_python(events)
    out = PersonalDataOut(
        generated_at=datetime.now(UTC),
        tenant=ctx.tenant.name,
        customer=profile,
        consent_history=[e for e in events if "consents" in (e["changes"] or {})],
        audit_events=events,
        **sections,
    )
    session.add(
        ExportLog(
            tenant_id=ctx.tenant_id,
            actor_type=ctx.principal.kind,
            actor_id=ctx.principal.id,
            actor_label=ctx.principal.label,
            format=form,
            selection={"ids": [str(customer_id)], "purpose": "personal_data"},
            columns=["personal_data"],
            row_count=1,
        )
    )
    await audit.record(
        session,
        ctx,
        "customer.personal_data_exported",
        "customer",
        customer_id,
        meta={"format": form},
    )
    await session.flush()
    return out


def as_zip(data: PersonalDataOut) -> bytes:
    """The same data as a zip: `personal-data.json`, and a CSV per section for a spreadsheet
    (formula-neutralised like every export)."""
    plain = data.model_dump(mode="json")
    profile = plain["customer"]
    tables: dict[str, list[Row]] = {
        "profile": [{k: v for k, v in profile.items() if k not in ("tags", "cards", "consents")}],
        "tags": [{"tag": tag} for tag in profile["tags"]],
        "cards": profile["cards"],
        "consents": [{"channel": ch, **c} for ch, c in profile["consents"].items()],
        **{name: plain[name] for name in ("consent_history", "consent_proof", "vouchers")},
        "redemptions": plain["redemptions"],
        **{name: plain[name] for name in ("transactions", "audit_events")},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("personal-data.json", json.dumps(plain, ensure_ascii=False, indent=2))
        for name, rows in tables.items():
            zf.writestr(f"{name}.csv", _csv(rows))
    return buffer.getvalue()


def _csv(rows: list[Row]) -> str:
    columns: list[str] = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 only with the BOM
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(_cell(row.get(c))) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value
