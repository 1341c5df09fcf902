"""Password hashing off the event loop, a few at a time.

Argon2 is meant to cost ~50 ms of CPU; on the event loop a burst of (unauthenticated) logins
would stall every other request of the process. It runs in a thread behind a small
semaphore, and a caller who would wait too long gets a 503 instead of a queue of minutes.
"""

import asyncio
import weakref
from collections.abc import Callable
from typing import TypeVar

import anyio

from app.auth import secrets
from app.core.config import get_settings
from app.core.errors import AppError

T = TypeVar("T")


class PasswordCheckBusy(AppError):
    status = 503
    code = "password_check_busy"
    title = "Too many logins at once; try again in a few seconds"


# One semaphore per event loop: asyncio primitives belong to the loop that first waits on them.
_gates: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.Semaphore]" = (
    weakref.WeakKeyDictionary()
)


def _gate() -> anyio.Semaphore:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = anyio.Semaphore(get_settings().password_hash_concurrency)
    return gate


async def _bounded(fn: Callable[..., T], *args: str) -> T:
    settings = get_settings()
    gate = _gate()
    try:
        with anyio.fail_after(settings.password_hash_wait_seconds):
            await gate.acquire()
    except TimeoutError:
        raise PasswordCheckBusy(
            headers={"Retry-After": str(max(1, round(settings.password_hash_wait_seconds)))}
        ) from None
    try:
        # Not abandoned on cancel: the slot stays taken while the thread still burns the CPU.
        return await anyio.to_thread.run_sync(fn, *args)
    finally:
        gate.release()


async def verify(password_hash: str, password: str) -> bool:
    return await _bounded(secrets.verify_password, password_hash, password)


async def verify_nobody(password: str) -> None:
    """The same work as a real check, for an unknown email: timing tells nothing."""
    await _bounded(secrets.verify_password, secrets.DUMMY_PASSWORD_HASH, password)


async def hash_password(password: str) -> str:
    return await _bounded(secrets.hash_password, password)
