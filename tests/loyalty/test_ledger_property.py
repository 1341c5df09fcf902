"""Random streams of loyalty events: whatever happens, every account equals its lots, the
reconciliation finds nothing, and the outstanding liability equals the sum of balances."""

import uuid
from decimal import Decimal
from typing import Any

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.loyalty import crons, reconcile
from tests.factories import create_customer
from tests.loyalty.conftest import set_programme

CUSTOMERS = 2
# What a refused event may answer; anything else (a 500, a validation error) fails the stream.
REFUSALS = {"insufficient_points", "redeem_limit_exceeded"}

who = st.integers(0, CUSTOMERS - 1)
money = st.integers(1, 40_000).map(lambda cents: Decimal(cents) / 100)
events = st.one_of(
    st.tuples(st.just("buy"), who, money),
    st.tuples(st.just("buy_redeem"), who, money, st.integers(1, 150)),
    st.tuples(st.just("redeem"), who, st.integers(1, 150)),
    st.tuples(st.just("refund"), who, st.integers(0, 5), st.sampled_from([10, 25, 50, 100])),
    st.tuples(st.just("adjust"), who, st.integers(-300, 300).filter(bool)),
    st.tuples(st.just("time"), st.integers(1, 45)),
    st.tuples(st.just("expire")),
    st.tuples(st.just("levels")),
)
streams = st.lists(events, min_size=5, max_size=30)
# Always played beside the random streams, so every kind of entry and a level's rise and
# fall (after the grace) happen in each run: the invariants are never checked on nothing.
EVERY_KIND = [
    ("buy", 0, Decimal(300)), ("time", 5), ("expire",), ("redeem", 0, 50),
    ("buy", 0, Decimal(200)), ("refund", 0, 1, 100), ("adjust", 1, 20), ("adjust", 1, -10),
    ("levels",), ("time", 40), ("expire",), ("levels",), ("time", 20), ("levels",),
]  # fmt: skip

# Moving the clock forward is moving every dated row of these customers back: the test's
# transaction has one now(), so lots mature, expire and leave the level window this way. The
# days are taken off in UTC: timestamptz - interval depends on the session's time zone (STABLE),
# and Citus refuses such a function of a column in an UPDATE of a distributed table.
_BACK = "({c} AT TIME ZONE 'UTC' - make_interval(days => :d)) AT TIME ZONE 'UTC'"
_SHIFT = [
    text(
        f"UPDATE {table} SET {', '.join(f'{c} = ' + _BACK.format(c=c) for c in columns)} "
        "WHERE tenant_id = :t AND customer_id = ANY(:ids)"
    )
    for table, columns in (
        ("loyalty_lots", ("available_at", "expires_at", "created_at")),
        ("loyalty_entries", ("created_at",)),
        ("loyalty_level_changes", ("created_at",)),
        (
            "loyalty_accounts",
            ("level_since", "below_level_since", "last_accrual_at", "last_redemption_at"),
        ),
    )
]

_ACCOUNTS_VS_LOTS = text("""
SELECT a.customer_id, a.balance, a.pending,
       coalesce(sum(l.remaining) FILTER (WHERE NOT l.pending), 0) AS lots_available,
       coalesce(sum(l.remaining) FILTER (WHERE l.pending), 0) AS lots_pending
FROM loyalty_accounts a
LEFT JOIN loyalty_lots l ON l.tenant_id = a.tenant_id AND l.customer_id = a.customer_id
WHERE a.tenant_id = :t AND a.customer_id = ANY(:ids)
GROUP BY a.customer_id, a.balance, a.pending
""")


def _ok(r: httpx.Response) -> dict[str, Any] | None:
    """The body of a success; None for a refusal the rules allow."""
    if r.status_code in (200, 201):
        return dict(r.json())
    assert r.status_code in (409, 422) and r.json()["code"] in REFUSALS, r.text
    return None


async def _play(
    client: httpx.AsyncClient,
    session: AsyncSession,
    ctx: Context,
    ids: list[uuid.UUID],
    stream: list[tuple[Any, ...]],
) -> None:
    purchases: dict[uuid.UUID, list[tuple[str, Decimal]]] = {i: [] for i in ids}
    for event in stream:
        kind = event[0]
        if kind in ("buy", "buy_redeem"):
            customer = ids[event[1]]
            body: dict[str, Any] = {"customer": {"id": str(customer)}, "amount": str(event[2])}
            if kind == "buy_redeem":
                body["redeem_points"] = event[3]
            done = _ok(await client.post("/transactions", json=body))
            if done is not None:
                purchases[customer].append((done["id"], event[2]))
        elif kind == "redeem":
            _ok(await client.post(f"/customers/{ids[event[1]]}/points/redeem", json={"points": event[2]}))  # fmt: skip
        elif kind == "refund":
            customer = ids[event[1]]
            if purchases[customer]:
                sale_id, amount = purchases[customer][event[2] % len(purchases[customer])]
                part = max(Decimal("0.01"), (amount * event[3] / 100).quantize(Decimal("0.01")))
                body = {"customer": {"id": str(customer)}, "amount": str(-part),
                        "kind": "refund", "refund_of": sale_id}  # fmt: skip
                _ok(await client.post("/transactions", json=body))
        elif kind == "adjust":
            _ok(await client.post(f"/customers/{ids[event[1]]}/points/adjust", json={"points": event[2], "reason": "property"}))  # fmt: skip
        elif kind == "time":
            for shift in _SHIFT:
                await session.execute(shift, {"t": ctx.tenant_id, "ids": ids, "d": event[1]})
        elif kind == "expire":
            await crons.settle_lots(session, ctx.tenant_id)
        else:
            await crons.recompute_levels(session, ctx.tenant_id)


class TestLedgerInvariants:
    async def test_any_stream_of_events_keeps_accounts_equal_to_their_lots(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(
            client, pending_days=3, expiry_months=1, level_window_days=30, level_grace_days=10,
            redeem_max_percent="50",
        )  # fmt: skip
        generated: list[list[tuple[Any, ...]]] = []

        # Draw the streams first (hypothesis drives a sync function), then play each on
        # customers of its own in the test's transaction (so no shrinking: a failure names
        # its whole stream).
        @settings(
            max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(streams)
        @example(EVERY_KIND)
        def collect(stream: list[tuple[Any, ...]]) -> None:
            generated.append(stream)

        collect()
        assert len(generated) >= 30 and EVERY_KIND in generated
        for stream in generated:
            ids = [(await create_customer(session, ctx)).id for _ in range(CUSTOMERS)]
            await _play(client, session, ctx, ids, stream)
            rows = (await session.execute(_ACCOUNTS_VS_LOTS, {"t": ctx.tenant_id, "ids": ids})).all()  # fmt: skip
            for row in rows:
                assert (row.balance, row.pending) == (row.lots_available, row.lots_pending), stream
            found = await reconcile.check(session, ctx.tenant_id)
            assert found.drifted == [], stream
            liability = (await client.get("/loyalty/liability")).json()
            held = await session.scalar(
                text("SELECT sum(balance + pending) FROM loyalty_accounts WHERE tenant_id = :t"),
                {"t": ctx.tenant_id},
            )
            assert liability["points_outstanding"] == (held or 0), stream
        kinds = await session.scalars(
            text("SELECT DISTINCT kind FROM loyalty_entries WHERE tenant_id = :t"),
            {"t": ctx.tenant_id},
        )
        assert {"earn", "redeem", "clawback", "adjust", "expire"} <= set(kinds)
        reasons = await session.scalars(
            text("SELECT DISTINCT reason FROM loyalty_level_changes WHERE tenant_id = :t"),
            {"t": ctx.tenant_id},
        )
        assert {"qualified", "grace_ended"} <= set(reasons)
