"""The programme's versions: a PUT writes a new version, the highest is in force, and the
ledger names the version each entry was computed by, so history stays explainable."""

import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
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


# Rules parsed once per version: a version is never changed (a PUT writes the next one), and
# the till reads the programme on every sale. Keyed by its row's identity and creation moment.
_PARSED: dict[tuple[uuid.UUID, int, datetime], Rules] = {}
_PARSED_MAX = 1024


def _rules(tenant_id: uuid.UUID, version: int, created_at: datetime, raw: dict[str, Any]) -> Rules:
    key = (tenant_id, version, created_at)
    found = _PARSED.get(key)
    if found is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        found = _PARSED[key] = Rules.model_validate(raw)
    return found


# Tenants whose programme's earning needs the ORM session (it reads segments), until when
# (monotonic): the till sends their sales straight to the unit of work. A hint only: the till's
# path reads the programme in the sale's own statement and hands such a sale over itself
# (rolled back, nothing written), so a tenant missing here costs one round trip, and a
# programme changed since takes at most `_HINT_SECONDS` to bring the till's path back.
_HINT_SECONDS = 30.0
_HINTS: dict[uuid.UUID, float] = {}
_HINTS_MAX = 10_000


def hint_session(tenant_id: uuid.UUID, *, needed: bool) -> None:
    if not needed:
        _HINTS.pop(tenant_id, None)
        return
    if len(_HINTS) >= _HINTS_MAX:
        _HINTS.clear()
    _HINTS[tenant_id] = time.monotonic() + _HINT_SECONDS


def probably_needs_session(tenant_id: uuid.UUID) -> bool:
    until = _HINTS.get(tenant_id)
    return until is not None and until > time.monotonic()


async def of_version(
    connection: asyncpg.Connection, tenant_id: uuid.UUID, version: int, created_at: datetime,
    *, enabled: bool,
) -> Programme:  # fmt: skip
    """The programme in force, known by its version (the till's statement read it): parsed
    rules from memory, read by one statement only the first time a process meets a version."""
    rules = _PARSED.get((tenant_id, version, created_at))
    if rules is None:
        raw = await connection.fetchval(
            "SELECT rules FROM loyalty_programmes WHERE tenant_id = $1 AND version = $2",
            tenant_id,
            version,
        )
        rules = _rules(tenant_id, version, created_at, raw)
    return Programme(version, enabled, rules)


async def current(session: AsyncSession, tenant_id: uuid.UUID) -> Programme | None:
    row = (
        await session.execute(
            select(
                LoyaltyProgramme.version,
                LoyaltyProgramme.enabled,
                LoyaltyProgramme.rules,
                LoyaltyProgramme.created_at,
            )
            .where(LoyaltyProgramme.tenant_id == tenant_id)
            .order_by(LoyaltyProgramme.version.desc())
            .limit(1)
        )
    ).first()
    if row is None:
        return None
    return Programme(
        row.version, row.enabled, _rules(tenant_id, row.version, row.created_at, row.rules)
    )


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
