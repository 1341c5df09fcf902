"""Kartoteka."""

import os

# Bulk work leaves one core to the other tenants' requests: polars (an import's parsing and
# validation) takes one thread fewer than the machine has cores, as the commit takes one
# connection fewer (`import_write_connections`). Read by polars when its pool starts, so set
# before any module imports it; an explicit POLARS_MAX_THREADS wins.
os.environ.setdefault("POLARS_MAX_THREADS", str(max(1, (os.cpu_count() or 2) - 1)))
