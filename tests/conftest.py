"""Real PostgreSQL and Redis for every test.

One database per test run (per xdist worker), migrated once with Alembic; each test runs on
one connection inside an outer transaction that is rolled back at the end. API tests go
through the real ASGI app with the session dependency bound to that connection.
"""

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import Request
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

# Kept in its own variable: xdist workers inherit the environment this module rewrites below.
# A role that may create databases and roles (the owner's, MIGRATIONS_DATABASE_URL, if set).
BASE_DATABASE_URL = os.environ.setdefault(
    "KARTOTEKA_TEST_BASE_DATABASE_URL",
    os.environ.get("MIGRATIONS_DATABASE_URL")
    or os.environ.get("DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"),
)
TEST_DB = f"kt_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
# Migrations (and backups, tenant exports) run as the owner; everything else, the tests'
# own sessions included, as the app's role, which the migrations create: neither superuser
# nor owner nor BYPASSRLS, so row-level security is in force in every test.
TEST_OWNER_URL = (
    make_url(BASE_DATABASE_URL).set(database=TEST_DB).render_as_string(hide_password=False)
)
TEST_APP_ROLE = os.environ.get("KARTOTEKA_TEST_APP_ROLE", "kartoteka_app")
TEST_DATABASE_URL = (
    make_url(TEST_OWNER_URL)
    .set(username=TEST_APP_ROLE, password=os.environ.get("KARTOTEKA_TEST_APP_PASSWORD"))
    .render_as_string(hide_password=False)
)
# Everything the app builds from settings (engine, worker, CLI) points at the test database.
os.environ["DATABASE_URL"] = TEST_DATABASE_URL
os.environ["MIGRATIONS_DATABASE_URL"] = TEST_OWNER_URL
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ["KARTOTEKA_UPLOAD_DIR"] = f"/tmp/{TEST_DB}/uploads"
# The development secret key file goes there too, not into the checkout.
os.environ["KARTOTEKA_DATA_DIR"] = f"/tmp/{TEST_DB}"

from app.auth import service as auth_service  # noqa: E402
from app.auth.scopes import ROLE_SCOPES, SCOPES  # noqa: E402
from app.core import db as core_db  # noqa: E402
from app.core import tenancy  # noqa: E402
from app.core.context import Context, Principal, TenantInfo  # noqa: E402
from app.core.deps import get_session, request_tenant  # noqa: E402
from app.core.jobs import InMemoryQueue, take_buffer  # noqa: E402
from app.main import create_app  # noqa: E402
from app.tenants import service as tenants_service  # noqa: E402
from app.worker import WorkerSettings  # noqa: E402, F401  (wires the domains' jobs, as the worker does)
from tests.citus_nodes import drop_citus_database, make_citus_database  # noqa: E402


def _plain_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _create_database() -> None:
    admin = await asyncpg.connect(_plain_dsn(BASE_DATABASE_URL))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{TEST_DB}"')
    finally:
        await admin.close()
    await make_citus_database(BASE_DATABASE_URL, TEST_DB)


async def _drop_database() -> None:
    admin = await asyncpg.connect(_plain_dsn(BASE_DATABASE_URL))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)')
    finally:
        await admin.close()
    await drop_citus_database(BASE_DATABASE_URL, TEST_DB)


@pytest.fixture(scope="session", autouse=True)
def database() -> Any:
    from alembic import command

    from app.cli import alembic_config

    asyncio.run(_create_database())
    command.upgrade(alembic_config(TEST_OWNER_URL), "heads")
    yield TEST_DATABASE_URL
    asyncio.run(_drop_database())


@pytest.fixture(scope="session")
async def engine(database: str) -> AsyncIterator[AsyncEngine]:
    engine = core_db.get_engine()
    yield engine
    await core_db.dispose_engine()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    session = AsyncSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    yield session
    await session.close()


@pytest.fixture
def jobs() -> InMemoryQueue:
    return InMemoryQueue()


async def _new_tenant(session: AsyncSession, **kwargs: Any) -> TenantInfo:
    slug = f"t-{uuid.uuid4().hex[:12]}"
    tenant = await tenants_service.create_tenant(session, slug, name=f"Tenant {slug}", **kwargs)
    return tenants_service.info(tenant)


@pytest.fixture
async def tenant(session: AsyncSession) -> TenantInfo:
    return await _new_tenant(session)


@pytest.fixture
async def other_tenant(session: AsyncSession, tenant: TenantInfo) -> TenantInfo:
    """A second tenant; the session goes on working for the first (`tenancy.as_tenant` to
    work for this one)."""
    other = await _new_tenant(session)
    await tenancy.use_tenant(session, tenant.id)
    return other


@pytest.fixture
def ctx(tenant: TenantInfo) -> Context:
    principal = Principal(
        kind="user", id=uuid.uuid4(), label="owner@test", role="owner", scopes=ROLE_SCOPES["owner"]
    )
    return Context(tenant=tenant, principal=principal, locale="en")


@pytest.fixture
async def app(session: AsyncSession, jobs: InMemoryQueue) -> AsyncIterator[Any]:
    from redis.asyncio import Redis

    application = create_app()

    async def test_session(request: Request) -> AsyncIterator[AsyncSession]:
        # Like the real unit of work, but commit only releases a savepoint of the test; for
        # the caller's tenant, as the real one (the test goes on working for it afterwards).
        tenant_id = await request_tenant(request)
        if tenant_id is not None:
            await tenancy.use_tenant(session, tenant_id)
        try:
            yield session
        except BaseException:
            take_buffer(session)
            raise
        await session.commit()
        await jobs.enqueue_many(take_buffer(session))

    @asynccontextmanager
    async def test_read_session() -> AsyncIterator[AsyncSession]:
        yield session

    @asynccontextmanager
    async def test_read_connection(request: Request) -> AsyncIterator[Any]:
        # The test's own connection, so plain asyncpg reads see the test's rows too; its work
        # in a savepoint, rolled back when it raises, as the real checkout's transaction is.
        tenant_id = await request_tenant(request)
        if tenant_id is not None:
            await tenancy.use_tenant(session, tenant_id)
        raw = await (await session.connection()).get_raw_connection()
        async with raw.driver_connection.transaction():
            yield raw.driver_connection

    application.dependency_overrides[get_session] = test_session
    application.state.read_sessions = test_read_session
    application.state.read_connections = test_read_connection
    application.state.redis = Redis.from_url(os.environ["REDIS_URL"])
    application.state.job_queue = jobs
    yield application
    await application.state.redis.aclose()


ClientFactory = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def make_client(
    app: Any, session: AsyncSession, tenant: TenantInfo
) -> AsyncIterator[ClientFactory]:
    clients: list[httpx.AsyncClient] = []

    async def factory(
        scopes: list[str] | None = None, tenant: TenantInfo = tenant
    ) -> httpx.AsyncClient:
        async with tenancy.as_tenant(session, tenant.id):
            _, token = await auth_service.create_api_key(
                session, tenant.id, name="test", scopes=scopes or sorted(SCOPES), created_by="tests"
            )
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        )
        clients.append(client)
        return client

    yield factory
    for c in clients:
        await c.aclose()


@pytest.fixture
async def client(make_client: ClientFactory) -> httpx.AsyncClient:
    return await make_client()


@pytest.fixture
async def anonymous(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test/api/v1"
    ) as c:
        yield c


@pytest.fixture
async def committed_tenant(engine: AsyncEngine) -> TenantInfo:
    """A tenant committed for real: for tests that go through a worker process."""
    async with core_db.unit_of_work() as s:
        return await _new_tenant(s)
