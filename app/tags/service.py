"""Tags: tenant objects with a colour, attached to customers by name."""

import unicodedata
import uuid
from collections.abc import Iterable

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.tags.models import CustomerTag, Tag

MAX_TAGS_PER_CALL = 100


class TagNotFound(NotFound):
    code = "tag_not_found"
    title = "Tag not found"


class TagExists(Conflict):
    code = "tag_exists"
    title = "A tag with this name already exists"


def clean_names(names: Iterable[str]) -> list[str]:
    """NFC, trimmed, de-duplicated case-insensitively, first spelling kept."""
    seen: dict[str, str] = {}
    for raw in names:
        name = " ".join(unicodedata.normalize("NFC", raw).split())
        if not name:
            continue
        if len(name) > 100:
            raise ValidationFailed.field(
                ["body", "tags"], "invalid_tag", "A tag name has at most 100 characters."
            )
        seen.setdefault(name.lower(), name)
    if len(seen) > MAX_TAGS_PER_CALL:
        raise ValidationFailed.field(
            ["body", "tags"], "too_many_tags", f"At most {MAX_TAGS_PER_CALL} tags at once."
        )
    return list(seen.values())


async def ensure_tags(
    session: AsyncSession, tenant_id: uuid.UUID, names: Iterable[str]
) -> list[Tag]:
    """The tags with these names, creating the missing ones (race-safe)."""
    cleaned = clean_names(names)
    if not cleaned:
        return []
    await session.execute(
        insert(Tag)
        .values(
            [
                {"id": uuid.uuid4(), "tenant_id": tenant_id, "name": n, "name_key": n.lower()}
                for n in cleaned
            ]
        )
        .on_conflict_do_nothing(index_elements=["tenant_id", "name_key"])
    )
    rows = await session.scalars(
        select(Tag).where(
            Tag.tenant_id == tenant_id, Tag.name_key.in_([n.lower() for n in cleaned])
        )
    )
    return list(rows)


async def list_tags(session: AsyncSession, tenant_id: uuid.UUID) -> list[tuple[Tag, int]]:
    counts = (
        select(CustomerTag.tag_id, func.count().label("n"))
        .where(CustomerTag.tenant_id == tenant_id)
        .group_by(CustomerTag.tag_id)
        .subquery()
    )
    rows = await session.execute(
        select(Tag, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.tag_id == Tag.id)
        .where(Tag.tenant_id == tenant_id)
        .order_by(Tag.name_key)
    )
    return [(tag, n) for tag, n in rows.all()]


async def get_tag(session: AsyncSession, tenant_id: uuid.UUID, tag_id: uuid.UUID) -> Tag:
    tag = await session.scalar(select(Tag).where(Tag.tenant_id == tenant_id, Tag.id == tag_id))
    if tag is None:
        raise TagNotFound()
    return tag


async def _check_free(
    session: AsyncSession, tenant_id: uuid.UUID, name: str, keep: uuid.UUID | None = None
) -> None:
    other = await session.scalar(
        select(Tag.id).where(Tag.tenant_id == tenant_id, Tag.name_key == name.lower())
    )
    if other is not None and other != keep:
        raise TagExists(f"There is already a tag called {name!r}.")


def _one_name(name: str) -> str:
    names = clean_names([name])
    if not names:
        # The spec's pattern says as much; a name of only whitespace is no name.
        raise ValidationFailed.field(["body", "name"], "blank_name", "A tag needs a name.")
    return names[0]


async def create_tag(session: AsyncSession, ctx: Context, *, name: str, colour: str) -> Tag:
    name = _one_name(name)
    await _check_free(session, ctx.tenant_id, name)
    tag = Tag(tenant_id=ctx.tenant_id, name=name, name_key=name.lower(), colour=colour)
    session.add(tag)
    await session.flush()
    await audit.record(
        session,
        ctx,
        "tag.created",
        "tag",
        tag.id,
        changes={"name": [None, name], "colour": [None, colour]},
    )
    return tag


# The customers showing a tag show it differently once it is renamed or deleted: their
# version (ETag) moves, so no client keeps serving its copy (#21). Plain SQL: the customers'
# table belongs to a layer above this one.
_MOVE_VERSIONS = text("""
UPDATE customers c SET version = c.version + 1, updated_at = now()
FROM customer_tags ct
WHERE ct.tenant_id = :t AND ct.tag_id = :tag AND c.tenant_id = :t AND c.id = ct.customer_id
""")


async def update_tag(
    session: AsyncSession, ctx: Context, tag_id: uuid.UUID, *, name: str | None, colour: str | None
) -> Tag:
    tag = await get_tag(session, ctx.tenant_id, tag_id)
    before = {"name": tag.name, "colour": tag.colour}
    if name is not None:
        name = _one_name(name)
        await _check_free(session, ctx.tenant_id, name, keep=tag.id)
        tag.name, tag.name_key = name, name.lower()
    if colour is not None:
        tag.colour = colour
    changes = audit.diff(before, {"name": tag.name, "colour": tag.colour})
    if changes:
        await audit.record(session, ctx, "tag.updated", "tag", tag.id, changes=changes)
    if "name" in changes:
        await session.execute(_MOVE_VERSIONS, {"t": ctx.tenant_id, "tag": tag.id})
    await session.flush()
    return tag


async def delete_tag(session: AsyncSession, ctx: Context, tag_id: uuid.UUID) -> None:
    tag = await get_tag(session, ctx.tenant_id, tag_id)
    await session.execute(_MOVE_VERSIONS, {"t": ctx.tenant_id, "tag": tag.id})
    await session.execute(delete(Tag).where(Tag.tenant_id == ctx.tenant_id, Tag.id == tag.id))
    await audit.record(
        session, ctx, "tag.deleted", "tag", tag.id, changes={"name": [tag.name, None]}
    )


async def set_customer_tags(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID, names: list[str]
) -> None:
    """Replace a customer's tags with exactly these names."""
    tags = await ensure_tags(session, tenant_id, names)
    await session.execute(
        delete(CustomerTag).where(
            CustomerTag.tenant_id == tenant_id, CustomerTag.customer_id == customer_id
        )
    )
    if tags:
        await session.execute(
            insert(CustomerTag).values(
                [{"tenant_id": tenant_id, "customer_id": customer_id, "tag_id": t.id} for t in tags]
            )
        )


async def tags_of(
    session: AsyncSession, tenant_id: uuid.UUID, customer_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    if not customer_ids:
        return {}
    rows = await session.execute(
        select(CustomerTag.customer_id, Tag.name)
        .join(Tag, (Tag.tenant_id == CustomerTag.tenant_id) & (Tag.id == CustomerTag.tag_id))
        .where(CustomerTag.tenant_id == tenant_id, CustomerTag.customer_id.in_(customer_ids))
        .order_by(Tag.name_key)
    )
    out: dict[uuid.UUID, list[str]] = {}
    for cid, name in rows.all():
        out.setdefault(cid, []).append(name)
    return out
