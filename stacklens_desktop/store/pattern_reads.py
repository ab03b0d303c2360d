"""The window's reads of the pattern table: the table's rows (keyset pages, refreshes) and
everything the detail pane shows for one pattern. Every query walks an index (the primary
key, ``event.pattern_id``, ``feedback.pattern_id``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine

from stacklens_desktop.store import event_reads

#: A table row: (id, fingerprint, severity, error type, confidence, count, last seen,
#: template, status, ticket key, ticket url, ticket status, muted until, source path, host)
#: The team store reads the same columns with the fleet's figures (``team/window_reads``).
ROW_SQL = (
    "SELECT p.id, p.fingerprint, p.severity, p.error_type, p.confidence, p.count, p.last_seen, "
    "p.template, p.status, t.issue_key, t.url, t.status, p.muted_until, s.path, p.host "
    "FROM pattern p LEFT JOIN ticket t ON t.pattern_id = p.id "
    "LEFT JOIN source s ON s.id = p.source_id "
)
SQL_IN_CHUNK = 500


class DetailRead(NamedTuple):
    """One pattern as the detail pane needs it, read in one connection."""

    row: Sequence[Any]  # the table row (``ROW_SQL``'s columns)
    root_cause: str | None
    resolution_steps: str | None  # JSON as stored
    parameters_sample: str | None  # JSON as stored
    first_seen: str | None
    exception: str | None
    host: str | None
    corrections: int
    samples: list[event_reads.EventSampleRow]  # newest first
    times: list[str | None]  # log times of the newest events, newest first


def page(engine: Engine, below_id: int | None, limit: int,
         row_sql: str = ROW_SQL) -> list[Sequence[Any]]:
    """Newest patterns first (keyset paging on the id: stable while rows are added)."""
    where, params = ("WHERE p.id < ? ", (below_id,)) if below_id is not None else ("", ())
    with engine.connect() as conn:
        return list(conn.exec_driver_sql(
            row_sql + where + "ORDER BY p.id DESC LIMIT ?", (*params, int(limit))))


def rows_by_id(conn: Connection, ids: Sequence[int],
               row_sql: str = ROW_SQL) -> list[Sequence[Any]]:
    out: list[Sequence[Any]] = []
    for start in range(0, len(ids), SQL_IN_CHUNK):
        chunk = tuple(ids[start:start + SQL_IN_CHUNK])
        marks = ",".join("?" * len(chunk))
        out.extend(conn.exec_driver_sql(row_sql + f"WHERE p.id IN ({marks})", chunk))
    return out


def refresh(engine: Engine, ids: Sequence[int], low_id: int, known_count: int,
            row_sql: str = ROW_SQL, listed: str = "pattern") -> tuple[list[Sequence[Any]], bool]:
    """(rows, complete): the rows of ``ids``; or, complete, every row ``id >= low_id`` when
    the caller's count of that window (``known_count``) no longer matches the store.
    ``listed``: the rows ``row_sql`` lists (the team store hides folded patterns)."""
    with engine.connect() as conn:
        count = conn.exec_driver_sql(
            f"SELECT COUNT(*) FROM {listed} p WHERE p.id >= ?", (low_id,)).scalar() or 0
        if count != known_count:
            return list(conn.exec_driver_sql(
                row_sql + "WHERE p.id >= ? ORDER BY p.id", (low_id,))), True
        return rows_by_id(conn, list(ids), row_sql), False


def detail(engine: Engine, pattern_id: int, events: int, times: int,
           row_sql: str = ROW_SQL) -> DetailRead | None:
    """The pattern's row and explanation, its ``events`` newest raw records and the log times
    of its ``times`` newest events; None when it no longer exists."""
    with engine.connect() as conn:
        found = rows_by_id(conn, [pattern_id], row_sql)
        if not found:
            return None
        extra = conn.exec_driver_sql(
            "SELECT root_cause, resolution_steps, parameters_sample, first_seen, exception, "
            "host FROM pattern WHERE id = ?", (pattern_id,)).one()
        corrections = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM feedback WHERE pattern_id = ?", (pattern_id,)).scalar() or 0
        root_cause, steps, parameters, first_seen, exception, host = extra
        return DetailRead(found[0], root_cause, steps, parameters, first_seen, exception, host,
                          int(corrections),
                          event_reads.newest_samples(conn, pattern_id, events),
                          event_reads.newest_times(conn, pattern_id, times))
