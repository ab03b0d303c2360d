"""A portable, non-blocking exclusive lock on a file (POSIX ``fcntl``, Windows ``msvcrt``).

The lock belongs to the open file handle: it is released when the handle is closed, also
when the process dies (kill -9, a crash), so a stale lock never needs cleaning up by hand.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO


class LockHeld(Exception):
    """Another handle (usually another process) holds the lock."""


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class FileLock:
    """``acquire(timeout)`` waits up to ``timeout`` seconds (0: try once), else ``LockHeld``."""

    POLL_S = 0.02

    def __init__(self, path: os.PathLike[str] | str) -> None:
        self.path = os.fspath(path)
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, timeout: float = 0.0) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(fd, "r+b")
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                raise LockHeld(self.path)
            time.sleep(self.POLL_S)
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> FileLock:
        self.acquire(timeout=float("inf"))
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
