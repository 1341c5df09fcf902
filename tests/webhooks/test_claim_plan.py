"""The claim walks the backlog in event order and stops after a batch, whatever the planner's
statistics say (migration 0034): a plan that sorts the backlog first checks every queued
delivery's order per claim, and a fresh install's first burst of 20,000 deliveries ran such a
claim into its statement timeout."""

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Text, cast, func, literal, select, text, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.citus import on_citus
from app.customers.models import Customer
from app.events import outbox
from app.events.models import WebhookEndpoint
from app.webhooks import dispatcher
from tests.conftest import TenantInfo

ORDER_INDEX = "ix_webhook_deliveries_tenant_id_pending_order"


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every node of the plan; on Citus, of the plans the shards' nodes run too."""
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)
    for task in plan.get("Distributed Query", {}).get("Job", {}).get("Tasks", []):
        for remote in task.get("Remote Plan", []):
            for explained in remote:
                yield from _nodes(explained["Plan"])


async def test_claim_over_a_backlog_walks_and_probes(
    session: AsyncSession, tenant: TenantInfo
) -> None:
    await tenancy.use_tenant(session, tenant.id)
    session.add(
        WebhookEndpoint(
            tenant_id=tenant.id, url="https://example.org/hooks", events=["customer.updated"],
            secret="whsec_" + "x" * 32, active=True,
        )
    )  # fmt: skip
    session.add_all(Customer(tenant_id=tenant.id, first_name=f"C{i}") for i in range(200))
    await session.flush()
    # 2,000 deliveries, ten per customer, and no ANALYZE since: the statistics are stale.
    ids = select(Customer.id).where(Customer.tenant_id == tenant.id).subquery()
    rounds = func.generate_series(1, 10).table_valued("n").render_derived("rounds")
    await outbox.emit_many(
        session, tenant.id, "customer.updated",
        select(ids.c.id.label("subject_id"), func.jsonb_build_object(
            "id", cast(ids.c.id, Text), "n", rounds.c.n, "x", literal(str(uuid.uuid4()))
        ).label("data")).select_from(rounds).join(ids, true()),
    )  # fmt: skip

    await dispatcher.walk_not_sort(session)
    explained = await session.scalar(
        text("EXPLAIN (FORMAT JSON) " + dispatcher._CLAIM.text),
        {"t": tenant.id, "n": dispatcher.BATCH, "lease": dispatcher.LEASE_SECONDS},
    )
    plan = (explained if isinstance(explained, list) else json.loads(explained))[0]["Plan"]
    nodes = list(_nodes(plan))
    assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")], plan
    # On Citus the shards' indexes carry the shard's number (`…_order_102008`).
    indexes = {re.sub(r"_\d{6,}$", "", n.get("Index Name", "")) for n in nodes}
    assert ORDER_INDEX in indexes, plan

    if await on_citus(session):
        # The rows carry the clock of the node that wrote them, whose transaction began after
        # the coordinator's, and Citus evaluates the claim's now() on the coordinator: written
        # in this same transaction, they would not be due yet.
        await session.execute(
            text("UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 minute'"
                 " WHERE tenant_id = :t"),
            {"t": tenant.id},
        )  # fmt: skip
    claimed = await dispatcher.claim(session, tenant.id)
    assert len(claimed) == len({c.event.data["id"] for c in claimed}) == dispatcher.BATCH
