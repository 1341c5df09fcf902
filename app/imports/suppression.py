"""An import does not bring back a person whose data was erased at their request.

Staged rows whose email, phone, external id or card number is on the tenant's suppression
list (`customers.erased`) become row errors `erased_subject` — without the value, which the
error file must not carry either. One statement per mapped kind, run only when the tenant
has erased anyone at all.
"""

import uuid

from sqlalchemy import exists, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.customers import erased

ERASED_SUBJECT = "erased_subject"
_KINDS = {"email": "email", "phone": "phone", "external_id": "external_id", "card": "card"}
_SCOPE = "r.tenant_id = :t AND r.import_id = :i"
MESSAGE = (
    "This person's data was erased at their request; the row is not imported. If the person "
    "came back, add them through the API with `subject_returned=true`."
)


async def reject_erased_subjects(
    session: AsyncSession, tenant_id: uuid.UUID, import_id: uuid.UUID, columns: dict[str, str]
) -> None:
    anyone = await session.scalar(
        select(exists().where(erased.ErasedSubject.tenant_id == tenant_id))
    )
    if not anyone:
        return
    for kind, field in _KINDS.items():
        if field not in columns:
            continue
        match = erased.DIGEST_SQL.format(value=f"r.{field}")
        await session.execute(
            text(f"""
            WITH hit AS (
              SELECT r.row_no FROM import_rows r
              JOIN erased_subjects e ON e.tenant_id = :t AND e.kind = :kind AND e.digest = {match}
              WHERE {_SCOPE} AND r.{field} IS NOT NULL),
            ins AS (
              INSERT INTO import_errors (tenant_id, import_id, row_no, "column", code, message, value, skipped)
              SELECT :t, :i, row_no, CAST(:col AS text), :code, :message, NULL, false
              FROM hit RETURNING row_no)
            DELETE FROM import_rows r WHERE {_SCOPE} AND r.row_no = ANY (ARRAY(SELECT row_no FROM ins))
            """),
            {
                "t": tenant_id, "i": import_id, "kind": kind, **erased.hmac_pads(),
                "col": columns[field], "message": MESSAGE, "code": ERASED_SUBJECT,
            },
        )  # fmt: skip
