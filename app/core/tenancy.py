"""Which tenant a transaction works for: the setting row-level security reads.

Every tenant table's policy (`core.rls_sql`) shows and accepts only the rows of the tenant in
`app.tenant_id`. It is set per transaction (`SET LOCAL`, gone at COMMIT/ROLLBACK, so a pooled
connection never carries it to the next request) on every path: the request's session
(`core.deps.get_session`), jobs and the CLI (`core.db.unit_of_work(tenant_id=…)`), and the
plain read pool, whose checkout is one transaction (`tenant_transaction`,
`core.deps.get_read_connection`).

Work across tenants (the sweepers) lists them through `all_tenant_ids`, the one cross-tenant
read, and then works tenant by tenant with the tenant set.
"""

import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import Connection, TextClause, event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

SETTING = "app.tenant_id"


def _set_local(tenant_id: uuid.UUID | None) -> TextClause:
    """`SET LOCAL`, the same as `set_config(…, true)` on PostgreSQL, and the form Citus passes
    on to the workers running the statement's shards (with `citus.propagate_set_commands =
    'local'`, set for the app's role by migration 0032): a function call it does not. The
    value is a UUID, checked here, so it goes into the text safely."""
    value = str(uuid.UUID(str(tenant_id))) if tenant_id else ""
    return text(f"SET LOCAL app.tenant_id TO '{value}'")


def bind_tenant(session: AsyncSession, tenant_id: uuid.UUID | None) -> None:
    """Work for this tenant from the session's first transaction on, set when that transaction
    connects (`_on_begin`): a request that never queries never checks a connection out."""
    assert not session.in_transaction(), "bind before the first statement; else use_tenant"
    session.info[SETTING] = tenant_id


async def use_tenant(session: AsyncSession | AsyncConnection, tenant_id: uuid.UUID | None) -> None:
    """Work for this tenant (None: for no tenant). A session keeps it for its later
    transactions too (a job that commits chunk by chunk), through `_on_begin`."""
    if isinstance(session, AsyncSession):
        session.info[SETTING] = tenant_id
    await session.execute(_set_local(tenant_id))


@event.listens_for(Session, "after_begin")
def _on_begin(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    """Each new transaction of a session that works for a tenant starts with it set."""
    if SETTING in session.info:
        tenant_id = session.info[SETTING]
        connection.execute(_set_local(tenant_id))


async def current_tenant(session: AsyncSession | AsyncConnection) -> uuid.UUID | None:
    value = await session.scalar(text("SELECT current_setting('app.tenant_id', true)"))
    return uuid.UUID(value) if value else None


@asynccontextmanager
async def as_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> AsyncIterator[None]:
    """Work for another tenant for a while, then back to the one before."""
    before = await current_tenant(session)
    await use_tenant(session, tenant_id)
    try:
        yield
    finally:
        await use_tenant(session, before)


@asynccontextmanager
async def tenant_transaction(
    connection: asyncpg.Connection, tenant_id: uuid.UUID | None
) -> AsyncIterator[asyncpg.Connection]:
    """A plain read-pool connection's work for a tenant, in one transaction that starts with
    the tenant set: `BEGIN; SET LOCAL …` go as one simple query (one round trip, no statement
    of its own the server could be lost in between), the work follows, then COMMIT (ROLLBACK
    when it raised). `SET LOCAL` is what Citus passes on to the workers; a session's setting
    it would not. A transaction that could not be ended (a lost connection) ends with the
    connection: terminated, never back in the pool dirty."""
    try:
        await connection.execute(f"BEGIN; {_set_local(tenant_id).text}")
    except asyncpg.InternalClientError as exc:
        # Seen when the server terminated the idle pooled connection (a failover, a killed
        # backend) before this first statement: unusable, and nothing was done.
        _terminate(connection)
        raise ConnectionError("the database connection was lost") from exc
    try:
        yield connection
    except BaseException:
        await _end(connection, "ROLLBACK")
        raise
    await _end(connection, "COMMIT")


async def _end(connection: asyncpg.Connection, command: str) -> None:
    try:
        closed = connection.is_closed()
    except asyncpg.InterfaceError:
        # A pooled connection the server closed has already gone back to the pool (asyncpg
        # releases it on close).
        closed = True
    if closed:
        if command == "COMMIT":
            # Its transaction died with it: what the work wrote is not there (a retry may
            # find it done, when the work had ended it early and went on elsewhere).
            raise ConnectionError("the database connection was lost before the COMMIT")
        return
    if not connection.is_in_transaction():
        return  # the work's own statement ended it
    try:
        status = await connection.execute(command)
    except BaseException as exc:
        # Never back in the pool with the transaction open.
        _terminate(connection)
        if command == "ROLLBACK" and isinstance(exc, Exception):
            return  # ended with the connection; the error that ended the work goes on
        if isinstance(exc, asyncpg.InternalClientError | asyncpg.InterfaceError):
            # The server closed it before the COMMIT (a failover, a killed backend): the
            # transaction is rolled back, a lost connection, to retry.
            raise ConnectionError("the database connection was lost") from exc
        raise
    if command == "COMMIT" and status != "COMMIT":
        # An error inside was caught and the work went on: what it wrote is lost.
        raise RuntimeError("the read-pool transaction failed and was rolled back")


def _terminate(connection: asyncpg.Connection) -> None:
    with contextlib.suppress(asyncpg.InterfaceError):  # already closed and back in the pool
        connection.terminate()


async def all_tenant_ids(session: AsyncSession | AsyncConnection) -> list[uuid.UUID]:
    """Every tenant: the one read across tenants (`tenants` has no row security, it is the
    list of them). Sweepers call this, then work per tenant with `use_tenant`."""
    return list((await session.scalars(text("SELECT id FROM tenants ORDER BY id"))).all())


async def tenants_having(
    session: AsyncSession, condition: TextClause, params: dict[str, object] | None = None
) -> list[uuid.UUID]:
    """The tenants (of `all_tenant_ids`) for which `condition`, a statement answering one
    boolean with the tenant as `:tenant_id`, is true, each asked with its tenant set (row
    security shows a statement only its tenant's rows). The session goes back to the tenant
    it had."""
    found = []
    for tenant_id in await all_tenant_ids(session):
        async with as_tenant(session, tenant_id):
            if await session.scalar(condition, {**(params or {}), "tenant_id": tenant_id}):
                found.append(tenant_id)
    return found
