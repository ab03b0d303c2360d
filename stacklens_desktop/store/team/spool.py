"""The agent's local spool: shipments kept in a SQLite file while the team store is out of
reach, forwarded in order when it is back.

Owned by the agent's one thread (no other writer): plain ``sqlite3``, each change one
transaction. A shipment and the source's new position are written together, so a kill -9
leaves either both or neither. The size is bounded: when ``max_bytes`` is reached the agent
stops reading (its files keep the lines) and says so, until forwarding makes room.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from stacklens_desktop.store.engine import private_file
from stacklens_desktop.team.reader import Position
from stacklens_desktop.team.shipment import Shipment

_SCHEMA = """
CREATE TABLE IF NOT EXISTS shipment (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS position (
    path TEXT PRIMARY KEY,
    "offset" INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    inode INTEGER
);
"""


class Spool:
    def __init__(self, path: Path, max_bytes: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        private_file(path)
        self.path = path
        self.max_bytes = max_bytes
        self._db = sqlite3.connect(str(path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    # -- shipments -------------------------------------------------------------------------
    def append(self, shipment: Shipment) -> None:
        body = shipment.to_json()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                'INSERT INTO shipment (path, start, "end", bytes, body) VALUES (?, ?, ?, ?, ?)',
                (shipment.path, shipment.start, shipment.end, len(body), body))
            self._set_position(shipment.path, Position(
                shipment.end, self._lines_after(shipment), shipment.inode))

    def _lines_after(self, shipment: Shipment) -> int:
        known = self.position(shipment.path)
        before = known.lines if known is not None and known.offset == shipment.start else 0
        return before + shipment.lines

    def oldest(self) -> tuple[int, Shipment] | None:
        row = self._db.execute("SELECT seq, body FROM shipment ORDER BY seq LIMIT 1").fetchone()
        return None if row is None else (int(row[0]), Shipment.from_json(row[1]))

    def remove(self, seq: int) -> None:
        self._db.execute("DELETE FROM shipment WHERE seq = ?", (seq,))

    def drop_source(self, path: str) -> int:
        """Forget what is spooled for ``path`` (the store holds another offset: the agent
        reads the file again from there)."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute("DELETE FROM shipment WHERE path = ?", (path,))
            self._db.execute("DELETE FROM position WHERE path = ?", (path,))
        return cursor.rowcount

    def pending(self, path: str | None = None) -> int:
        if path is None:
            return int(self._db.execute("SELECT count(*) FROM shipment").fetchone()[0])
        return int(self._db.execute(
            "SELECT count(*) FROM shipment WHERE path = ?", (path,)).fetchone()[0])

    def size_bytes(self) -> int:
        return int(self._db.execute("SELECT COALESCE(sum(bytes), 0) FROM shipment")
                   .fetchone()[0])

    @property
    def full(self) -> bool:
        return self.size_bytes() >= self.max_bytes

    # -- positions -------------------------------------------------------------------------
    def position(self, path: str) -> Position | None:
        row = self._db.execute(
            'SELECT "offset", lines, inode FROM position WHERE path = ?', (path,)).fetchone()
        return None if row is None else Position(int(row[0]), int(row[1]), row[2])

    def remember(self, path: str, position: Position) -> None:
        """The position the store confirmed (used when the agent starts while the store is
        unreachable and nothing is spooled)."""
        self._set_position(path, position)

    def _set_position(self, path: str, position: Position) -> None:
        self._db.execute(
            'INSERT INTO position (path, "offset", lines, inode) VALUES (?, ?, ?, ?) '
            'ON CONFLICT (path) DO UPDATE SET "offset" = excluded."offset", '
            "lines = excluded.lines, inode = excluded.inode",
            (path, position.offset, position.lines, position.inode))
