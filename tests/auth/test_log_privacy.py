"""Personal data in SQL parameters reaches neither error texts nor logs (issue #18, point 6)."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.core import db as core_db
from app.core.deps import SessionDep
from app.core.logging import configure_logging

EMAIL = "anna.private@example.pl"


@pytest.fixture
def app_logging() -> Iterator[None]:
    """The logging the API and the worker configure at startup, undone afterwards."""
    saved = structlog.get_config()
    yield
    structlog.configure(**saved)


class TestEngines:
    async def test_an_error_text_holds_no_parameters(self, engine: Any) -> None:
        # The API's, the worker's (its own statement bound), the CLI's and Alembic's engines
        # all come from make_engine.
        for made in (core_db.make_engine(), core_db.make_engine(statement_timeout_ms=600_000)):
            async with made.connect() as conn:
                with pytest.raises(DBAPIError) as caught:
                    await conn.execute(
                        text("SELECT 1 / (CAST(:n AS int) - 1) WHERE CAST(:email AS text) <> ''"),
                        {"n": 1, "email": EMAIL},
                    )
            await made.dispose()
            assert "division by zero" in str(caught.value)
            assert EMAIL not in str(caught.value)


class TestErrorLog:
    @pytest.mark.usefixtures("app_logging")
    @pytest.mark.parametrize("json_logs", [False, True])
    async def test_an_unexpected_db_error_is_logged_without_its_values(
        self, app: Any, capsys: pytest.CaptureFixture[str], json_logs: bool
    ) -> None:
        configure_logging(json_logs)

        async def fail(session: SessionDep) -> None:
            # asyncpg refuses the value client-side and quotes it in its message.
            await session.execute(text("SELECT CAST(:email AS integer)"), {"email": EMAIL})

        app.add_api_route("/api/v1/test-db-failure", fail)
        # First, before the SPA's catch-all mount (present once frontend/dist is built).
        app.router.routes.insert(0, app.router.routes.pop())
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            response = await client.get("/api/v1/test-db-failure")
        assert response.status_code == 500
        assert response.json()["code"] == "internal_error"
        out = capsys.readouterr()
        logged = out.out + out.err
        assert EMAIL not in logged
        # Still a useful entry: the kind of error and the statement, without its values.
        assert "unhandled_db_error" in logged and "DataError" in logged
        assert "SELECT CAST" in logged
