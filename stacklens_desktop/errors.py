"""The base of expected failures: a readable one-line reason for the user, never a traceback.

Kept free of imports so that the command line can catch these without loading the store.
"""

from __future__ import annotations

import errno
import sqlite3
import sys


class ExpectedFailure(Exception):
    """Something outside the program went wrong (a locked or damaged database, a full disk):
    the message says what, and what to do."""


def describe_os_error(exc: OSError) -> str:
    """``OSError`` as one line: what failed, on which path, and why in plain words."""
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EDQUOT: "the disk quota is exceeded",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{reason}{where}"


def database_failure(exc: BaseException) -> str | None:
    """A readable line for a database error that escaped to the top (a full or read-only
    disk under a write outside the batch writer), or ``None`` when ``exc`` is no such error.
    SQLAlchemy is only looked at when something already imported it."""
    alchemy = sys.modules.get("sqlalchemy.exc")
    wrapped = alchemy is not None and isinstance(exc, alchemy.SQLAlchemyError)
    if not (wrapped or isinstance(exc, sqlite3.Error)):
        return None
    from stacklens_desktop.store.errors import write_error

    return str(write_error(exc))
