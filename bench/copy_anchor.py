"""The anchor for the million-row import: a bare COPY of the same rows, nothing else.

The file is turned into the customers' columns by polars (not timed: that is the part an
import does for you) and copied with one `COPY` into a copy of the customers table holding the
same rows and the same indexes (`LIKE customers INCLUDING ALL`: the unique keys, the sort
keys, the trigram search indexes). The import's commit writes the same customers, plus the
validation, the duplicate checks, the tags and consents, the history and the resumable
progress: `commit ÷ COPY` is what all of that costs on top of the floor.
"""

import io
import time
from pathlib import Path

import asyncpg
import polars as pl
from sqlalchemy.engine import make_url

from app.core.config import get_settings
from app.imports.staging import new_uuids

TABLE = "bench_copy_anchor"


def _customer_rows(csv: Path, tenant_id: str) -> tuple[list[str], bytes]:
    raw = pl.read_csv(
        csv.read_bytes().decode("cp1250").encode(), separator=";", infer_schema_length=0
    )
    digits = raw["Telefon"].str.replace_all(r"\D", "").str.slice(-9)
    rows = pl.DataFrame(
        {
            "id": new_uuids(raw.height),
            "tenant_id": pl.repeat(tenant_id, raw.height, eager=True),
            "first_name": raw["Imię"],
            "last_name": raw["Nazwisko"],
            "email": raw["E-mail"].str.to_lowercase(),
            "phone": "+48" + digits,
            "birth_date": raw["Data urodzenia"].str.strptime(pl.Date, "%d.%m.%Y"),
            "city": raw["Miasto"],
            "street": raw["Ulica"],
            "building": raw["Nr domu"],
            "postal_code": raw["Kod pocztowy"],
            "type": pl.repeat("customer", raw.height, eager=True),
            "status": pl.repeat("active", raw.height, eager=True),
            "source": pl.repeat("import", raw.height, eager=True),
        }
    )
    buffer = io.BytesIO()
    rows.write_csv(buffer, include_header=False)
    return rows.columns, buffer.getvalue()


async def bare_copy_seconds(csv: Path, tenant_id: str) -> float:
    """Seconds of one COPY of `csv`'s customers into a copy of `customers` (rows and indexes)."""
    columns, data = _customer_rows(csv, tenant_id)
    # As the owner: a table of its own to COPY into, and CHECKPOINT (not the app role's to do).
    dsn = make_url(get_settings().owner_database_url).set(drivername="postgresql")
    conn = await asyncpg.connect(dsn.render_as_string(hide_password=False))
    try:
        await conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        await conn.execute(f"CREATE TABLE {TABLE} (LIKE customers INCLUDING ALL)")
        stored = await conn.fetchval(
            "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
            " FROM information_schema.columns"
            " WHERE table_name = 'customers' AND is_generated = 'NEVER'"
        )
        await conn.execute(f"INSERT INTO {TABLE} ({stored}) SELECT {stored} FROM customers")
        await conn.execute(f"VACUUM ANALYZE {TABLE}")
        await conn.execute("CHECKPOINT")  # the COPY does not pay for the copy's dirty pages
        started = time.perf_counter()
        await conn.copy_to_table(
            TABLE, source=io.BytesIO(data), columns=columns, format="csv", null=""
        )
        return time.perf_counter() - started
    finally:
        await conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        await conn.close()
