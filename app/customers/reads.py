"""Customer records as the API shows them, each read in one statement.

The record, its tags, cards and consents come back in one row: the children as JSON built by
PostgreSQL. A POS asks for a customer many times a second, so the single-record reads (by id,
and the till's lookup) are one statement on a plain asyncpg connection (see `ReadConnectionDep`).
"""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
import orjson
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.customers.models import Customer
from app.customers.schemas import CardOut, ConsentOut, CustomerLoyalty, CustomerOut

_CHILDREN = ("tags", "cards", "consents", "loyalty")
# The record's own columns, in CustomerOut's order (names from our model, never from input).
_COLUMNS = ", ".join(
    f"c.{name}" for name in CustomerOut.model_fields if name in Customer.__table__.c
)


# The loyalty account (app/loyalty, which builds on customers: read here as a table, no
# import) by its primary key; its level's percent from the programme in force (the newest
# version, by the programmes' primary key), when enabled.
def _level_percent(tenant: str) -> str:
    return f"""coalesce((
       SELECT (lv->>'discount_percent')::numeric
       FROM (SELECT p.rules, p.enabled FROM loyalty_programmes p WHERE p.tenant_id = {tenant}
             ORDER BY p.version DESC LIMIT 1) AS p
       CROSS JOIN LATERAL jsonb_array_elements(p.rules->'levels') AS lv
       WHERE p.enabled AND lv->>'name' = a.level), 0)"""


# Correlated to the customer row `c`; each subquery is served by its (tenant_id, customer_id)
# index. Each names the tenant by the same parameter as the outer query (not `c.tenant_id`):
# on Citus that constant is what makes the whole statement one shard's (a router query).
def _children_sql(tenant: str) -> str:
    return f"""
  (SELECT coalesce(json_agg(t.name ORDER BY t.name_key), '[]')
     FROM customer_tags ct JOIN tags t ON t.tenant_id = ct.tenant_id AND t.id = ct.tag_id
    WHERE ct.tenant_id = {tenant} AND t.tenant_id = {tenant} AND ct.customer_id = c.id) AS tags,
  (SELECT coalesce(json_agg(json_build_object('number', k.number, 'barcode', k.barcode,
                                              'expires_on', k.expires_on)
                            ORDER BY k.created_at, k.number), '[]')
     FROM cards k WHERE k.tenant_id = {tenant} AND k.customer_id = c.id) AS cards,
  (SELECT coalesce(json_object_agg(g.channel, json_build_object('granted', g.granted,
                   'changed_at', g.changed_at, 'source', g.source,
                   'wording_version', g.wording_version)), '{{}}')
     FROM customer_consents g WHERE g.tenant_id = {tenant} AND g.customer_id = c.id) AS consents,
  coalesce((SELECT json_build_object('points_balance', a.balance, 'points_pending', a.pending,
                   'level', a.level, 'promo_credit_balance', a.promo_credit_balance,
                   'discount_percent', greatest(a.discount_percent, {_level_percent(tenant)}))
     FROM loyalty_accounts a WHERE a.tenant_id = {tenant} AND a.customer_id = c.id),
   '{{}}') AS loyalty
"""


def _select(where: str, order: str = "", *, tenant: str = ":tenant_id") -> str:
    return (
        f"SELECT {_COLUMNS}, {_children_sql(tenant)} FROM customers c "
        f"WHERE c.tenant_id = {tenant} AND {where} {order}"
    )


_BY_IDS = text(_select("c.id = ANY(CAST(:ids AS uuid[]))"))
_CHILDREN_BY_IDS = text(
    f"SELECT c.id, {_children_sql(':tenant_id')} FROM customers c"
    " WHERE c.tenant_id = :tenant_id AND c.id = ANY(CAST(:ids AS uuid[]))"
)
# The hot reads run on a plain asyncpg connection: $1 is the tenant, $2 the value.
BY_ID_SQL = _select("c.id = $2", tenant="$1")
# The till's lookups: at most 20, oldest first (a shared family phone can match several).
_LOOKUP_ORDER = "ORDER BY c.created_at, c.id LIMIT 20"
_BY_KEY = {
    "phone": _select("c.phone = $2", _LOOKUP_ORDER, tenant="$1"),
    "email": _select("c.email = $2", _LOOKUP_ORDER, tenant="$1"),
    "card": _select(
        "c.id IN (SELECT k.customer_id FROM cards k WHERE k.tenant_id = $1 AND k.number = $2)",
        _LOOKUP_ORDER,
        tenant="$1",
    ),
}


class _Children(BaseModel):
    tags: list[str]
    cards: list[CardOut]
    consents: dict[str, ConsentOut]
    loyalty: CustomerLoyalty


def _decoded(value: Any) -> Any:
    # The driver may hand json back decoded or as text, depending on its codecs.
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def _out(row: Mapping[Any, Any]) -> CustomerOut:
    values = dict(row)
    for name in _CHILDREN:
        values[name] = _decoded(values[name])
    return CustomerOut.model_validate(values)


async def children(
    session: AsyncSession, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    """Tags, cards and consents of these customers (as CustomerOut fields), one round trip."""
    if not ids:
        return {}
    rows = await session.execute(_CHILDREN_BY_IDS, {"tenant_id": tenant_id, "ids": list(ids)})
    return {
        row.id: dict(
            _Children.model_validate({name: _decoded(getattr(row, name)) for name in _CHILDREN})
        )
        for row in rows
    }


async def by_ids(
    session: AsyncSession, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> list[CustomerOut]:
    """The customers with these ids, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    rows = await session.execute(_BY_IDS, {"tenant_id": tenant_id, "ids": list(ids)})
    found = {o.id: o for o in (_out(r._mapping) for r in rows)}
    return [found[i] for i in ids if i in found]


async def by_id(
    connection: asyncpg.Connection, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> CustomerOut | None:
    row = await connection.fetchrow(BY_ID_SQL, tenant_id, customer_id)
    return _out(row) if row is not None else None


async def by_key(
    connection: asyncpg.Connection, tenant_id: uuid.UUID, key: str, value: str
) -> list[CustomerOut]:
    """Exact match on a normalised phone, a normalised email or a card number."""
    return [_out(r) for r in await connection.fetch(_BY_KEY[key], tenant_id, value)]
