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


#: (id, kind, source path, started, ended, lines, errors, new patterns, state, message)
RunRead = tuple[int, str, str | None, str, str | None, int, int, int, str, str | None]


def newest_runs(engine: Engine, limit: int = 1000) -> list[RunRead]:
    """The newest runs first, with the path of their source."""
    with engine.connect() as conn:
        return [(int(r[0]), r[1], r[2], r[3], r[4], int(r[5] or 0), int(r[6] or 0),
                 int(r[7] or 0), r[8], r[9]) for r in conn.exec_driver_sql(
            "SELECT a.id, a.kind, s.path, a.started_at, a.ended_at, a.lines, a.errors, "
            "a.new_patterns, a.state, a.message FROM analysisrun a "
            "LEFT JOIN source s ON s.id = a.source_id ORDER BY a.id DESC LIMIT ?",
            (int(limit),))]
