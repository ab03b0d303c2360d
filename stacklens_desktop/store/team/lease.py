"""The Jira automation role of a team: exactly one process holds it, through a PostgreSQL
session advisory lock. The lock lives as long as the holder's connection: when the holder
exits, crashes or loses the network, the server ends its session and frees the lock, and
the next contender's :meth:`AutomationLease.try_acquire` takes it over."""

from __future__ import annotations

import contextlib

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import InterfaceError, OperationalError

#: The lock's key (one automation per team store; the number spells "SLJA").
AUTOMATION_LOCK_KEY = 0x534C4A41


class AutomationLease:
    def __init__(self, engine: Engine, key: int = AUTOMATION_LOCK_KEY) -> None:
        self._engine = engine
        self._key = key
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None

    def try_acquire(self) -> bool:
        """Take the role if nobody holds it; True while this process holds it."""
        if self._conn is not None:
            if self._alive():
                return True
            self._drop()
        conn = self._engine.connect()
        try:
            got = bool(conn.exec_driver_sql("SELECT pg_try_advisory_lock(%s)",
                                            (self._key,)).scalar())
            conn.commit()
        except (OperationalError, InterfaceError):
            conn.close()
            return False
        if not got:
            conn.close()
            return False
        self._conn = conn
        return True

    def _alive(self) -> bool:
        """Our session still holds the lock (its connection did not die under us)."""
        assert self._conn is not None
        try:
            held = self._conn.exec_driver_sql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND objid = %s", (self._key,)).scalar()
            self._conn.commit()
        except (OperationalError, InterfaceError):
            return False
        return bool(held)

    def _drop(self) -> None:
        if self._conn is not None:
            # the connection is already gone: nothing to hand back to the pool
            with contextlib.suppress(OperationalError, InterfaceError):
                self._conn.invalidate()
                self._conn.close()
            self._conn = None

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (self._key,))
            self._conn.commit()
            self._conn.close()
        except (OperationalError, InterfaceError):
            self._drop()
        self._conn = None


def holder_pid(conn: Connection, key: int = AUTOMATION_LOCK_KEY) -> int | None:
    """The server process id of the session holding the role (None: nobody)."""
    value = conn.exec_driver_sql(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = %s",
        (key,)).scalar()
    return int(value) if value is not None else None


def holder_name(conn: Connection, key: int = AUTOMATION_LOCK_KEY) -> str | None:
    """Who holds the role, as people read it: ``ann (stacklens-automation desk-2)`` (None:
    nobody). Every login may read these columns of ``pg_stat_activity``."""
    row = conn.exec_driver_sql(
        "SELECT a.usename, a.application_name FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
        "AND l.granted AND l.objid = %s LIMIT 1", (key,)).first()
    if row is None:
        return None
    user, application = row[0] or "?", row[1] or ""
    return f"{user} ({application})" if application else str(user)
