"""Realistic demo data, generated inside PostgreSQL (INSERT … SELECT), so a million
customers take minutes, not hours. SEEDERS lists what is added after the customers."""

import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import citus, tenancy
from app.core.config import get_settings
from app.core.db import bound_statements_to, unit_of_work
from app.customers.models import Customer
from app.demo.transactions import seed_vouchers_and_transactions
from app.tags import service as tags
from app.tenants import service as tenants
from app.tenants.models import Tenant

BATCH = 100_000

FIRST_PL = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Zofia",
    "Joanna",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Jan",
    "Michał",
    "Marcin",
    "Łukasz",
    "Grzegorz",
]
LAST_PL = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Nowakowski",
    "Pawłowski",
    "Michalski",
    "Król",
    "Wieczorek",
    "Jabłoński",
]
FIRST_UA = [
    "Олена",
    "Ірина",
    "Наталія",
    "Оксана",
    "Тетяна",
    "Андрій",
    "Олександр",
    "Сергій",
    "Дмитро",
    "Віктор",
]
FIRST_UA_LAT = [
    "olena",
    "iryna",
    "nataliia",
    "oksana",
    "tetiana",
    "andrii",
    "oleksandr",
    "serhii",
    "dmytro",
    "viktor",
]
LAST_UA = [
    "Шевченко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Мельник",
    "Лисенко",
]
LAST_UA_LAT = [
    "shevchenko",
    "kovalenko",
    "bondarenko",
    "tkachenko",
    "kravchenko",
    "oliinyk",
    "melnyk",
    "lysenko",
]
CITIES = [
    "Warszawa",
    "Kraków",
    "Łódź",
    "Wrocław",
    "Poznań",
    "Gdańsk",
    "Szczecin",
    "Lublin",
    "Białystok",
    "Katowice",
]
DOMAINS = ["gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl", "example.com"]
MOBILE = ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]
TAGS = [
    "VIP",
    "Stały klient",
    "Black Friday 2024",
    "Influencer",
    "Newsletter",
    "Urodziny w tym miesiącu",
]

Seeder = Callable[[AsyncSession, uuid.UUID, int], Awaitable[dict[str, int]]]
# What is seeded after the customers, in order; listed here, not registered by import.
SEEDERS: tuple[Seeder, ...] = (seed_vouchers_and_transactions,)

# A constant tenant and generated rows: Citus runs it through the coordinator, hence its ending
# (`core.citus.pulled_insert`).
_INSERT_CUSTOMERS = """
INSERT INTO customers (id, tenant_id, type, status, first_name, last_name, email, phone, birth_date, gender,
                       country, city, postal_code, source, custom_fields, created_at, updated_at)
SELECT gen_random_uuid(), CAST(:tenant_id AS uuid),
       (ARRAY['customer','customer','customer','lead','registered'])[1 + (i % 5)],
       CASE WHEN i % 41 = 0 THEN 'blocked' WHEN i % 17 = 0 THEN 'inactive' ELSE 'active' END,
       CASE WHEN ua THEN (CAST(:first_ua AS text[]))[1 + i % cardinality(CAST(:first_ua AS text[]))] ELSE (CAST(:first_pl AS text[]))[1 + i % cardinality(CAST(:first_pl AS text[]))] END,
       CASE WHEN ua THEN (CAST(:last_ua AS text[]))[1 + (i / 7) % cardinality(CAST(:last_ua AS text[]))] ELSE (CAST(:last_pl AS text[]))[1 + (i / 7) % cardinality(CAST(:last_pl AS text[]))] END,
       CASE WHEN i % 10 = 3 THEN NULL ELSE
         CASE WHEN ua THEN (CAST(:first_ua_lat AS text[]))[1 + i % cardinality(CAST(:first_ua_lat AS text[]))] || '.' || (CAST(:last_ua_lat AS text[]))[1 + (i / 7) % cardinality(CAST(:last_ua_lat AS text[]))]
              ELSE lower(unaccent((CAST(:first_pl AS text[]))[1 + i % cardinality(CAST(:first_pl AS text[]))])) || '.' || lower(unaccent((CAST(:last_pl AS text[]))[1 + (i / 7) % cardinality(CAST(:last_pl AS text[]))])) END
         || '.' || i || '@' || (CAST(:domains AS text[]))[1 + i % cardinality(CAST(:domains AS text[]))] END,
       CASE WHEN i % 10 = 7 THEN NULL ELSE
         '+48' || (CAST(:mobile AS text[]))[1 + i % cardinality(CAST(:mobile AS text[]))] || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0') END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE date '1950-01-01' + ((i * 37) % 20000) END,
       CASE WHEN i % 9 = 0 THEN NULL WHEN i % 2 = 0 THEN 'female' ELSE 'male' END,
       'PL', (CAST(:cities AS text[]))[1 + i % cardinality(CAST(:cities AS text[]))],
       lpad(((i * 13) % 100)::text, 2, '0') || '-' || lpad(((i * 7) % 1000)::text, 3, '0'),
       'import', '{}'::jsonb,
       now() - make_interval(secs => (i::bigint * 2654435761 % 94608000)::float8),
       now()
FROM (SELECT g AS i, (g % 6 = 0) AS ua FROM generate_series(CAST(:start AS int), CAST(:stop AS int)) AS g) AS s
"""


async def _seed_batch(session: AsyncSession, tenant_id: uuid.UUID, start: int, stop: int) -> None:
    await session.execute(
        text(_INSERT_CUSTOMERS + await citus.pulled_insert(session)),
        {
            "tenant_id": tenant_id, "start": start, "stop": stop,
            "first_pl": FIRST_PL, "last_pl": LAST_PL, "first_ua": FIRST_UA, "last_ua": LAST_UA,
            "first_ua_lat": FIRST_UA_LAT, "last_ua_lat": LAST_UA_LAT, "cities": CITIES, "domains": DOMAINS,
            "mobile": MOBILE,
        },
    )  # fmt: skip


async def _seed_tags_and_consents(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """Tags on about a third of this batch, consents on most of it.

    The batch is the rows with `updated_at = now()`: now() is the transaction's start time.
    """
    tag_ids = [t.id for t in await tags.ensure_tags(session, tenant_id, TAGS)]
    await session.execute(
        text("""
        INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
        SELECT c.tenant_id, c.id, (CAST(:tag_ids AS uuid[]))[1 + (abs(hashtext(c.id::text)) % cardinality(CAST(:tag_ids AS uuid[])))]
        FROM customers c WHERE c.tenant_id = :tenant_id AND c.updated_at = now() AND abs(hashtext(c.id::text)) % 3 = 0
        ON CONFLICT DO NOTHING
        """),
        {"tenant_id": tenant_id, "tag_ids": tag_ids},
    )
    await session.execute(
        text("""
        INSERT INTO customer_consents (tenant_id, customer_id, channel, granted, changed_at, source)
        SELECT c.tenant_id, c.id, ch, abs(hashtext(c.id::text || ch)) % 10 < 6, c.created_at, 'seed'
        FROM customers c CROSS JOIN unnest(ARRAY['email_marketing','sms_marketing','data_processing']) AS ch
        WHERE c.tenant_id = :tenant_id AND c.updated_at = now()
        ON CONFLICT DO NOTHING
        """),
        {"tenant_id": tenant_id},
    )


async def seed_tenant(slug: str, count: int) -> dict[str, int]:
    """Add `count` customers (and, through SEEDERS, their vouchers and transactions)."""
    async with unit_of_work() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
        if tenant is None:
            tenant = await tenants.create_tenant(session, slug, name=slug.title())
        tenant_id = tenant.id
        await tenancy.use_tenant(session, tenant_id)
        offset = (
            await session.scalar(
                select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant_id)
            )
            or 0
        )
    for start in range(offset + 1, offset + count + 1, BATCH):
        stop = min(start + BATCH - 1, offset + count)
        async with unit_of_work(tenant_id=tenant_id) as session:
            await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
            await _seed_batch(session, tenant_id, start, stop)
            await _seed_tags_and_consents(session, tenant_id)
    counts = {"customers": count}
    for seeder in SEEDERS:
        async with unit_of_work(tenant_id=tenant_id) as session:
            await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
            counts.update(await seeder(session, tenant_id, count))
    # Fresh statistics for every table the seed wrote: with stale ones the planner takes a tag
    # held by 160,000 customers for a rare one and walks them all (seconds instead of a page).
    async with unit_of_work() as session:
        await bound_statements_to(session, get_settings().maintenance_statement_timeout_ms)
        for table in ("customers", "customer_tags", "customer_consents", "cards", "tags"):
            await session.execute(text("SELECT kt_analyze(:t)"), {"t": table})
    return counts
