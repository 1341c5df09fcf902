"""The session and CSRF cookies: their names and flags follow `Settings.secure_cookies`.

Secure cookies carry the `__Host-` prefix, so the browser only accepts them from this very
origin over HTTPS with Path=/ and no Domain: a sibling subdomain cannot plant or overwrite them.
"""

from fastapi import Request, Response

from app.core.config import get_settings

SESSION_COOKIE = "kt_session"
CSRF_COOKIE = "kt_csrf"
HOST_PREFIX = "__Host-"


def names() -> tuple[str, str]:
    """(session cookie, CSRF cookie) names as this deployment sets them."""
    if get_settings().secure_cookies:
        return HOST_PREFIX + SESSION_COOKIE, HOST_PREFIX + CSRF_COOKIE
    return SESSION_COOKIE, CSRF_COOKIE


def session_token(request: Request) -> str | None:
    return request.cookies.get(names()[0])


def set_login(response: Response, token: str, csrf_token: str) -> None:
    settings = get_settings()
    session_name, csrf_name = names()
    max_age, secure = settings.session_ttl_hours * 3600, settings.secure_cookies
    response.set_cookie(
        session_name, token, max_age=max_age, httponly=True, secure=secure, samesite="lax", path="/"
    )
    # Readable by the SPA, which echoes it in X-CSRF-Token on every unsafe request.
    response.set_cookie(
        csrf_name, csrf_token, max_age=max_age, secure=secure, samesite="lax", path="/"
    )


def clear(response: Response) -> None:
    secure = get_settings().secure_cookies
    for name in names():
        response.delete_cookie(name, path="/", secure=secure, samesite="lax")
