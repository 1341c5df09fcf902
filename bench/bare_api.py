"""The anchor for the single-record figures: a bare FastAPI + asyncpg app, no more.

It serves `GET /api/v1/customers/{id}` with the very statement the real API runs (the record
with its tags, cards and consents in one row, by the (tenant_id, id) key) on an asyncpg pool of
the same size, for the tenant in BARE_TENANT_ID, and answers the row as JSON: no
authentication, middleware, validation or response model. What the real API reaches of this
app's requests/s, on the same database with the same number of processes, is what our own
layers cost.

    BARE_TENANT_ID=… uvicorn bench.bare_api:app --workers 3
"""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
from fastapi import FastAPI, HTTPException
from fastapi.responses import Response
from sqlalchemy.engine import make_url

from app.core import tenancy
from app.core.config import get_settings
from app.customers.reads import BY_ID_SQL


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    dsn = make_url(settings.database_url).set(drivername="postgresql")
    app.state.pool = await asyncpg.create_pool(
        dsn.render_as_string(hide_password=False), min_size=1, max_size=settings.db_pool_size
    )
    app.state.tenant_id = uuid.UUID(os.environ["BARE_TENANT_ID"])
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=_lifespan)


def _jsonable(value: Any) -> Any:
    return orjson.Fragment(value) if isinstance(value, str) and value[:1] in "[{" else value


@app.get("/api/v1/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/v1/customers/{customer_id}")
async def get_customer(customer_id: uuid.UUID) -> Response:
    # As the API's read pool does: the app's role, the tenant set for the transaction (RLS).
    async with (
        app.state.pool.acquire() as conn,
        tenancy.tenant_transaction(conn, app.state.tenant_id),
    ):
        row = await conn.fetchrow(BY_ID_SQL, app.state.tenant_id, customer_id)
    if row is None:
        raise HTTPException(404)
    body = orjson.dumps({k: _jsonable(v) for k, v in row.items()}, default=str)
    return Response(body, media_type="application/json")
