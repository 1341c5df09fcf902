"""Finding likely duplicate customers (`GET /customers/duplicates`); merging them is
`app/merge/`, which moves other domains' rows and so sits above them."""

import uuid
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Card, Customer


async def duplicate_groups(
    session: AsyncSession, ctx: Context, limit: int
) -> list[tuple[str, str, list[uuid.UUID]]]:
    """Likely duplicates: the same phone, the same email up to dots and `+tags`, the same
    external id or card ignoring case and spaces, or the same name (without accents) and birth date."""
    t = ctx.tenant_id
    email_key = func.concat(
        func.regexp_replace(
            func.split_part(func.split_part(Customer.email, "@", 1), "+", 1), r"\.", "", "g"
        ),
        "@",
        func.split_part(Customer.email, "@", 2),
    )
    name_key = func.concat(
        func.kt_unaccent(func.lower(func.coalesce(Customer.first_name, ""))), " ",
        func.kt_unaccent(func.lower(func.coalesce(Customer.last_name, ""))), " ",
        func.cast(Customer.birth_date, Customer.last_name.type),
    )  # fmt: skip
    card_key = func.regexp_replace(func.lower(Card.number), r"[\s-]", "", "g")
    queries: list[tuple[str, Select[Any]]] = [
        ("same_phone", select(Customer.phone.label("k"), Customer.id.label("cid")).where(Customer.tenant_id == t, Customer.phone.is_not(None))),
        ("similar_email", select(email_key.label("k"), Customer.id.label("cid")).where(Customer.tenant_id == t, Customer.email.is_not(None))),
        ("same_external_id", select(func.lower(func.trim(Customer.external_id)).label("k"), Customer.id.label("cid")).where(Customer.tenant_id == t, Customer.external_id.is_not(None))),
        ("same_card", select(card_key.label("k"), Card.customer_id.label("cid")).where(Card.tenant_id == t)),
        ("same_name_and_birth_date", select(name_key.label("k"), Customer.id.label("cid")).where(Customer.tenant_id == t, Customer.birth_date.is_not(None), Customer.last_name.is_not(None))),
    ]  # fmt: skip
    groups: list[tuple[str, str, list[uuid.UUID]]] = []
    seen: set[frozenset[uuid.UUID]] = set()
    for reason, query in queries:
        sub = query.subquery()
        rows = await session.execute(
            select(sub.c.k, func.array_agg(func.distinct(sub.c.cid)))
            .group_by(sub.c.k)
            .having(func.count(func.distinct(sub.c.cid)) > 1)
            .order_by(sub.c.k)
            .limit(limit)
        )
        for key, ids in rows.all():
            members = frozenset(ids)
            if members not in seen:
                seen.add(members)
                groups.append((reason, str(key), sorted(ids, key=str)))
    return groups[:limit]
