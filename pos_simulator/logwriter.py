"""Append-only POS log with per-record flush and size-based rotation.

Rotation works as logrotate's ``rotate N`` / Python's ``RotatingFileHandler``: when the next
record would push the file past ``max_bytes``, ``app.log.(N-1)`` becomes ``app.log.N`` ...,
``app.log`` becomes ``app.log.1`` and a fresh ``app.log`` is opened. A tailer sees the rename
and starts the new file from offset 0.

One writer per log: each open file is locked (``flock``, exclusive, not waiting) for as long
as the writer holds it, so a second writer on the same file, in this process or another (the
window and ``--headless`` traffic, say), is refused with a clear reason instead of interleaving
its records. Share one :class:`PosLogWriter` (one ``Shop``) between the threads that write it.
On systems without ``fcntl`` (Windows) the lock is not taken.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pos_simulator.logformat import format_record

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here
    fcntl = None  # type: ignore[assignment]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_BACKUPS = 5


class LogUnavailableError(OSError):
    """The log file cannot be created or written; the message says where and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write the POS log {path}: {reason}")
        self.path = path
        self.reason = reason


def utc_now() -> datetime:
    return datetime.now(UTC)


class PosLogWriter:
    """Thread-safe writer of POS records (the window, HTTP threads and headless share one)."""

    def __init__(
        self,
        path: Path,
        max_bytes: int = DEFAULT_MAX_BYTES,
        backups: int = DEFAULT_BACKUPS,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.backups = backups
        self._clock = clock
        self._lock = threading.Lock()
        self._lines = 0
        self._records = 0
        self._size = 0
        self._fh: TextIO = self._open()

    @property
    def lines_written(self) -> int:
        """Physical lines written by this writer (trace lines included)."""
        return self._lines

    @property
    def records_written(self) -> int:
        return self._records

    def _open(self) -> TextIO:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "a", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise LogUnavailableError(self.path, exc.strerror or str(exc)) from exc
        try:
            _lock_exclusively(fh)
        except BlockingIOError:
            fh.close()
            raise LogUnavailableError(
                self.path, "another writer has it open (one writer per log: a POS window or "
                "--headless run is writing it)"
            ) from None
        self._size = os.fstat(fh.fileno()).st_size
        return fh

    def write(
        self,
        level: str,
        message: str,
        payload: dict[str, Any] | None = None,
        trace: Sequence[str] = (),
    ) -> str:
        """Write one record and flush it; returns the text written."""
        with self._lock:
            if self._fh.closed:
                raise LogUnavailableError(self.path, "the log writer was closed")
            text = format_record(self._clock(), level, message, payload, trace)
            data_len = len(text.encode("utf-8"))
            if self._should_rotate(data_len):
                self._rotate()
            try:
                self._fh.write(text)
                self._fh.flush()
            except OSError as exc:
                raise LogUnavailableError(self.path, exc.strerror or str(exc)) from exc
            self._size += data_len
            self._lines += text.count("\n")
            self._records += 1
            return text

    def _should_rotate(self, incoming: int) -> bool:
        if self.max_bytes <= 0:
            return False
        return self._size > 0 and self._size + incoming > self.max_bytes

    def _rotate(self) -> None:
        self._fh.close()
        if self.backups > 0:
            for index in range(self.backups - 1, 0, -1):
                older = self._backup_path(index)
                if older.exists():
                    os.replace(older, self._backup_path(index + 1))
            os.replace(self.path, self._backup_path(1))
        else:
            self.path.unlink(missing_ok=True)
        self._fh = self._open()

    def _backup_path(self, index: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{index}")

    def close(self) -> None:
        with self._lock:
            if not self._fh.closed:
                self._fh.close()

    @property
    def closed(self) -> bool:
        return self._fh.closed

    def __enter__(self) -> PosLogWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lock_exclusively(fh: TextIO) -> None:
    """Raises ``BlockingIOError`` when another open file description holds the lock; closing
    the file (or the process ending, even killed) releases it."""
    if fcntl is None:
        return
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise
    except OSError:  # a file system without locks (some network mounts): written unlocked
        return
