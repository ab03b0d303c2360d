"""What can go wrong with the database, as readable errors that say whether waiting helps."""

from __future__ import annotations

import sqlite3

from stacklens_desktop.errors import ExpectedFailure

BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
#: Write failures that go away on their own or by an operator's hand (space freed, the lock
#: released, the disk remounted): the batch is kept and written again later.
_TRANSIENT = {
    sqlite3.SQLITE_FULL: "the disk holding the database is full",
    sqlite3.SQLITE_IOERR: "the disk reported an I/O error",
    sqlite3.SQLITE_BUSY: "the database is locked by another process",
    sqlite3.SQLITE_LOCKED: "the database is locked by another process",
    sqlite3.SQLITE_READONLY: "the database is read-only (file system or permissions)",
    sqlite3.SQLITE_CANTOPEN: "the database file cannot be opened",
}


class StoreError(ExpectedFailure):
    """The database cannot be used (locked for too long, unwritable, ...): a readable reason."""


class StoreBusyError(StoreError):
    """Another process keeps the database locked: nothing was moved, try again later."""


class StoreWriteError(StoreError):
    """A write failed and was rolled back. ``transient``: the same write may work later."""

    def __init__(self, message: str, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


def primary_code(exc: BaseException) -> int:
    """SQLite's primary result code of ``exc`` (or of the error SQLAlchemy wraps), or -1."""
    inner = getattr(exc, "orig", exc)
    if not isinstance(inner, sqlite3.Error):
        return -1
    return int(getattr(inner, "sqlite_errorcode", -1)) & 0xFF


def is_busy(exc: BaseException) -> bool:
    """A SQLite 'database is locked/busy' error (also wrapped by SQLAlchemy)."""
    return primary_code(exc) in BUSY_CODES


def write_error(exc: BaseException) -> StoreWriteError:
    """The readable error for a failed write transaction."""
    code = primary_code(exc)
    reason = _TRANSIENT.get(code)
    if reason is not None:
        return StoreWriteError(reason, transient=True)
    if isinstance(exc, OSError):
        from stacklens_desktop.errors import describe_os_error

        return StoreWriteError(describe_os_error(exc), transient=True)
    inner = getattr(exc, "orig", None) or exc
    return StoreWriteError(f"the database refused a write: {inner}", transient=False)
