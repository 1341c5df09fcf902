"""Where uploaded files live: a local directory now, object storage later, same interface."""

import errno
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

import structlog

from app.core.config import get_settings
from app.core.errors import AppError

log = structlog.get_logger()


class TooLarge(Exception):
    pass


class StorageFull(AppError):
    """The upload directory has no room left (or the file would pass the system's limit)."""

    status = 507
    code = "storage_full"
    title = "There is no room to store the file"


class StorageUnavailable(AppError):
    """The upload directory cannot be written (read-only, no permission, gone)."""

    status = 503
    code = "storage_unavailable"
    title = "Files cannot be stored right now"


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
RETRY_AFTER_SECONDS = 60


def storage_error(exc: OSError) -> AppError:
    """What the caller is told when the disk refuses a write; logged without the path."""
    log.error("storage.write_failed", errno=errno.errorcode.get(exc.errno or 0, exc.errno))
    if exc.errno in _FULL:
        return StorageFull(
            "The server's file storage is full; nothing was kept. Tell the operator."
        )
    return StorageUnavailable(
        "The server cannot store files at the moment; nothing was kept. Retry later.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


class Storage(Protocol):
    async def save(self, key: str, chunks: AsyncIterator[bytes], limit: int) -> int: ...
    def local_path(self, key: str) -> Path: ...
    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under one directory; workers on the same host (or a shared volume) read them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def local_path(self, key: str) -> Path:
        return self.root / key

    async def save(self, key: str, chunks: AsyncIterator[bytes], limit: int) -> int:
        """Stream to disk; over `limit` bytes the partial file is removed and TooLarge raised;
        a disk that is full or cannot be written is a StorageFull / StorageUnavailable, with
        nothing half-written left behind."""
        path = self.local_path(key)
        size = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge
                    out.write(chunk)
                # Full disks often say so only when the buffered bytes go out.
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            self.delete(key)
            raise storage_error(exc) from None
        except BaseException:
            self.delete(key)
            raise
        return size

    def delete(self, key: str) -> None:
        try:
            os.remove(self.local_path(key))
        except FileNotFoundError:
            pass
        except OSError as exc:  # a read-only disk holds no partial file of ours either
            log.warning("storage.delete_failed", errno=exc.errno)


def get_storage() -> Storage:
    return LocalStorage(get_settings().upload_dir)
