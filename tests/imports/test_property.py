"""For random small CSV files: valid + rejected = all rows, and valid rows round-trip."""

import csv
import io
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from app.customers.normalize import try_normalize_phone
from app.imports import service
from app.imports.models import ImportRow, ImportRowError
from tests.imports.conftest import RunJobs

NAMES = st.text(alphabet=st.sampled_from("abcAŁóżęЖї '=+-@\"; x"), min_size=0, max_size=12)
EMAILS = st.one_of(
    st.just(""),
    st.integers(0, 30).map(lambda n: f"User{n}@Example.pl"),
    st.sampled_from(["not-an-email", "a@b", "x@@y.pl"]),
)
PHONES = st.one_of(
    st.just(""),
    st.integers(500_000_000, 899_999_999).map(str),
    st.integers(500_000_000, 899_999_999).map(lambda n: f"+48 {n}"),
    st.sampled_from(["12", "abc", "+1"]),
)
ROWS = st.lists(st.tuples(NAMES, EMAILS, PHONES), min_size=1, max_size=15)


def _csv(rows: list[tuple[str, str, str]], salt: str) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(["Imię", "E-mail", "Telefon"])
    for name, email, phone in rows:
        w.writerow([name, email.replace("@", f"{salt}@", 1) if "@" in email else email, phone])
    return buf.getvalue().encode()


async def _chunks(data: bytes) -> Any:
    yield data


class TestRoundTrip:
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(rows=ROWS)
    async def test_valid_rows_round_trip_and_counts_add_up(
        self,
        session: AsyncSession,
        ctx: Context,
        worker_ctx: dict[str, Any],
        run_jobs: RunJobs,
        rows: list[Any],
    ) -> None:
        salt = uuid.uuid4().hex[:8]
        data = _csv(rows, salt)
        uow = worker_ctx["unit_of_work"]
        async with uow(worker_ctx["queue"]) as s:
            imp = await service.create_import(s, ctx, "p.csv", _chunks(data), 10**7)
            await service.preview(s, ctx, imp.id)
        await run_jobs()
        async with uow(worker_ctx["queue"]) as s:
            await service.commit(s, ctx, imp.id)
        await run_jobs()
        rejected = set(
            await session.scalars(
                select(ImportRowError.row_no).where(
                    ImportRowError.import_id == imp.id, ImportRowError.skipped.is_(False)
                )
            )
        )
        staged = dict(
            (
                await session.execute(
                    select(ImportRow.row_no, ImportRow.customer_id).where(
                        ImportRow.import_id == imp.id
                    )
                )
            ).all()
        )
        parsed = list(csv.reader(io.StringIO(data.decode()), delimiter=";"))[1:]
        parsed = [r for r in parsed if any(c.strip() for c in r)]  # blank lines are not rows
        assert imp.counts["rows"] == len(parsed)
        assert len(staged) + len(rejected) == len(parsed)
        assert not set(staged) & rejected
        assert imp.counts["created"] == len(staged)
        people = {
            c.id: c
            for c in await session.scalars(select(Customer).where(Customer.import_id == imp.id))
        }
        country = imp.mapping["default_country"]
        for row_no, customer_id in staged.items():
            name, email, phone = parsed[row_no - 1]
            c = people[customer_id]
            assert c.first_name == (name.strip() or None)
            assert c.email == (email.strip().lower() or None)
            assert c.phone == (try_normalize_phone(phone, country) if phone.strip() else None)
