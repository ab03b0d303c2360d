"""The shared repositories' ``?`` SQL runs on the team store (PostgreSQL) unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

from stacklens_desktop.store import audit, outbox
from stacklens_desktop.store.team import schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.paramstyle import to_format
from tests.team.conftest import TeamDb


def test_placeholders_outside_quotes_become_format() -> None:
    assert to_format("SELECT a FROM t WHERE b = ? AND c LIKE '%?%'") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE '%%?%%'")
    assert to_format("SELECT \"?\" FROM t WHERE x = ?") == "SELECT \"?\" FROM t WHERE x = %s"


def test_statements_without_question_marks_are_left_alone() -> None:
    assert to_format("SELECT host FROM agent WHERE host = %s") is None
    assert to_format("SELECT '?' FROM agent") is None


def test_outbox_and_log_repositories_run_on_the_team_store(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO pattern (fingerprint, template, error_type, severity, confidence, "
            "count, status, resolution_steps, parameters_sample) "
            "VALUES ('f1', 'Price missing for <*>', 'data', 'high', 0.9, 3, 'new', '[]', '[]')")
        schema.add_desktop(conn, "ann", "ann-secret")
    engine = make_team_engine(parse_address(team_db.url("ann")), "ann-secret")
    try:
        now = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
        with engine.begin() as conn:
            pid = int(conn.exec_driver_sql("SELECT id FROM pattern").scalar_one())
            row_id = outbox.enqueue(conn, pid, "create", {"reason": "100% new"}, now, now)
            audit.write(conn, pid, now, "file", "seen 3 times", "threshold")
        with engine.connect() as conn:
            assert outbox.open_operations(conn, [pid]) == {pid: {"create": row_id}}
            assert audit.last_codes(conn, [pid]) == {pid: "threshold"}
            payload = conn.exec_driver_sql(
                "SELECT payload FROM outbox WHERE id = ?", (row_id,)).scalar_one()
        assert "100% new" in payload
    finally:
        engine.dispose()
