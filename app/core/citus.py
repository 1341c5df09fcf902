"""What the app does differently on a Citus coordinator, decided here.

Whether the database is Citus is asked once per connection (`pg_extension`) and kept in the
pooled connection's `info`.

An INSERT … SELECT that Citus cannot push down to the shards (the source is a table of the
coordinator's, a CTE or a constant row; the tenant a constant rather than the source's
co-located `tenant_id`) is run by the coordinator: it runs the SELECT and by default COPYs
the rows into the target's shards, and COPY FROM is refused on a table under row-level
security ("COPY FROM not supported with row-level security"; every tenant table, migration
0032). Given ON CONFLICT or RETURNING, Citus instead writes the rows into intermediate results
beside each target shard and runs `INSERT INTO <shard> SELECT … FROM read_intermediate_result(…)`
on it (citus insert_select_executor.c): a plain INSERT, which the policy's WITH CHECK accepts
for the transaction's tenant's rows only, like any other write. `PULLED_INSERT` is that
clause, RETURNING, so that a duplicate key is still an error; its rows are to be left unread.
Prefer a statement Citus pushes down (the source's `tenant_id`, co-located tables): it needs
no clause and runs on the shards in parallel.
"""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

PULLED_INSERT = " RETURNING NULL"
_KEY = "kartoteka.citus"


async def on_citus(session: AsyncSession) -> bool:
    """Whether the session's database is a Citus coordinator (asked once per connection)."""
    conn = await session.connection()
    known = conn.info.get(_KEY)
    if known is None:
        known = bool(
            await conn.scalar(
                text("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')")
            )
        )
        conn.info[_KEY] = known
    return bool(known)


async def pulled_insert(session: AsyncSession) -> str:
    """`PULLED_INSERT` on Citus, nothing on plain PostgreSQL (the statement stays as it was):
    to end an INSERT … SELECT that Citus runs through the coordinator."""
    return PULLED_INSERT if await on_citus(session) else ""
