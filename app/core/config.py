"""One settings object for the API, the worker and the CLI, read from the environment."""

import hashlib
import hmac
import os
import secrets
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SECRET_KEY_MIN_LENGTH = 32
SECRET_KEY_FILE = "secret_key"
_SECRET_KEY_HINT = (
    "Set KARTOTEKA_SECRET_KEY to a random string of at least "
    f"{SECRET_KEY_MIN_LENGTH} characters, the same on every API and worker process, e.g. "
    "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
)


class Settings(BaseSettings):
    # Errors name the bad setting without echoing values: the input holds passwords and keys.
    model_config = SettingsConfigDict(
        env_prefix="KARTOTEKA_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    # The two operators set everywhere keep their conventional, unprefixed names.
    database_url: str = Field(
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/kartoteka",
        validation_alias=AliasChoices("DATABASE_URL", "KARTOTEKA_DATABASE_URL"),
    )
    # Migrations, backups and tenant exports/removals connect as the tables' owner, which
    # bypasses row-level security (a superuser, or a role with BYPASSRLS); the API, the worker
    # and the CLI as DATABASE_URL's role, which the migrations create when the users differ
    # (docs/security.md). Unset: DATABASE_URL (one role for everything, no second wall).
    migrations_database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "MIGRATIONS_DATABASE_URL", "KARTOTEKA_MIGRATIONS_DATABASE_URL"
        ),
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        validation_alias=AliasChoices("REDIS_URL", "KARTOTEKA_REDIS_URL"),
    )
    environment: str = "development"
    # Signs what the server hands out and must recognise later (paging cursors). Required in
    # production; in development one is generated once and kept in `<data_dir>/secret_key`.
    secret_key: SecretStr | None = None
    db_pool_size: int = 10
    db_max_overflow: int = 10
    # Statement timeouts, all of them here (milliseconds; none may be 0, unbounded), set per
    # connection by `core.db.make_engine` or per transaction by `core.db.bound_statements_to`.
    # Every statement the API issues is bounded; long work belongs in a job.
    statement_timeout_ms: int = Field(default=15_000, gt=0)
    # A job's statements are bounded too, in minutes: they work on whole tenants (the hourly
    # voucher expiry after a long pause, a recompute over a million customers, an import's
    # set-based steps over all its rows).
    worker_statement_timeout_ms: int = Field(default=600_000, gt=0)
    # One range of a bulk job's customers, in one transaction.
    bulk_chunk_statement_timeout_ms: int = Field(default=120_000, gt=0)
    # How long a search may spend counting its matches exactly before it shows an estimate.
    count_budget_ms: int = Field(default=60, gt=0)
    # Work over a whole tenant or base, run by an operator or a nightly job: the stats'
    # full recomputes, the demo seed, a tenant's export or removal, the bench's set-up.
    maintenance_statement_timeout_ms: int = Field(default=3_600_000, gt=0)
    # Migrations, which may build indexes on millions of rows.
    migration_statement_timeout_ms: int = Field(default=6 * 3_600_000, gt=0)
    # After an import commit or revert, or a bulk job, the tables it wrote are ANALYZEd when it
    # changed at least this many rows, or this fraction of a table's rows (app/core/statistics.py).
    analyze_after_rows: int = 50_000
    analyze_after_fraction: float = 0.1
    max_body_bytes: int = 1_048_576
    max_upload_bytes: int = 200 * 1024 * 1024
    data_dir: Path = Path(".data")
    upload_dir: Path = Path(".data/uploads")
    session_ttl_hours: int = 12
    # Secure cookies (and the `__Host-` name prefix) follow the environment: on in production,
    # off in development, which runs over plain http on localhost.
    cookie_secure: bool | None = None
    # Argon2 checks run at most this many at a time per process (each takes a core for ~50 ms);
    # a login that cannot start within the wait gets a 503.
    password_hash_concurrency: int = 2
    password_hash_wait_seconds: float = 3.0
    idempotency_ttl_seconds: int = 24 * 3600
    # Retention (docs/privacy.md), counted from when an import or job finished: the uploaded
    # file (and so its error file) goes after the first period, the staging rows (and with
    # them the revert) after the second, a finished bulk job's row and parameters after the third.
    retention_upload_days: int = Field(default=30, ge=1)
    retention_staging_days: int = Field(default=90, ge=1)
    retention_jobs_days: int = Field(default=90, ge=1)
    # Outbound events (the GET /events feed, and with them their webhook deliveries' log).
    events_retention_days: int = Field(default=30, ge=1)
    # Webhook URLs resolving to loopback, private, link-local or metadata addresses are refused
    # at save and at delivery; None: allowed only in development (a local receiver).
    webhooks_allow_private: bool | None = None
    # An endpoint whose deliveries have failed this long, without one success, is switched off.
    webhooks_disable_after_days: float = Field(default=3, gt=0)
    # How long the secret replaced by a rotation still signs (both signatures are sent).
    webhooks_rotation_grace_hours: float = Field(default=24, ge=0)
    # The address people reach Kartoteka at (`https://crm.example.com`), for the unsubscribe
    # links that go out in a tenant's mail; empty: the address the API was called at.
    public_url: str | None = None
    spa_dir: Path = Path("frontend/dist")
    log_json: bool = False
    # A running import whose job has not reported progress for this long is taken to have
    # lost its worker (killed, OOM) and is handed to another one.
    import_stale_after_seconds: int = 120
    # Connections an import's commit (and revert) writes with side by side, each its own
    # range of rows: PostgreSQL runs one statement on one core, the work is index upkeep.
    # One core fewer than the machine has: the other tenants' requests keep one (on 2 cores,
    # tenant B's lookup p95 during tenant A's million-row import: 3.8x its quiet figure with
    # 2 connections, 2.5x with 1 in `make bench --suite load`; goal 2x, see docs/benchmarks.md).
    import_write_connections: int = Field(default_factory=lambda: max(1, (os.cpu_count() or 2) - 1))
    # The worker's CPU priority (`nice`, 0–19): its jobs are background work (an import's parsing,
    # a bulk job's chunks), the API serves people at the till, so on a shared machine the
    # scheduler gives the API's processes the CPU first. 0 keeps the worker's priority.
    worker_nice: int = Field(default=10, ge=0, le=19)
    # Rate limits in request units a minute (GCRA: the whole minute's quota may come as a
    # burst); heavier routes cost more (`app.core.ratelimit.COSTS`). A key may have its own.
    rate_limit_key_per_minute: int = 1200
    rate_limit_tenant_per_minute: int = 3000
    # Exports and import uploads running at once per tenant; also import commits and reverts.
    export_concurrency_per_tenant: int = 2
    import_concurrency_per_tenant: int = 2
    # Browser origins allowed to call the API cross-origin, comma-separated; empty: closed.
    cors_origins: Annotated[list[str], NoDecode] = []

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @property
    def owner_database_url(self) -> str:
        """Where migrations, backups and whole-tenant operations connect: as the owner."""
        return self.migrations_database_url or self.database_url

    @model_validator(mode="after")
    def _check_secret_key(self) -> Self:
        # Raised while the settings are built, so the API, the worker and the CLI refuse to
        # start instead of signing with a guessable or per-process key.
        key = self.secret_key.get_secret_value() if self.secret_key else ""
        if not key and self.environment == "production":
            raise ValueError(f"KARTOTEKA_SECRET_KEY is required in production. {_SECRET_KEY_HINT}")
        if key and len(key) < SECRET_KEY_MIN_LENGTH:
            raise ValueError(f"KARTOTEKA_SECRET_KEY is too short. {_SECRET_KEY_HINT}")
        if self.cookie_secure is False and self.environment == "production":
            raise ValueError(
                "KARTOTEKA_COOKIE_SECURE=false is refused in production: session cookies must "
                "only travel over HTTPS (browsers treat http://localhost as secure too)."
            )
        if self.password_hash_concurrency < 1:
            raise ValueError("KARTOTEKA_PASSWORD_HASH_CONCURRENCY must be at least 1.")
        return self

    @property
    def webhooks_private_allowed(self) -> bool:
        if self.webhooks_allow_private is not None:
            return self.webhooks_allow_private
        return self.environment == "development"

    @property
    def secure_cookies(self) -> bool:
        """Cookies are `Secure` and `__Host-` prefixed: set explicitly, else in production."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.environment == "production"

    @cached_property
    def server_secret(self) -> bytes:
        """The server's secret: the configured key, else the development key file."""
        if self.secret_key:
            return self.secret_key.get_secret_value().encode()
        return _development_secret(self.data_dir / SECRET_KEY_FILE)

    def derived_key(self, purpose: str) -> bytes:
        """A key for one purpose, so no two uses of the server secret share a key."""
        return hmac.new(
            self.server_secret, b"kartoteka:" + purpose.encode(), hashlib.sha256
        ).digest()


def _development_secret(path: Path) -> bytes:
    """Read the key file, creating it (0600) on first use so cursors survive restarts.

    The new key is written to a private temporary file and hard-linked into place, so an API
    and a worker starting together agree on one key and never read a half-written file.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48) + "\n")
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process won the race; its key is the one
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_text().strip()
    if len(key) < SECRET_KEY_MIN_LENGTH:
        raise RuntimeError(f"{path} holds no usable key; delete it or {_SECRET_KEY_HINT}")
    return key.encode()


@lru_cache
def get_settings() -> Settings:
    return Settings()
