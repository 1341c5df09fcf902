"""The programme's versions: a PUT writes a new version, the highest is in force, and the
ledger names the version each entry was computed by, so history stays explainable."""

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.loyalty.errors import ProgrammeNotFound
from app.loyalty.models import LoyaltyProgramme
from app.loyalty.rules import Rules


@dataclass(frozen=True)
class Programme:
    version: int
    enabled: bool
    rules: Rules


async def current(session: AsyncSession, tenant_id: uuid.UUID) -> Programme | None:
    row = await session.scalar(
        select(LoyaltyProgramme)
        .where(LoyaltyProgramme.tenant_id == tenant_id)
        .order_by(LoyaltyProgramme.version.desc())
        .limit(1)
    )
    if row is None:
        return None
    return Programme(row.version, row.enabled, Rules.model_validate(row.rules))


async def required(session: AsyncSession, tenant_id: uuid.UUID) -> Programme:
    found = await current(session, tenant_id)
    if found is None:
        raise ProgrammeNotFound("Set the programme up with PUT /loyalty/programme first.")
    return found


async def history(session: AsyncSession, tenant_id: uuid.UUID) -> list[LoyaltyProgramme]:
    rows = await session.scalars(
        select(LoyaltyProgramme)
        .where(LoyaltyProgramme.tenant_id == tenant_id)
        .order_by(LoyaltyProgramme.version.desc())
    )
    return list(rows)


async def put(session: AsyncSession, ctx: Context, enabled: bool, rules: Rules) -> Programme:
    """Write the next version (concurrent PUTs: the primary key lets one win per number; the
    tenant row's lock queues them so neither fails)."""
    await session.execute(
        text("SELECT 1 FROM tenants WHERE id = :id FOR NO KEY UPDATE"), {"id": ctx.tenant_id}
    )
    last = await session.scalar(
        select(func.max(LoyaltyProgramme.version)).where(
            LoyaltyProgramme.tenant_id == ctx.tenant_id
        )
    )
    version = (last or 0) + 1
    session.add(
        LoyaltyProgramme(
            tenant_id=ctx.tenant_id,
            version=version,
            enabled=enabled,
            rules=rules.model_dump(mode="json"),
            created_by=ctx.principal.label,
        )
    )
    await session.flush()
    await audit.record(
        session, ctx, "loyalty.programme_changed", "loyalty_programme", None,
        meta={"version": version, "enabled": enabled},
    )  # fmt: skip
    return Programme(version, enabled, rules)


async def active_on(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Whether the tenant's programme is on. Asked on the request's session, not on the till's
    fast connection: that one carries exactly one statement per checkout, so a backend killed
    between two statements can never leave it half-used (a 503 to retry, not a 500)."""
    found = await session.scalar(
        select(LoyaltyProgramme.enabled)
        .where(LoyaltyProgramme.tenant_id == tenant_id)
        .order_by(LoyaltyProgramme.version.desc())
        .limit(1)
    )
    return bool(found)
