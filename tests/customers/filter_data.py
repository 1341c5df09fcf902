"""A varied set of customers and their plain-Python rows, for filter tests."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.custom_fields import service as custom_fields
from app.customers import consents as consents_sql
from app.customers import service as customers
from app.customers.filters.ast import parse_tree
from app.customers.filters.compile_sql import compile_filter
from app.customers.filters.registry import FilterEnv, fields_for
from app.customers.models import Consent, Customer
from app.customers.schemas import CHANNELS
from app.tags import service as tags

TEXTS = ["Anna", "anna", "Ann", "Kowalska", "kowal", "Łódź", "lodz", "a%b", "a_b", "Zoë", ""]
TAGS = ["VIP", "Regular", "New", "Gold"]
COLOURS = ["red", "green", "blue"]


async def make_dataset(session: AsyncSession, ctx: Context, n: int = 40, seed: int = 7) -> None:
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    for kind, key, choices in (
        ("choice", "colour", COLOURS),
        ("number", "score", None),
        ("text", "nick", None),
        ("date", "since", None),
        ("boolean", "vip_card", None),
    ):
        await custom_fields.create_definition(
            session, ctx, key=key, label=key.title(), kind=kind, choices=choices, required=False
        )

    def maybe(value: Any, p: float = 0.25) -> Any:
        return None if rnd.random() < p else value

    for i in range(n):
        cf: dict[str, Any] = {}
        for key, value in (
            ("colour", rnd.choice(COLOURS)),
            ("score", rnd.choice([0, 1, 2.5, 10])),
            ("nick", rnd.choice(TEXTS[:6])),
            ("since", (date(2020, 1, 1) + timedelta(days=rnd.randint(0, 2000))).isoformat()),
            ("vip_card", rnd.choice([True, False])),
        ):
            if rnd.random() < 0.7:
                cf[key] = value
        customer = Customer(
            tenant_id=ctx.tenant_id,
            first_name=maybe(rnd.choice(TEXTS)) or None,
            last_name=maybe(rnd.choice(TEXTS)) or None,
            city=maybe(rnd.choice(["Łódź", "Warszawa", "Kraków", "Київ"])),
            email=maybe(f"user{i}@example.pl"),
            phone=maybe(f"+4860012{i:04d}"),
            status=rnd.choice(["active", "blocked", "inactive"]),
            gender=maybe(rnd.choice(["female", "male", "other"])),
            birth_date=maybe(now.date() - timedelta(days=rnd.randint(0, 365 * 60))),
            visits=rnd.randint(0, 5),
            total_spent=Decimal(rnd.choice(["0", "10.00", "99.50", "500.00", "1000.01"])),
            avg_check=maybe(Decimal(rnd.choice(["10.00", "50.25"]))),
            last_visit_at=maybe(now - timedelta(hours=rnd.randint(0, 24 * 800))),
            created_at=now - timedelta(hours=rnd.randint(0, 24 * 800)),
            custom_fields=cf,
        )
        session.add(customer)
        await session.flush()
        chosen = rnd.sample(TAGS, rnd.randint(0, 3))
        if chosen:
            await tags.set_customer_tags(session, ctx.tenant_id, customer.id, chosen)
        consent = {
            ch: {"granted": rnd.choice([True, False])} for ch in CHANNELS if rnd.random() < 0.6
        }
        if consent:
            await customers.set_consents(
                session, ctx.tenant_id, customer.id, consent, consents_sql.actor_of(ctx)
            )
    await session.flush()


async def load_rows(session: AsyncSession, ctx: Context) -> dict[uuid.UUID, dict[str, Any]]:
    fields = await fields_for(session, ctx.tenant_id)
    result = await session.scalars(
        select(Customer)
        .where(Customer.tenant_id == ctx.tenant_id)
        .execution_options(populate_existing=True)
    )
    rows: dict[uuid.UUID, dict[str, Any]] = {}
    for c in result:
        row = {name: getattr(c, name) for name in fields if hasattr(Customer, name)}
        row["custom_fields"] = dict(c.custom_fields or {})
        rows[c.id] = row
    tag_map = await tags.tags_of(session, ctx.tenant_id, list(rows))
    for cid, row in rows.items():
        row["tags"] = tag_map.get(cid, [])
    for consent in await session.scalars(select(Consent).where(Consent.tenant_id == ctx.tenant_id)):
        rows[consent.customer_id][f"consent.{consent.channel}"] = consent.granted
    return rows


async def sql_ids(session: AsyncSession, ctx: Context, tree: Any, env: FilterEnv) -> set[uuid.UUID]:
    node = parse_tree(tree, await fields_for(session, ctx.tenant_id))
    query = select(Customer.id).where(
        Customer.tenant_id == ctx.tenant_id, compile_filter(node, env)
    )
    return set(await session.scalars(query))
