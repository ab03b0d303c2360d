"""Opening the SQLite file: WAL, foreign keys, migrations, and recovery from a corrupt file."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from stacklens_desktop.store.schema_sql import SCHEMA_SQL
from stacklens_desktop.store.schema_version import SCHEMA_VERSION

log = logging.getLogger("stacklens.store")

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be used (locked for too long, unwritable, ...): a readable reason."""


@dataclass(frozen=True)
class OpenedEngine:
    engine: Engine
    path: Path
    #: Set when a corrupt file was moved aside: where it went (for a clear message to the user).
    recovered_from: Path | None = None


def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _check_integrity(path: Path) -> str | None:
    """``None`` when the file is a usable SQLite database, else the reason it is not."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if not row or row[0] != "ok":
        return f"integrity check failed: {row[0] if row else 'no answer'}"
    return None


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _migration_v1(conn: sqlite3.Connection) -> None:
    """Version 1 is the initial schema (:data:`SCHEMA_SQL`, rendered from the SQLModel tables)."""


def _migration_v2(conn: sqlite3.Connection) -> None:
    """Triage: a mute's end and the time of the last status change (issue 13)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(pattern)")}
    for column in ("muted_until", "status_changed_at"):
        if column not in have:
            conn.execute(f"ALTER TABLE pattern ADD COLUMN {column} VARCHAR")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migration_v1,
                                                               2: _migration_v2}


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


@contextlib.contextmanager
def _opening_lock(path: Path) -> Iterator[None]:
    """Serialise the check/recover/migrate step between threads and processes that open the
    same profile at once (two ``CREATE TABLE`` races otherwise fail with "already exists")."""
    with open(path.with_name(path.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_engine(path: Path) -> OpenedEngine:
    """Open (or create) the database; a corrupt file is moved aside and a fresh one started."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _opening_lock(path):
        return _open_locked(path)


def _open_locked(path: Path) -> OpenedEngine:
    recovered: Path | None = None
    problem = _check_integrity(path)
    if problem:
        recovered = _move_aside(path)
        log.warning("database %s was corrupt (%s); moved to %s, starting fresh", path, problem,
                    recovered)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    try:
        _migrate(engine)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open the database {path}: {reason}") from exc
    return OpenedEngine(engine=engine, path=path, recovered_from=recovered)
