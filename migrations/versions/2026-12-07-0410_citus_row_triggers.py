"""Citus: the stats-days row trigger probes the index, and runs its DELETE as dynamic SQL

On Citus the statement trigger of 2026-11-23 is a row trigger (2026-12-05 "citus_distribution":
transition tables cannot run on shards). Its DELETE matched `s.day` against an expression of
`s.timezone`, which no index serves: every deleted customer scanned all of its tenant's cached
days (3 ms a customer with three years of ten locations; the million-row revert on the bench
cluster took 2,263 s). The tenant's own time zone, read from `tenants` (a reference table, on
every node), turns it into a probe of the primary key; days cached in any other time zone are
stale for a tenant that has moved (reads ask for its zone, `app/stats_days/service.py`) and go
too, by two index ranges that are empty in the common case.

Its DELETE now runs as dynamic SQL (`EXECUTE … USING`). A static statement in PL/pgSQL is a
cached plan, and Citus kept about 50 KB per execution of that cached DELETE inside the trigger
until the transaction ended: a revert chunk of 25,000 customers grew its backend by over a
gigabyte, and the million-row revert on the bench cluster ran the machine out of memory.
Dynamic SQL is planned afresh each time and keeps nothing (20,000 deletes in one statement:
+1,000 MB before, +45 MB after, in the same time). The consent proof's static INSERT keeps
nothing (measured, 20,000 rows: +13 MB) and stays; `kt_clear_reference` was dynamic already.

Plain PostgreSQL keeps its statement triggers: untouched here.

Revision ID: 0035_citus_row_triggers
Revises: 0034_webhook_delivery_order
Create Date: 2026-12-07 04:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035_citus_row_triggers"
down_revision: str | Sequence[str] | None = "0034_webhook_delivery_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PROBE = """CREATE OR REPLACE FUNCTION stats_days_forget_deleted_customer() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  zone text;
BEGIN
  SELECT t.timezone INTO zone FROM tenants t WHERE t.id = OLD.tenant_id;
  EXECUTE 'DELETE FROM stats_days s WHERE s.tenant_id = $1'
          ' AND ((s.timezone = $2 AND s.day = $3) OR s.timezone < $2 OR s.timezone > $2)'
    USING OLD.tenant_id, zone, (OLD.created_at AT TIME ZONE zone)::date;
  RETURN NULL;
END $$"""

_SCAN = """CREATE OR REPLACE FUNCTION stats_days_forget_deleted_customer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stats_days s WHERE s.tenant_id = OLD.tenant_id
     AND s.day = (OLD.created_at AT TIME ZONE s.timezone)::date;
  RETURN NULL;
END $$"""


def _citus() -> bool:
    bind = op.get_bind()
    return bool(bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")))


def upgrade() -> None:
    if _citus():
        op.execute(_PROBE)


def downgrade() -> None:
    if _citus():
        op.execute(_SCAN)
