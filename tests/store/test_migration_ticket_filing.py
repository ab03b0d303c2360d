"""Schema 4: a schema-3 profile gains the ticket's ``count_at_filing``, keeps its tickets, and
backfills it from ``count_at_last_comment`` (what the Jira panel's "since filing" reads)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from stacklens_desktop.paths import database_path
from stacklens_desktop.store import jira_reads, open_store
from stacklens_desktop.store.schema_sql import SCHEMA_SQL

COLUMN_LINE = "\n    count_at_filing INTEGER,"


def _schema_3() -> str:
    """Today's statements without the new column: the schema-3 file."""
    assert COLUMN_LINE in SCHEMA_SQL
    return SCHEMA_SQL.replace(COLUMN_LINE, "")


def _pattern(conn: sqlite3.Connection, fingerprint: str, count: int) -> int:
    cursor = conn.execute(
        "INSERT INTO pattern (fingerprint, template, error_type, severity, confidence, count, "
        "status, resolution_steps, parameters_sample) VALUES (?, 'Product <*> has no price', "
        "'data_validation', 'high', 0.9, ?, 'new', '[]', '[]')", (fingerprint, count))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _ticket(conn: sqlite3.Connection, pattern_id: int, key: str, reported: int,
            commented: str | None) -> None:
    conn.execute(
        "INSERT INTO ticket (pattern_id, issue_id, issue_key, url, status_category, "
        "created_at, last_comment_at, count_at_last_comment, last_event_id, reported_values, "
        "previous_keys) VALUES (?, ?, ?, ?, 'new', '2026-12-06T10:00:00.000Z', ?, ?, 0, '{}', "
        "'[]')", (pattern_id, key[-1], key, f"http://jira/browse/{key}", commented, reported))


def _old_profile(tmp_path: Path) -> Path:
    path = database_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(_schema_3())
        _ticket(conn, _pattern(conn, "fp-quiet", 9), "POS-1", 4, None)  # never updated
        _ticket(conn, _pattern(conn, "fp-busy", 30), "POS-2", 20, "2026-12-06T11:00:00.000Z")
        conn.execute("PRAGMA user_version=3")
    conn.close()
    return path


def test_a_schema_3_profile_keeps_its_tickets_and_gets_the_backfill(tmp_path: Path) -> None:
    path = _old_profile(tmp_path)
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(ticket)")}
    conn.close()
    assert "count_at_filing" not in columns
    store = open_store(tmp_path)
    try:
        shown = {t.key: (t.count, t.count_at_filing, t.since_filing, t.unreported)
                 for t in jira_reads.filed_tickets(store.engine)}
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        rows = conn.execute("SELECT issue_key, count_at_filing, count_at_last_comment, "
                            "last_comment_at FROM ticket ORDER BY issue_key").fetchall()
    conn.close()
    assert version == 4
    assert rows == [("POS-1", 4, 4, None), ("POS-2", 20, 20, "2026-12-06T11:00:00.000Z")]
    assert shown == {"POS-1": (9, 4, 5, 5), "POS-2": (30, 20, 10, 10)}


def test_an_interrupted_migration_reruns_without_harm(tmp_path: Path) -> None:
    """The migration is idempotent: the column already there (added, then the process died
    before the version was written) is not added twice, and empty rows are still filled."""
    path = _old_profile(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE ticket ADD COLUMN count_at_filing INTEGER")
        conn.execute("UPDATE ticket SET count_at_filing = 1 WHERE issue_key = 'POS-2'")
    conn.close()
    open_store(tmp_path).close()
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT issue_key, count_at_filing FROM ticket ORDER BY issue_key").fetchall()
    conn.close()
    assert rows == [("POS-1", 4), ("POS-2", 1)]  # a value already there is left alone
