"""Statement timeouts live in the settings, one per kind of work, and none is unbounded."""

from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings, get_settings
from app.core.db import bound_statements_to

BOUNDS = (
    "statement_timeout_ms",
    "worker_statement_timeout_ms",
    "bulk_chunk_statement_timeout_ms",
    "count_budget_ms",
    "maintenance_statement_timeout_ms",
    "migration_statement_timeout_ms",
)


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **overrides)  # type: ignore[call-arg]


@pytest.mark.parametrize("name", BOUNDS)
def test_zero_unbounded_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValidationError, match=name):
        _settings(tmp_path, **{name: 0})


def test_every_bound_is_positive() -> None:
    settings = get_settings()
    assert all(getattr(settings, name) > 0 for name in BOUNDS)


def test_no_code_sets_an_unbounded_timeout() -> None:
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in ("app", "migrations", "bench")
        for path in (root / folder).rglob("*.py")
        if "statement_timeout = 0" in path.read_text()
        or "statement_timeout_ms=0" in path.read_text()
    ]
    assert offenders == []


async def test_a_transaction_takes_the_configured_bound(session: AsyncSession) -> None:
    await bound_statements_to(session, get_settings().worker_statement_timeout_ms)
    shown = await session.scalar(text("SELECT current_setting('statement_timeout')"))
    assert shown == f"{get_settings().worker_statement_timeout_ms // 60_000}min"
