"""Users, browser sessions and API keys."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.auth import passwords, revocations, rules, secrets
from app.auth.models import ApiKey, User, UserSession
from app.auth.scopes import ROLE_SCOPES, ROLES, SCOPES
from app.core import tenancy
from app.core.config import get_settings
from app.core.context import Context, Principal
from app.core.errors import Conflict, NotFound, Unauthenticated, ValidationFailed
from app.tenants import service as tenants
from app.tenants.models import Tenant


class UserExists(Conflict):
    code = "user_exists"
    title = "A user with this email already exists"


class UserNotFound(NotFound):
    code = "user_not_found"
    title = "User not found"


class ApiKeyNotFound(NotFound):
    code = "api_key_not_found"
    title = "API key not found"


class InvalidCredentials(Unauthenticated):
    code = "invalid_credentials"
    title = "Wrong email or password"


def check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationFailed.field(
            ["role"], "invalid_role", f"Role must be one of {', '.join(ROLES)}."
        )


def check_password(password: str, loc: str = "password") -> None:
    if len(password) < 10:
        raise ValidationFailed.field([loc], "weak_password", "Use at least 10 characters.")


async def create_user(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    email: str,
    role: str,
    password: str,
    full_name: str | None = None,
    by: Principal | None = None,
) -> User:
    """A new user; `by` (the principal asking) must be allowed to manage the role."""
    check_role(role)
    if by is not None:
        rules.check_manages(by, role)
    check_password(password)
    email = email.strip().lower()
    if await session.scalar(
        select(User.id).where(User.tenant_id == tenant_id, User.email == email)
    ):
        raise UserExists(f"{email} already has an account here.")
    user = User(
        tenant_id=tenant_id,
        email=email,
        role=role,
        full_name=full_name,
        password_hash=await passwords.hash_password(password),
    )
    session.add(user)
    await session.flush()
    return user


async def list_users(session: AsyncSession, tenant_id: uuid.UUID) -> list[User]:
    rows = await session.scalars(
        select(User).where(User.tenant_id == tenant_id).order_by(User.email)
    )
    return list(rows)


@dataclass(frozen=True)
class LoginResult:
    token: str
    csrf_token: str
    user: User
    tenant: Tenant


async def login(
    session: AsyncSession, *, email: str, password: str, tenant_slug: str | None
) -> LoginResult:
    """Checks the password; with no tenant given the email must belong to exactly one."""
    email = email.strip().lower()
    found = await _login_tenants(session, email, tenant_slug)
    row = None
    if found:
        await tenancy.use_tenant(session, found[0])
        row = (
            await session.execute(
                select(User, Tenant)
                .join(Tenant, Tenant.id == User.tenant_id)
                .where(User.tenant_id == found[0], User.email == email)
            )
        ).first()
    # One argon2 check on every path, and "choose a business" only once the password matched:
    # neither the answer nor its timing tells whether, or how often, an email has an account.
    if row is None:
        await passwords.verify_nobody(password)
        raise InvalidCredentials()
    user, tenant = row
    if not await passwords.verify(user.password_hash, password) or not user.is_active:
        raise InvalidCredentials()
    if len(found) > 1:
        raise ValidationFailed.field(
            ["body", "tenant"],
            "tenant_required",
            "This email has accounts in several businesses: choose one.",
        )
    token = secrets.new_token(tenant.id)
    csrf = secrets.new_csrf_token()
    now = datetime.now(UTC)
    session.add(
        UserSession(
            tenant_id=tenant.id,
            user_id=user.id,
            token_hash=secrets.hash_token(token),
            csrf_token=csrf,
            expires_at=now + timedelta(hours=get_settings().session_ttl_hours),
        )
    )
    user.last_login_at = now
    await session.flush()
    return LoginResult(token=token, csrf_token=csrf, user=user, tenant=tenant)


async def _login_tenants(
    session: AsyncSession, email: str, tenant_slug: str | None
) -> list[uuid.UUID]:
    """The tenants the login may be for, the most likely first (at most two); the account
    itself is then read for the first, under row security.

    With the business named, that is the business (`tenants` has no row security), and the
    account is read from its tenant's rows alone (on Citus one shard, not every shard of
    `users`). Without it, this is the one lookup made before a tenant is known: which
    tenants have an account for this email (with several, the active, most recently used one
    first), answered past row security by a SECURITY DEFINER function (migrations 0032,
    0033) that runs as the owner. Only there: on Citus a statement run as another user goes
    over that user's own connections to the workers, so it cannot see what the transaction
    wrote as the app's role, and Citus refuses it when those shards were written. A login
    writes nothing before this lookup."""
    if tenant_slug:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == tenant_slug))
        return [tenant_id] if tenant_id is not None else []
    rows = await session.scalars(
        text("SELECT tenant_id FROM kt_login_tenants(:email, NULL)"), {"email": email}
    )
    return list(rows.all())


async def end_sessions(
    session: AsyncSession, tenant_id: uuid.UUID, user_id: uuid.UUID, *, but: str | None = None
) -> None:
    """Log the user out everywhere (but from the session of the token `but`)."""
    query = delete(UserSession).where(
        UserSession.tenant_id == tenant_id, UserSession.user_id == user_id
    )
    if but is not None:
        query = query.where(UserSession.token_hash != secrets.hash_token(but))
    await session.execute(query)


async def logout(session: AsyncSession, token: str) -> None:
    tenant_id = secrets.token_tenant(token)
    if tenant_id is None:
        return
    await tenancy.use_tenant(session, tenant_id)
    await session.execute(
        delete(UserSession).where(
            UserSession.tenant_id == tenant_id, UserSession.token_hash == secrets.hash_token(token)
        )
    )


async def resolve_session(session: AsyncSession, token: str) -> tuple[Context, str] | None:
    """The context and CSRF token of a live session cookie, or None."""
    tenant_id = secrets.token_tenant(token)
    if tenant_id is None:
        return None
    await tenancy.use_tenant(session, tenant_id)
    row = (
        await session.execute(
            select(UserSession.csrf_token, User, Tenant)
            .join(
                User, (User.tenant_id == UserSession.tenant_id) & (User.id == UserSession.user_id)
            )
            .join(Tenant, Tenant.id == UserSession.tenant_id)
            .where(
                UserSession.tenant_id == tenant_id,
                UserSession.token_hash == secrets.hash_token(token),
                UserSession.expires_at > datetime.now(UTC),
                User.is_active.is_(True),
            )
        )
    ).first()
    if row is None:
        return None
    csrf, user, tenant = row
    principal = Principal(
        kind="user", id=user.id, label=user.email, role=user.role, scopes=ROLE_SCOPES[user.role]
    )
    return Context(
        tenant=tenants.info(tenant), principal=principal, locale=user.locale or tenant.locale
    ), csrf


async def resolve_api_key(session: AsyncSession, token: str) -> Context | None:
    tenant_id = secrets.token_tenant(token)
    if tenant_id is None:
        return None
    await tenancy.use_tenant(session, tenant_id)
    row = (
        await session.execute(
            select(ApiKey, Tenant)
            .join(Tenant, Tenant.id == ApiKey.tenant_id)
            .where(
                ApiKey.tenant_id == tenant_id,
                ApiKey.key_hash == secrets.hash_token(token),
                ApiKey.revoked_at.is_(None),
                or_(ApiKey.expires_at.is_(None), ApiKey.expires_at > func.now()),
            )
        )
    ).first()
    if row is None:
        return None
    key, tenant = row
    now = datetime.now(UTC)
    # Touch last_used_at at most once a minute: no write on every POS call. A burst of calls
    # that all find the stamp due must not queue on the key's row: the first locks and stamps
    # it, the others skip it (SKIP LOCKED) instead of waiting for its commit.
    due = now - timedelta(minutes=1)
    if key.last_used_at is None or key.last_used_at < due:
        free = (
            select(ApiKey.id)
            .where(
                ApiKey.tenant_id == key.tenant_id,
                ApiKey.id == key.id,
                or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < due),
            )
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        await session.execute(
            update(ApiKey)
            .where(ApiKey.tenant_id == key.tenant_id, ApiKey.id == free)
            .values(last_used_at=now)
        )
    principal = Principal(
        kind="api_key",
        id=key.id,
        label=f"API key {key.name} ({key.prefix}…)",
        role=None,
        scopes=frozenset(key.scopes),
        rate_limit=key.rate_limit_per_minute,
        expires_at=key.expires_at,
    )
    return Context(tenant=tenants.info(tenant), principal=principal, locale=tenant.locale)


async def create_api_key(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    name: str,
    scopes: list[str],
    created_by: str | None,
    by: Principal | None = None,
    rate_limit_per_minute: int | None = None,
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """A new key and its secret; a key made by a user (`by`) holds no scope the user lacks and
    is revoked with the user."""
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValidationFailed.field(
            ["body", "scopes"],
            "invalid_scope",
            f"Unknown scopes: {', '.join(unknown) or 'none given'}.",
        )
    if by is not None:
        rules.check_scopes_held(by, scopes)
    token = secrets.new_token(tenant_id)
    key = ApiKey(
        tenant_id=tenant_id,
        name=name,
        prefix=secrets.display_prefix(token),
        key_hash=secrets.hash_token(token),
        scopes=sorted(set(scopes)),
        created_by=created_by,
        created_by_user_id=by.id if by is not None and by.kind == "user" else None,
        rate_limit_per_minute=rate_limit_per_minute,
        expires_at=expires_at,
    )
    session.add(key)
    await session.flush()
    return key, token


async def list_api_keys(session: AsyncSession, tenant_id: uuid.UUID) -> list[ApiKey]:
    rows = await session.scalars(
        select(ApiKey).where(ApiKey.tenant_id == tenant_id).order_by(ApiKey.created_at.desc())
    )
    return list(rows)


async def revoke_api_key(session: AsyncSession, ctx: Context, key_id: uuid.UUID) -> ApiKey:
    key = await session.scalar(
        select(ApiKey).where(ApiKey.tenant_id == ctx.tenant_id, ApiKey.id == key_id)
    )
    if key is None:
        raise ApiKeyNotFound()
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await audit.record(
            session, ctx, "api_key.revoked", "api_key", key.id, meta={"name": key.name}
        )
        await revocations.announce(session)
    await session.flush()
    return key


async def revoke_keys_of_user(
    session: AsyncSession,
    ctx: Context,
    user_id: uuid.UUID,
    *,
    keep: frozenset[str] | None = None,
    reason: str = "creator_changed",
) -> list[ApiKey]:
    """Revoke the live keys the user created (with `keep`: only those with a scope outside it)."""
    keys = list(
        await session.scalars(
            select(ApiKey)
            .where(
                ApiKey.tenant_id == ctx.tenant_id,
                ApiKey.created_by_user_id == user_id,
                ApiKey.revoked_at.is_(None),
            )
            .with_for_update()
        )
    )
    now = datetime.now(UTC)
    revoked = [k for k in keys if keep is None or not set(k.scopes) <= keep]
    for key in revoked:
        key.revoked_at = now
        await audit.record(
            session,
            ctx,
            "api_key.revoked",
            "api_key",
            key.id,
            meta={"name": key.name, "reason": reason, "user_id": str(user_id)},
        )
    if revoked:
        await revocations.announce(session)
    await session.flush()
    return revoked
