"""Rescue what is readable from a damaged database into a fresh one.

A failed integrity check rarely means that every page is lost: SQLite's ``.recover`` reads
what it can page by page. Python's ``sqlite3`` has no such call, so this copies table by
table in rowid order, and where a range of rows cannot be read it narrows the range down and
skips past the damaged rows with growing steps. The damaged file is kept beside the new one
under a unique name, and the counts tell the user what came back.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stacklens_desktop.store.schema_sql import SCHEMA_SQL
from stacklens_desktop.store.schema_version import SCHEMA_VERSION

log = logging.getLogger("stacklens.store")

#: Parents before children, so that the copied rows keep their foreign keys.
TABLES: tuple[str, ...] = (
    "setting", "source", "analysisrun", "pattern", "automationlog", "event", "feedback",
    "outbox", "ticket",
)
PAGE_ROWS = 2_000
#: Past the highest rowid we could read, how far to keep probing for rows after damage.
PROBE_LIMIT = 1 << 40


@dataclass(frozen=True)
class SalvageReport:
    """Where the damaged file went and how many rows of each table were rescued."""

    damaged_path: Path
    reason: str
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{self.rows.get(t, 0):,} {label}" for t, label in (
            ("event", "events"), ("pattern", "patterns"), ("ticket", "tickets"),
            ("outbox", "outbox rows"), ("source", "sources")))
        return (f"the database was damaged ({self.reason}); recovered {counts} into a fresh "
                f"database; the damaged file is kept as {self.damaged_path}")


def unique_aside_name(path: Path, tag: str) -> Path:
    """``stacklens.db.<tag>-YYYYmmdd-HHMMSS`` (``-2``, ``-3``... when taken)."""
    stem = f"{path.name}.{tag}-{time.strftime('%Y%m%d-%H%M%S')}"
    candidate, n = path.with_name(stem), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{stem}-{n}")
    return candidate


def _columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _read(old: sqlite3.Connection, table: str, cols: str, after: int, limit: int) -> list:
    return old.execute(
        f"SELECT rowid, {cols} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
        (after, limit)).fetchall()


def _rows(old: sqlite3.Connection, table: str, cols: str) -> Iterator[tuple]:
    """Every readable row in rowid order; a failing read is narrowed, then skipped over."""
    after, limit, step = -(1 << 62), PAGE_ROWS, 1
    while after < PROBE_LIMIT:
        try:
            rows = _read(old, table, cols, after, limit)
        except sqlite3.DatabaseError:
            if limit > 1:
                limit = max(1, limit // 8)
                continue
            after, step = after + step, step * 2  # skip the unreadable row(s), faster each time
            continue
        if not rows:
            if step == 1:
                return
            after, step = after + step, step * 2  # maybe more rows past a damaged stretch
            continue
        yield from rows
        after, limit, step = rows[-1][0], PAGE_ROWS, 1


def _copy_table(old: sqlite3.Connection, new: sqlite3.Connection, table: str) -> int:
    try:
        old_cols = set(_columns(old, table))
    except sqlite3.DatabaseError:
        old_cols = set()
    wanted = [c for c in _columns(new, table) if not old_cols or c in old_cols]
    cols = ", ".join(f'"{c}"' for c in wanted)
    marks = ", ".join("?" * (len(wanted) + 1))
    insert = f"INSERT OR IGNORE INTO {table} (rowid, {cols}) VALUES ({marks})"
    copied = 0
    try:
        for row in _rows(old, table, cols):
            copied += new.execute(insert, row).rowcount
    except sqlite3.DatabaseError as exc:  # e.g. the table's root page itself is gone
        log.warning("salvage: table %s stops after %d rows: %s", table, copied, exc)
    return copied


def salvage_into(damaged: Path, fresh: Path) -> dict[str, int]:
    """Create ``fresh`` with the current schema and copy every readable row of ``damaged``."""
    new = sqlite3.connect(str(fresh))
    try:
        new.executescript(f"BEGIN;\n{SCHEMA_SQL}COMMIT;")
        new.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        counts: dict[str, int] = {}
        try:
            old = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
        except sqlite3.Error:
            return counts
        try:
            for table in TABLES:
                counts[table] = _copy_table(old, new, table)
                new.commit()
        finally:
            old.close()
        return counts
    finally:
        new.close()
