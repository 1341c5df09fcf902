"""Citus (issue 20): the same figures on a three-node cluster on this machine.

`make bench-citus` starts a coordinator and two workers (scripts/citus_cluster.py --bench:
durable, a third of the memory each), migrates, seeds a smaller base and runs, against the
coordinator: the plan of GET /customers/{id} (one task, on the worker holding the tenant), the
single-record API figures with their bare-app anchor, and the million-row import with its bare
COPY anchor. Three servers on two cores are slower than one: the point is that it works, and
where the cost goes (every statement of a request is one more hop, coordinator → worker).
"""

import uuid

from sqlalchemy import text

from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from bench import api_reads, imports
from bench import wrk as bench_wrk

# The statement GET /customers/{id} runs, as EXPLAIN shows it (router: one task, one node).
_PLAN = """EXPLAIN (COSTS OFF)
SELECT * FROM customers WHERE tenant_id = :tenant_id AND id = :id"""


async def _placement(slug: str) -> tuple[list[str], list[str]]:
    """The cluster's nodes and shards, the bench tenant's node, and the lookup's plan."""
    async with unit_of_work() as session:
        tenant_id = await session.scalar(
            text("SELECT id FROM tenants WHERE slug = :slug"), {"slug": slug}
        )
        nodes = (
            await session.execute(
                text("SELECT nodename, nodeport, noderole FROM pg_dist_node ORDER BY nodeid")
            )
        ).all()
        shards = await session.scalar(
            text("SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'customers'::regclass")
        )
        home = (
            await session.execute(
                text("""SELECT n.nodename, n.nodeport FROM pg_dist_placement p
                        JOIN pg_dist_node n ON n.groupid = p.groupid
                        WHERE p.shardid = get_shard_id_for_distribution_column(
                          'customers', CAST(:t AS uuid))"""),
                {"t": tenant_id},
            )
        ).one()
        await tenancy.use_tenant(session, tenant_id)  # row-level security
        some_id = await session.scalar(
            text("SELECT id FROM customers WHERE tenant_id = :t LIMIT 1"), {"t": tenant_id}
        )
        plan = [
            row[0]
            for row in await session.execute(
                text(_PLAN), {"tenant_id": tenant_id, "id": some_id or uuid.uuid4()}
            )
        ]
    await dispose_engine()
    cluster = [
        f"Cluster: {len(nodes)} PostgreSQL 15 + Citus nodes on this machine "
        f"({', '.join(f'{n.nodename}:{n.nodeport}' for n in nodes)}; the first is the "
        f"coordinator), `customers` and every tenant table in {shards} shards by `tenant_id`; "
        f"the bench tenant lives on {home.nodename}:{home.nodeport}.",
    ]
    return cluster, plan


async def run(base_url: str, api_key: str, slug: str, customers: int) -> list[str]:
    cluster, plan = await _placement(slug)
    router = any("Task Count: 1" in line for line in plan)
    lines = [
        *cluster,
        "",
        f"GET /customers/{{id}} is a router query ({'one task' if router else 'NOT one task'}):",
        "",
        "```",
        *plan,
        "```",
        "",
        *await api_reads.run(
            base_url, api_key, slug, wrk=bench_wrk.available(), customers=customers
        ),
        "",
        "The import's anchor copies into a plain table on the coordinator (Citus distributes "
        "only what it is told to); the import writes through the coordinator to the shards.",
        "",
        *await imports.run(base_url, api_key, slug),
        "",
        "Where the cluster costs more than one server, and why (the revert's row triggers, the "
        "coordinator's lock manager under many connections): docs/scaling.md, "
        '"Known limits and what was changed for Citus".',
    ]
    return lines
