"""Fresh planner statistics right after a large write (issue #17): the estimate is right."""

import uuid

import pytest
from sqlalchemy import event, insert, text

from app.core import citus, statistics
from app.core.config import get_settings
from app.core.context import TenantInfo
from app.core.db import get_engine, unit_of_work
from app.customers.models import Customer
from app.customers.search.counts import estimate_count
from tests.owner import owner_unit_of_work

ROWS = 4000


@pytest.fixture
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "analyze_after_rows", 1000)
    monkeypatch.setattr(get_settings(), "analyze_after_fraction", 10.0)


async def _add(tenant: TenantInfo, city: str, n: int) -> None:
    async with unit_of_work(tenant_id=tenant.id) as s:
        await s.execute(
            insert(Customer),
            [{"tenant_id": tenant.id, "last_name": f"Stat {k}", "city": city} for k in range(n)],
        )


class TestThresholds:
    def test_rows_or_fraction_make_a_change_large(self, small_thresholds: None) -> None:
        assert statistics.is_large(1000, 10**9)
        assert not statistics.is_large(999, 10**9)
        assert statistics.is_large(5, 0.4)  # 10 × a table of 0.4 rows: 4 rows suffice

    def test_a_table_never_analysed_counts_as_empty(self, small_thresholds: None) -> None:
        assert statistics.is_large(1, -1)
        assert not statistics.is_large(0, -1)

    def test_a_tenth_of_the_table_refreshes_every_histogram(self) -> None:
        assert statistics.is_whole_change(100_000, 1_000_000)
        assert not statistics.is_whole_change(100_000, 1_100_000)  # the finer ones wait
        assert statistics.is_whole_change(1, -1)


class TestRefresh:
    async def test_the_estimate_is_right_right_after_a_large_insert(
        self, committed_tenant: TenantInfo, small_thresholds: None
    ) -> None:
        city = f"Stat-{uuid.uuid4().hex[:8]}"
        await _add(committed_tenant, city, ROWS)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            analysed = await statistics.refresh_after(s, ["customers", "customer_tags"], ROWS)
        assert "customers" in analysed
        async with owner_unit_of_work() as s:
            # The city alone, as the owner: with the tenant too the planner multiplies two
            # selectivities (it assumes them independent), and so it does with the row
            # security policy's `tenant_id = <setting>` (1/n_distinct), both depending on what
            # other tests left. What is tested is that the statistics are fresh.
            estimate = await estimate_count(s, Customer.city == city)
        assert ROWS * 0.8 <= estimate <= ROWS * 1.2
        # The search's conditions name the tenant (`selection_where`): then the policy's
        # condition is implied by it (a one-time filter) and the app's role gets the owner's
        # estimate, not one that counts the tenant twice.
        named = (Customer.tenant_id == committed_tenant.id) & (Customer.city == city)
        async with owner_unit_of_work() as s:
            owners = await estimate_count(s, named)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            assert await estimate_count(s, named) == owners

    async def test_a_change_of_most_of_the_table_analyses_it_whole(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The whole ANALYZE (the finer histograms too) and the quick one (the others), both
        as the app's role through the owner's functions; on Citus always the whole one."""
        await _add(committed_tenant, "Whole", 50)
        monkeypatch.setattr(get_settings(), "analyze_after_rows", 10)
        calls: list[str] = []

        def seen(conn: object, cursor: object, statement: str, *_: object) -> None:
            calls.extend(f for f in ("kt_quick_analyze(", "kt_analyze(") if f in statement)

        engine = get_engine().sync_engine
        event.listen(engine, "before_cursor_execute", seen)
        try:
            for fraction, function in ((10.0, "kt_quick_analyze("), (1e-6, "kt_analyze(")):
                monkeypatch.setattr(get_settings(), "analyze_after_fraction", fraction)
                calls.clear()
                async with unit_of_work(tenant_id=committed_tenant.id) as s:
                    assert await statistics.refresh_after(s, ["customers"], 50) == ["customers"]
                    whole_only = await citus.on_citus(s)  # the whole ANALYZE there
                assert calls == ["kt_analyze(" if whole_only else function]
        finally:
            event.remove(engine, "before_cursor_execute", seen)

    async def test_a_small_change_analyses_nothing(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        await _add(committed_tenant, "Small", 20)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            await s.execute(text("ANALYZE customers"))  # the planner knows its size
        monkeypatch.setattr(get_settings(), "analyze_after_rows", 1000)
        monkeypatch.setattr(get_settings(), "analyze_after_fraction", 0.5)
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            assert await statistics.refresh_after(s, ["customers"], 5) == []

    async def test_only_bulk_tables_are_named(self, committed_tenant: TenantInfo) -> None:
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            with pytest.raises(AssertionError):
                await statistics.refresh_after(s, ["customers; DROP TABLE x"], 10)
