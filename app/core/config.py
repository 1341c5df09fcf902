"""One settings object for the API, the worker and the CLI, read from the environment."""

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KARTOTEKA_", env_file=".env", extra="ignore")

    # The two operators set everywhere keep their conventional, unprefixed names.
    database_url: str = Field(
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/kartoteka",
        validation_alias=AliasChoices("DATABASE_URL", "KARTOTEKA_DATABASE_URL"),
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        validation_alias=AliasChoices("REDIS_URL", "KARTOTEKA_REDIS_URL"),
    )
    environment: str = "development"
    db_pool_size: int = 10
    db_max_overflow: int = 10
    # Every statement the API issues is bounded; long work belongs in a job.
    statement_timeout_ms: int = 15_000
    max_body_bytes: int = 1_048_576
    max_upload_bytes: int = 200 * 1024 * 1024
    data_dir: Path = Path(".data")
    upload_dir: Path = Path(".data/uploads")
    session_ttl_hours: int = 12
    cookie_secure: bool = False
    idempotency_ttl_seconds: int = 24 * 3600
    spa_dir: Path = Path("frontend/dist")
    log_json: bool = False
    # A running import whose job has not reported progress for this long is taken to have
    # lost its worker (killed, OOM) and is handed to another one.
    import_stale_after_seconds: int = 120


@lru_cache
def get_settings() -> Settings:
    return Settings()
