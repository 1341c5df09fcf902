"""The `kartoteka` command (also `python -m app`), configured by the same environment as the server."""

import asyncio
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar, cast

import typer
from alembic import command
from alembic.config import Config

from app.auth import service as auth
from app.auth.scopes import ROLES, parse_scopes
from app.core import tenancy
from app.core.db import dispose_engine, unit_of_work
from app.core.errors import AppError
from app.tenants import service as tenants

if TYPE_CHECKING:
    from app.operations.tenants import TenantDeletion

cli = typer.Typer(
    help="Kartoteka: the customer base for vouchers, loyalty cards and the till.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def _run(make: Callable[[], Awaitable[T]]) -> T:
    async def wrapper() -> T:
        try:
            return await make()
        finally:
            await dispose_engine()

    try:
        return asyncio.run(wrapper())
    except AppError as exc:
        typer.echo(f"error: {exc.detail or exc.title}", err=True)
        if exc.errors:
            for e in exc.errors:
                typer.echo(f"  {'.'.join(map(str, e.loc))}: {e.message}", err=True)
        raise typer.Exit(2) from None


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    return config


@cli.command()
def migrate() -> None:
    """Bring the database schema to the newest revision."""
    command.upgrade(alembic_config(), "heads")
    typer.echo("database is at head")


@cli.command("create-tenant")
def create_tenant(
    slug: str,
    name: Annotated[str | None, typer.Option()] = None,
    country: str = "PL",
    currency: str = "PLN",
    timezone: str = "Europe/Warsaw",
    locale: str = "pl",
) -> None:
    """Create a business (tenant)."""

    async def go() -> str:
        async with unit_of_work() as session:
            tenant = await tenants.create_tenant(
                session,
                slug,
                name=name,
                country=country,
                currency=currency,
                timezone=timezone,
                locale=locale,
            )
            return str(tenant.id)

    typer.echo(_run(go))


@cli.command("create-user")
def create_user(
    tenant: Annotated[str, typer.Option(help="Tenant slug")],
    email: Annotated[str, typer.Option()],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}")] = "owner",
    password: Annotated[str | None, typer.Option(help="Generated and printed when omitted")] = None,
) -> None:
    """Create a user who logs in to the web app."""
    chosen = password or secrets.token_urlsafe(12)

    async def go() -> None:
        async with unit_of_work() as session:
            t = await tenants.get_by_slug(session, tenant)
            await tenancy.use_tenant(session, t.id)
            await auth.create_user(session, t.id, email=email, role=role, password=chosen)

    _run(go)
    typer.echo(f"created {email} ({role})" + ("" if password else f" with password {chosen}"))


@cli.command("create-api-key")
def create_api_key(
    tenant: Annotated[str, typer.Option(help="Tenant slug")],
    scopes: Annotated[str, typer.Option(help="`all` or a comma-separated list")] = "all",
    name: Annotated[str, typer.Option()] = "cli",
) -> None:
    """Create an API key and print it (only this once)."""
    try:
        scope_list = parse_scopes(scopes)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None

    async def go() -> str:
        async with unit_of_work() as session:
            t = await tenants.get_by_slug(session, tenant)
            await tenancy.use_tenant(session, t.id)
            _, token = await auth.create_api_key(
                session, t.id, name=name, scopes=scope_list, created_by="cli"
            )
            return token

    typer.echo(_run(go))


@cli.command("revoke-api-key")
def revoke_api_key(
    tenant: Annotated[str, typer.Option()], prefix: Annotated[str, typer.Option()]
) -> None:
    """Revoke the API key whose shown prefix starts with PREFIX."""
    from app.core.context import SYSTEM, Context

    async def go() -> int:
        async with unit_of_work() as session:
            t = await tenants.get_by_slug(session, tenant)
            await tenancy.use_tenant(session, t.id)
            ctx = Context(tenant=tenants.info(t), principal=SYSTEM)
            keys = [
                k
                for k in await auth.list_api_keys(session, t.id)
                if k.prefix.startswith(prefix) and not k.revoked_at
            ]
            for key in keys:
                await auth.revoke_api_key(session, ctx, key.id)
            return len(keys)

    typer.echo(f"revoked {_run(go)} key(s)")


@cli.command("backup")
def backup_database(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (pg_dump custom format)")],
) -> None:
    """Back up the whole database (all tenants) to FILE."""
    from app.operations.backup import backup

    seconds = _timed_database_step(backup, file)
    size = file.stat().st_size / 2**20
    typer.echo(f"backed up to {file} ({size:.1f} MiB) in {seconds:.1f}s")


@cli.command("restore")
def restore_database(
    file: Annotated[Path, typer.Argument(help="A file written by `kartoteka backup`")],
    yes: Annotated[bool, typer.Option("--yes", help="Replace the database's contents")] = False,
) -> None:
    """Replace the whole database with the backup FILE (stop the API and worker first)."""
    from app.operations.backup import restore

    if not yes:
        typer.echo("error: this replaces every tenant's data; repeat with --yes", err=True)
        raise typer.Exit(2)
    seconds = _timed_database_step(restore, file)
    typer.echo(f"restored {file} in {seconds:.1f}s")


def _timed_database_step(step: Callable[[str, Path], None], file: Path) -> float:
    """Run a backup or restore as the owner (MIGRATIONS_DATABASE_URL, which bypasses row-level
    security: a dump sees every tenant); its failure is exit status 1 with the reason."""
    from app.core.config import get_settings
    from app.operations.backup import BackupError

    started = time.perf_counter()
    try:
        step(get_settings().owner_database_url, file)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    return time.perf_counter() - started


@cli.command("export-tenant")
def export_tenant(
    slug: str,
    file: Annotated[Path, typer.Argument(help="The archive to write (zip)")],
) -> None:
    """Write everything a tenant holds to FILE: a CSV per table, its uploads, a manifest."""
    from app.operations.tenants import OffboardingError
    from app.operations.tenants import export_tenant as export

    try:
        archive = asyncio.run(export(slug, file))
    except OffboardingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    rows = sum(archive.tables.values())
    typer.echo(
        f"exported {slug} to {file}: {rows:,} rows in {len(archive.tables)} tables, "
        f"{len(archive.uploads)} uploaded files"
    )


@cli.command("delete-tenant")
def delete_tenant(
    slug: str,
    confirm: Annotated[str, typer.Option(help="The slug again: nothing is deleted otherwise")],
) -> None:
    """Delete a tenant for good: its rows, uploaded files and Redis keys (export it first)."""
    from redis.asyncio import Redis

    from app.core.config import get_settings
    from app.operations.tenants import OffboardingError
    from app.operations.tenants import delete_tenant as delete

    async def go() -> TenantDeletion:
        redis = Redis.from_url(get_settings().redis_url)
        try:
            return await delete(slug, confirm, redis)
        finally:
            await redis.aclose()

    try:
        done = asyncio.run(go())
    except OffboardingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"deleted {slug}: {done.rows:,} rows, {done.files} files, {done.redis_keys} Redis keys"
    )


@cli.command()
def seed(
    tenant: Annotated[str, typer.Option(help="Tenant slug (created when missing)")],
    customers: Annotated[int, typer.Option(help="How many customers to add")] = 1000,
) -> None:
    """Add realistic demo customers (set-based: a million takes minutes)."""
    from app.demo.seed import seed_tenant

    started = time.perf_counter()
    counts = _run(lambda: seed_tenant(tenant, customers))
    typer.echo(f"seeded {counts} in {time.perf_counter() - started:.1f}s")


@cli.command()
def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: Annotated[Path, typer.Option(help="Embedded servers keep their data here")] = Path(
        ".data"
    ),
    demo_customers: int = 2000,
    reload: Annotated[
        bool, typer.Option(help="Restart the API and worker when code changes")
    ] = False,
    db_profile: Annotated[
        str,
        typer.Option(
            help="The embedded PostgreSQL's settings: durable, or throwaway (fsync off; "
            "for test servers whose data is deleted afterwards)"
        ),
    ] = "durable",
) -> None:
    """Everything up for a developer: databases, migrations, demo tenant, API and worker."""
    from app.demo.bootstrap import ensure_demo
    from app.embedded import service_urls
    from app.embedded.settings import PROFILES, Profile

    if db_profile not in PROFILES:
        typer.echo(f"error: --db-profile is one of {', '.join(PROFILES)}", err=True)
        raise typer.Exit(2)
    with service_urls(data_dir, profile=cast(Profile, db_profile)) as urls:
        env = {**os.environ, **urls.env()}
        os.environ.update(env)
        from app.core.config import get_settings

        get_settings.cache_clear()
        command.upgrade(alembic_config(get_settings().owner_database_url), "heads")
        login = _run(lambda: ensure_demo(demo_customers))
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "app.main:app",
                    "--host",
                    host,
                    "--port",
                    str(port),
                    "--no-access-log",
                ],
                env=env,
            ),
            subprocess.Popen([sys.executable, "-m", "arq", "app.worker.WorkerSettings"], env=env),
        ]
        url = f"http://{host}:{port}"
        typer.echo(
            f"\n  Kartoteka is running at {url}\n"
            f"  API docs:  {url}/api/v1/docs\n"
            f"  Log in:    {login.email} / {login.password} (tenant {login.tenant})\n"
            f"  API key:   {login.api_key}\n"
            f"  Try:       curl -H 'Authorization: Bearer {login.api_key}' {url}/api/v1/customers?page_size=2\n"
            f"  Stop with Ctrl+C.\n"
        )
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()


def main() -> None:
    cli()
