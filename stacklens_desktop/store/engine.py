"""Opening the SQLite file once per process: WAL, foreign keys, migrations, damage salvage.

A database that is busy (another process in a long write) is waited for, never taken for
damaged. Only a failed integrity check is damage: then what is readable is salvaged into a
fresh file (:mod:`.salvage`) and the damaged one is kept beside it under a unique name.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from stacklens_desktop.store.errors import (
    BUSY_CODES,
    DAMAGE_CODES,
    StoreBusyError,
    StoreError,
    is_busy,
    primary_code,
)
from stacklens_desktop.store.filelock import FileLock
from stacklens_desktop.store.salvage import SalvageReport, salvage_into, unique_aside_name
from stacklens_desktop.store.schema_sql import SCHEMA_SQL
from stacklens_desktop.store.schema_version import SCHEMA_VERSION

log = logging.getLogger("stacklens.store")

BUSY_TIMEOUT_MS = 10_000
#: How long opening waits for a database another process keeps locked, in total.
OPEN_WAIT_S = 60.0
_SIDE_FILES = ("-wal", "-shm")
__all__ = ["StoreBusyError", "StoreError", "OpenedEngine", "open_engine", "is_busy",
           "make_engine"]


@dataclass(frozen=True)
class OpenedEngine:
    engine: Engine
    path: Path
    #: Set when a damaged file was salvaged: where it went and what was recovered.
    salvage: SalvageReport | None = None

    @property
    def recovered_from(self) -> Path | None:
        return self.salvage.damaged_path if self.salvage else None


def private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable and writable by its owner only; tighten it if it
    exists (POSIX; on Windows the profile lives in the user's own folder)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _check_integrity(path: Path) -> str | None:
    """``None`` when the file is a usable SQLite database, else the reason it is damaged.
    Busy/locked is no answer: it is waited for (up to :data:`OPEN_WAIT_S`), then
    :class:`StoreBusyError`; any other error that is not damage is a :class:`StoreError`."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    deadline = time.monotonic() + OPEN_WAIT_S
    while True:
        try:
            return _quick_check(path)
        except sqlite3.Error as exc:
            code = primary_code(exc)
            if code in DAMAGE_CODES:
                return str(exc)
            if code not in BUSY_CODES:
                raise StoreError(f"cannot open the database {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"the database {path} has been locked by another process for over "
                    f"{OPEN_WAIT_S:.0f} s; nothing was changed — try again when it is done"
                ) from exc
            log.warning("database %s is locked by another process; waiting", path)


def _quick_check(path: Path) -> str | None:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
    finally:
        conn.close()
    if not row or row[0] != "ok":
        return f"integrity check failed: {row[0] if row else 'no answer'}"
    return None


def _salvage(path: Path, reason: str) -> SalvageReport:
    """Copy what is readable into a fresh file, keep the damaged one under a unique name."""
    fresh = path.with_name(path.name + ".salvage")
    for stale in (fresh, *(fresh.with_name(fresh.name + s) for s in _SIDE_FILES)):
        stale.unlink(missing_ok=True)
    private_file(fresh)
    rows = salvage_into(path, fresh)
    aside = unique_aside_name(path, "damaged")
    path.rename(aside)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    fresh.rename(path)
    return SalvageReport(damaged_path=aside, reason=reason, rows=rows)


def _migration_v1(conn: sqlite3.Connection) -> None:
    """Version 1 is the initial schema (:data:`SCHEMA_SQL`, rendered from the SQLModel tables)."""


def _add_pattern_columns(conn: sqlite3.Connection, columns: tuple[str, ...]) -> None:
    """Add the pattern columns a file lacks (a new file already has them all)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(pattern)")}
    for column in columns:
        if column not in have:
            conn.execute(f"ALTER TABLE pattern ADD COLUMN {column} VARCHAR")


def _migration_v2(conn: sqlite3.Connection) -> None:
    """Triage: a mute's end and the time of the last status change (issue 13)."""
    _add_pattern_columns(conn, ("muted_until", "status_changed_at"))


_ESCALATION_COLUMNS = ("escalation", "escalation_reason", "escalated_at", "behaviour")


def _migration_v3(conn: sqlite3.Connection) -> None:
    """The pattern's escalation (issue 18)."""
    _add_pattern_columns(conn, _ESCALATION_COLUMNS)


def _migration_v4(conn: sqlite3.Connection) -> None:
    """The ticket's pattern count at filing, for the Jira panel's "since filing".

    Backfill: an existing ticket gets its ``count_at_last_comment``. For a ticket never
    updated that is exactly the count it was filed with (filing stores both); for one updated
    since, the count its last update covered, the oldest count still stored (so "since filing"
    counts from that update, never more than really happened). Idempotent: a rerun after an
    interruption adds nothing twice and fills only rows still empty."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(ticket)")}
    if "count_at_filing" not in have:
        conn.execute("ALTER TABLE ticket ADD COLUMN count_at_filing INTEGER")
    conn.execute("UPDATE ticket SET count_at_filing = count_at_last_comment "
                 "WHERE count_at_filing IS NULL")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migration_v1,
    2: _migration_v2,
    3: _migration_v3,
    4: _migration_v4,
}


def _create_tables(conn: sqlite3.Connection) -> None:
    """Create the missing tables and indexes, in one transaction, from the statements the
    SQLModel definitions render (kept as text: no SQLModel import, see :mod:`.ddl`)."""
    conn.executescript(f"BEGIN;\n{SCHEMA_SQL}COMMIT;")


def _migrate(engine: Engine) -> None:
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database was written by a newer StackLens (schema {version}, "
                f"this version knows {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return  # current: its tables exist (they were created before the version was set)
        _create_tables(conn)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[target](conn)
            conn.execute(f"PRAGMA user_version={target}")
            conn.commit()
    finally:
        raw.close()


#: Paths (with their file identity) already checked and migrated by this process.
_opened: set[tuple[str, int, int]] = set()
_opened_guard = threading.Lock()


def _identity(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_dev, st.st_ino)


def open_engine(path: Path) -> OpenedEngine:
    """Open (or create) the database. The first open in a process checks integrity (salvaging
    a damaged file), creates and migrates the tables, under a lock shared with other
    processes; later opens of the same file in the process skip straight to the engine."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _opened_guard:
        ident = _identity(path)
        if ident is not None and ident in _opened:
            return OpenedEngine(engine=make_engine(path, read_only=True), path=path)
        with FileLock(path.with_name(path.name + ".lock")):
            opened = _open_locked(path)
        ident = _identity(path)
        if ident is not None:
            _opened.add(ident)
        return opened


def _on_connect_read_only(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    _on_connect(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``path``. ``read_only``: its connections refuse every write (SQLite's
    ``query_only``), which is what keeps the one-writer rule true: only the writer thread's
    engine (:mod:`.executor`) may change the database."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect_read_only if read_only else _on_connect)
    return engine


def _open_locked(path: Path) -> OpenedEngine:
    salvage: SalvageReport | None = None
    problem = _check_integrity(path)
    if problem:
        salvage = _salvage(path, problem)
        log.warning("%s", salvage.summary())
    try:
        private_file(path)
        for suffix in _SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if side.exists() and os.name == "posix":
                os.chmod(side, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot create the database {path}: {exc.strerror or exc}") from exc
    engine = make_engine(path)
    try:
        _migrate(engine)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        reason = getattr(exc, "orig", None) or exc
        if is_busy(exc):
            raise StoreBusyError(f"the database {path} is locked by another process: "
                                 f"{reason}; nothing was changed") from exc
        raise StoreError(f"cannot open the database {path}: {reason}") from exc
    finally:
        engine.dispose()
    return OpenedEngine(engine=make_engine(path, read_only=True), path=path, salvage=salvage)
