"""The analysis history: one row per import or watch session."""

from __future__ import annotations

from sqlalchemy import Engine

from stacklens_desktop.store.executor import write
from stacklens_desktop.store.writer import utc_now


def start_run(engine: Engine, source_id: int | None, kind: str) -> int:
    return write(engine, lambda conn: int(conn.exec_driver_sql(
        "INSERT INTO analysisrun (source_id, kind, started_at, state, lines, records, "
        "errors, new_patterns) VALUES (?, ?, ?, 'running', 0, 0, 0, 0)",
        (source_id, kind, utc_now()),
    ).lastrowid))


def finish_run(
    engine: Engine, run_id: int, *, source_id: int | None, lines: int, records: int,
    errors: int, new_patterns: int, state: str = "done", message: str | None = None,
) -> None:
    write(engine, lambda conn: conn.exec_driver_sql(
        "UPDATE analysisrun SET source_id = COALESCE(?, source_id), ended_at = ?, "
        "lines = ?, records = ?, errors = ?, new_patterns = ?, state = ?, message = ? "
        "WHERE id = ?",
        (source_id, utc_now(), lines, records, errors, new_patterns, state, message, run_id),
    ))


def close_running(engine: Engine, kind: str, state: str = "interrupted") -> int:
    """Runs of ``kind`` still marked running from a process that ended without finishing
    them (killed, crashed): marked ``state``; their end is the last progress they stored."""
    return write(engine, lambda conn: conn.exec_driver_sql(
        "UPDATE analysisrun SET state = ?, ended_at = COALESCE(ended_at, started_at) "
        "WHERE kind = ? AND state = 'running'", (state, kind)).rowcount)
