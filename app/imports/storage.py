"""Where uploaded files live: a local directory now, object storage later, same interface."""

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

from app.core.config import get_settings


class TooLarge(Exception):
    pass


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
        """Stream to disk; over `limit` bytes the partial file is removed and TooLarge raised."""
        path = self.local_path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        size = 0
        try:
            with path.open("wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge
                    out.write(chunk)
        except BaseException:
            self.delete(key)
            raise
        return size

    def delete(self, key: str) -> None:
        try:
            os.remove(self.local_path(key))
        except FileNotFoundError:
            pass


def get_storage() -> Storage:
    return LocalStorage(get_settings().upload_dir)
