"""Reads of the event table: the window's event pages, and one pattern's newest events.

Every query here walks an index (the primary key, or ``event.pattern_id``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine

#: (id, time, level, message, pattern id, pattern severity, error type, status, source path)
_EVENT_SQL = (
    "SELECT e.id, e.time, e.level, e.message, e.pattern_id, p.severity, p.error_type, "
    "p.status, s.path FROM event e JOIN pattern p ON p.id = e.pattern_id "
    "LEFT JOIN source s ON s.id = e.source_id "
)


def page(engine: Engine, below_id: int | None, limit: int,
         event_sql: str = _EVENT_SQL) -> list[Sequence[Any]]:
    """Newest events first (keyset paging on the primary key); columns of ``_EVENT_SQL``
    (``event_sql``: the team store's, with the host)."""
    where, params = ("WHERE e.id < ? ", (below_id,)) if below_id is not None else ("", ())
    with engine.connect() as conn:
        return list(conn.exec_driver_sql(
            event_sql + where + "ORDER BY e.id DESC LIMIT ?", (*params, int(limit))))


def after(engine: Engine, above_id: int, limit: int,
          event_sql: str = _EVENT_SQL) -> list[Sequence[Any]]:
    """Events stored after ``above_id``, newest first (at most ``limit``)."""
    with engine.connect() as conn:
        return list(conn.exec_driver_sql(
            event_sql + "WHERE e.id > ? ORDER BY e.id DESC LIMIT ?",
            (int(above_id), int(limit))))


def newest_times(conn: Connection, pattern_id: int, limit: int) -> list[str | None]:
    """The log times of the pattern's newest ``limit`` events, newest first."""
    return [t for (t,) in conn.exec_driver_sql(
        "SELECT time FROM event WHERE pattern_id = ? ORDER BY id DESC LIMIT ?",
        (pattern_id, int(limit)))]


#: (time, level, raw record, line number, source path)
EventSampleRow = tuple[str | None, str | None, str, int, str | None]


def newest_samples(conn: Connection, pattern_id: int, limit: int) -> list[EventSampleRow]:
    """The pattern's newest ``limit`` raw records with where they were read, newest first."""
    return [(t, lvl, raw, int(n or 0), src) for t, lvl, raw, n, src in conn.exec_driver_sql(
        "SELECT e.time, e.level, e.raw, e.line_no, s.path FROM event e "
        "LEFT JOIN source s ON s.id = e.source_id WHERE e.pattern_id = ? "
        "ORDER BY e.id DESC LIMIT ?", (pattern_id, int(limit)))]
