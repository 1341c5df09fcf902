"""Numbers from callers are bounded before they are converted (issue #18, item 1).

`"1e99999999"` used to reach `int(Decimal(...))` on the event loop and hold the process
for hours. Each path that parses a number gets the hostile values and must answer at once.
A blocked event loop cannot be interrupted by `wait_for`; the pure parser is also run on a
daemon thread so that a regression fails the run instead of hanging it.
"""

import asyncio
import threading
from collections.abc import Awaitable
from concurrent.futures import Future
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.core.numbers import InvalidNumber, NumberOutOfRange, parse_decimal
from app.custom_fields import service as custom_fields
from tests.factories import create_customer

T = TypeVar("T")
# Within range of nothing: too large, too many digits, too many decimal places.
OUT_OF_RANGE = ["1e99999999", "9" * 5000, "-1e-99999999", "1e15", "0.0000000000000001"]
NOT_NUMBERS = ["NaN", "Infinity", "-Infinity", "sNaN", "twelve"]
SECONDS = 5


async def _soon(awaitable: Awaitable[T]) -> T:
    return await asyncio.wait_for(awaitable, SECONDS)


def _on_daemon_thread(fn: Any, *args: Any) -> Any:
    """fn(*args), or TimeoutError after SECONDS; a stuck thread does not keep the run alive."""
    future: Future[Any] = Future()

    def run() -> None:
        try:
            future.set_result(fn(*args))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return future.result(timeout=SECONDS)


@pytest.fixture
async def score(session: AsyncSession, ctx: Context) -> None:
    await custom_fields.create_definition(
        session, ctx, key="score", label="Score", kind="number", choices=None, required=False
    )


class TestParseDecimal:
    @pytest.mark.parametrize("text", OUT_OF_RANGE)
    def test_out_of_range_is_refused_at_once(self, text: str) -> None:
        with pytest.raises(NumberOutOfRange):
            _on_daemon_thread(custom_fields.coerce_value, "number", text, None)

    @pytest.mark.parametrize("text", NOT_NUMBERS)
    def test_non_numbers_are_refused(self, text: str) -> None:
        with pytest.raises(InvalidNumber):
            parse_decimal(text)

    def test_huge_python_int_is_refused_without_printing_it(self) -> None:
        with pytest.raises(NumberOutOfRange):
            parse_decimal(10**5000)

    @pytest.mark.parametrize(
        ("text", "stored"),
        [
            ("12,5", 12.5),
            ("999999999999999", 999999999999999),
            ("1.000000000000000000000000", 1),
            ("1e14", 10**14),
            ("0e99999999", 0),
            ("-0.000000000000001", -1e-15),
        ],
    )
    def test_values_within_range_are_kept(self, text: str, stored: Any) -> None:
        assert custom_fields.coerce_value("number", text, None) == stored


@pytest.mark.usefixtures("score")
class TestCustomerApi:
    @pytest.mark.parametrize("text", OUT_OF_RANGE)
    async def test_out_of_range_value_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, text: str
    ) -> None:
        r = await _soon(
            client.post(
                "/customers",
                json={
                    "first_name": "Ala",
                    "email": "ala@example.pl",
                    "custom_fields": {"score": text},
                },
            )
        )
        assert r.status_code == 422, r.text
        assert [(e["loc"], e["code"]) for e in r.json()["errors"]] == [
            (["body", "custom_fields", "score"], "number_out_of_range")
        ]

    @pytest.mark.parametrize("text", ["NaN", "Infinity"])
    async def test_non_finite_value_is_invalid(self, client: httpx.AsyncClient, text: str) -> None:
        r = await _soon(
            client.post(
                "/customers",
                json={
                    "first_name": "Ala",
                    "email": "ala@example.pl",
                    "custom_fields": {"score": text},
                },
            )
        )
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "invalid_custom_field"

    async def test_json_number_too_large_is_out_of_range(self, client: httpx.AsyncClient) -> None:
        body = '{"first_name": "Ala", "email": "ala@example.pl", "custom_fields": {"score": 1e300}}'
        r = await _soon(
            client.post("/customers", content=body, headers={"Content-Type": "application/json"})
        )
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "number_out_of_range"


@pytest.mark.usefixtures("score")
class TestBulkUpdateFields:
    @pytest.mark.parametrize("text", [*OUT_OF_RANGE, "NaN", "Infinity"])
    async def test_bad_number_is_refused_before_anything_changes(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, text: str
    ) -> None:
        customer = await create_customer(session, ctx)
        r = await _soon(
            client.post(
                "/customers/bulk",
                json={
                    "action": "update_fields",
                    "selection": {"ids": [str(customer.id)]},
                    "fields": {"custom_fields": {"score": text}},
                },
            )
        )
        assert r.status_code == 422, r.text
        expected = "invalid_custom_field" if text in ("NaN", "Infinity") else "number_out_of_range"
        assert [(e["loc"], e["code"]) for e in r.json()["errors"]] == [
            (["body", "fields", "custom_fields", "score"], expected)
        ]


class TestFilterValues:
    @pytest.mark.parametrize("text", ["1e99999999", "9" * 5000, "-1e-99999999"])
    async def test_out_of_range_filter_value_is_a_422(
        self, client: httpx.AsyncClient, text: str
    ) -> None:
        r = await _soon(
            client.post(
                "/customers/search",
                json={"filter": {"field": "total_spent", "op": "gt", "value": text}},
            )
        )
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "number_out_of_range"


@pytest.mark.usefixtures("score")
class TestHugeJsonNumber:
    async def test_json_integer_of_5000_digits_is_a_bad_body(
        self, client: httpx.AsyncClient
    ) -> None:
        """Python's JSON parser refuses integers past 4,300 digits: a problem, not a 500."""
        body = '{"first_name": "Ala", "custom_fields": {"score": ' + "9" * 5000 + "}}"
        r = await _soon(
            client.post("/customers", content=body, headers={"Content-Type": "application/json"})
        )
        assert (r.status_code, r.json()["code"]) == (400, "invalid_body"), r.text


class TestMoneyAmounts:
    """Amounts are pydantic Decimals with `max_digits`, checked on the Decimal's digits
    before anything converts them: a guard that they stay that way."""

    @pytest.mark.parametrize("text", [*OUT_OF_RANGE[:3], "NaN", "Infinity"])
    async def test_transaction_amount_is_refused_at_once(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, text: str
    ) -> None:
        customer = await create_customer(session, ctx)
        r = await _soon(
            client.post(
                "/transactions", json={"customer": {"id": str(customer.id)}, "amount": text}
            )
        )
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["loc"] == ["body", "amount"]
