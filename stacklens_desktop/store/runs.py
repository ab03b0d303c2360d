"""The analysis history: one row per import or watch session."""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from stacklens_desktop.store.executor import write
from stacklens_desktop.store.writer import utc_now


def start_run(engine: Engine, source_id: int | None, kind: str) -> int:
    return write(engine, lambda conn: int(conn.exec_driver_sql(
        "INSERT INTO analysisrun (source_id, kind, started_at, state, lines, records, "
        "errors, new_patterns) VALUES (?, ?, ?, 'running', 0, 0, 0, 0) RETURNING id",
        (source_id, kind, utc_now()),
    ).scalar_one()))


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
    them (killed, crashed): marked ``state``; their end is the last progress they stored.

    Their event count is made exact first when nothing ran on their source since: the
    events written after their last stored progress are theirs (:func:`run_pattern_ids`
    relies on each run's count)."""
    def close(conn: Connection) -> int:
        conn.exec_driver_sql(
            "UPDATE analysisrun SET errors = MAX(errors, (SELECT COUNT(*) FROM event e "
            "WHERE e.source_id = analysisrun.source_id) - (SELECT COALESCE(SUM(c.errors), 0) "
            "FROM analysisrun c WHERE c.source_id = analysisrun.source_id "
            "AND c.id < analysisrun.id)) "
            "WHERE kind = ? AND state = 'running' AND source_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM analysisrun b WHERE b.source_id = analysisrun.source_id "
            "AND b.id > analysisrun.id)", (kind,))
        return int(conn.exec_driver_sql(
            "UPDATE analysisrun SET state = ?, ended_at = COALESCE(ended_at, started_at) "
            "WHERE kind = ? AND state = 'running'", (state, kind)).rowcount)

    return write(engine, close)


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


def run_pattern_ids(engine: Engine, run_id: int) -> list[int]:
    """The distinct patterns of the events a run stored, smallest id first.

    Events carry no time of storing, but each run counts the events it stored (``errors``)
    and the runs of one source follow each other: in event-id order the source's events are
    its runs' events, run after run. A run's events are those after its source's earlier
    runs' counts; the newest run of a source takes every later event (a running watch
    session stores its count only every few seconds). A run without a source (an import
    that failed before its first chunk, or one still running) stored nothing to show.
    """
    with engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT source_id, errors, EXISTS(SELECT 1 FROM analysisrun b "
            "WHERE b.source_id = a.source_id AND b.id > a.id), (SELECT COALESCE(SUM(c.errors), "
            "0) FROM analysisrun c WHERE c.source_id = a.source_id AND c.id < a.id) "
            "FROM analysisrun a WHERE a.id = ?", (int(run_id),)).first()
        if found is None or found[0] is None:
            return []
        source_id, errors, later, before = found
        return [int(r[0]) for r in conn.exec_driver_sql(
            "SELECT DISTINCT pattern_id FROM (SELECT pattern_id FROM event "
            "WHERE source_id = ? ORDER BY id LIMIT ? OFFSET ?) ORDER BY pattern_id",
            (int(source_id), int(errors or 0) if later else -1, int(before)))]
