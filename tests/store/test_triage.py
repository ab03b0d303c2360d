"""Triage on a real store: statuses, mutes that end, regressions, "ticket now", and the
migration that adds the columns to an existing database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection

from stacklens_desktop.core.batch import Batch, PatternDelta, SourcePosition
from stacklens_desktop.jira.automation import make_hook
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.store import Store, engine, open_store, triage
from stacklens_desktop.store.schema_version import SCHEMA_VERSION

NOW = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)


def _batch(count: int = 1) -> Batch:
    delta = PatternDelta(fingerprint="fp-price", template="Product <*> has no price",
                         count=count, first_seen="2026-12-06T20:00:00.000Z",
                         last_seen="2026-12-06T20:00:00.000Z", severity="critical",
                         error_type="data_validation", confidence=0.95)
    return Batch(position=SourcePosition("/var/log/pos.log", 0, 0),
                 patterns={delta.fingerprint: delta})


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "profile")
    yield opened
    opened.close()


def _status(store: Store) -> tuple[str, str | None]:
    with store.engine.connect() as conn:
        return tuple(conn.exec_driver_sql("SELECT status, muted_until FROM pattern").one())


def _outbox(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT operation, state FROM outbox ORDER BY id")]


def _pattern_id(store: Store) -> int:
    store.writer.write(_batch())
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT id FROM pattern").scalar_one())


def test_acknowledge_resolve_reopen_are_stored(store: Store) -> None:
    pid = _pattern_id(store)
    triage.acknowledge(store.engine, pid)
    assert _status(store) == ("acknowledged", None)
    triage.resolve(store.engine, pid)
    assert _status(store) == ("resolved", None)
    triage.reopen(store.engine, pid)
    assert _status(store) == ("new", None)
    with pytest.raises(triage.UnknownPatternError):
        triage.acknowledge(store.engine, pid + 1)


def test_a_resolved_pattern_that_occurs_again_is_a_regression(store: Store) -> None:
    pid = _pattern_id(store)
    triage.resolve(store.engine, pid)
    store.writer.write(_batch())
    assert _status(store) == ("regression", None)
    store.writer.write(_batch())  # stays a regression until someone acts on it
    assert _status(store) == ("regression", None)


def test_a_muted_pattern_is_not_filed_until_the_mute_ends(store: Store) -> None:
    hook = make_hook(AutomationConfig(), clock=lambda: NOW)
    store.writer.write(_batch())
    with store.engine.connect() as conn:
        pid = int(conn.exec_driver_sql("SELECT id FROM pattern").scalar_one())
    until = triage.mute(store.engine, pid, timedelta(hours=1), datetime.now(UTC))
    assert until is not None and _status(store) == ("muted", until)
    store.writer.write(_batch(), hook)
    assert _outbox(store) == []  # critical and sure, but muted: never queued
    def _change_1(conn: Connection) -> None:  # the hour is over
        conn.exec_driver_sql("UPDATE pattern SET muted_until = '2026-01-01T00:00:00.000Z'")

    store.write(_change_1)
    store.writer.write(_batch(), hook)
    assert _status(store) == ("new", None)
    assert _outbox(store) == [("create", "pending")]


def test_muting_for_good_drops_waiting_jira_operations(store: Store) -> None:
    pid = _pattern_id(store)
    triage.request_ticket(store.engine, pid, NOW)
    assert triage.mute(store.engine, pid, None, NOW) is None
    assert _status(store) == ("muted", None)
    assert _outbox(store) == [("create", "done")]
    with store.engine.connect() as conn:
        note = conn.exec_driver_sql("SELECT last_error FROM outbox").scalar_one()
    assert note == triage.MUTED_NOTE
    with pytest.raises(triage.TriageRefusedError):
        triage.request_ticket(store.engine, pid, NOW)
    assert triage.effective_status("muted", None, "2099-01-01T00:00:00.000Z") == "muted"


def test_ticket_now_files_comments_or_hurries_what_waits(store: Store) -> None:
    pid = _pattern_id(store)
    first = triage.request_ticket(store.engine, pid, NOW)
    assert (first.operation, first.queued) == ("create", True)
    again = triage.request_ticket(store.engine, pid, NOW + timedelta(minutes=1))
    assert (again.operation, again.queued) == ("create", False)  # no second create
    def _change_2(conn: Connection) -> None:
        conn.exec_driver_sql("UPDATE outbox SET state = 'done'")
        conn.exec_driver_sql("INSERT INTO ticket (pattern_id, issue_key, count_at_last_comment, "
                             "last_event_id, reported_values, previous_keys) "
                             "VALUES (?, 'POS-1', 1, 0, '{}', '[]')", (pid,))

    store.write(_change_2)
    update = triage.request_ticket(store.engine, pid, NOW)
    assert (update.operation, update.queued) == ("comment", True)
    with store.engine.connect() as conn:
        due = conn.exec_driver_sql(
            "SELECT next_attempt_at FROM outbox WHERE state = 'pending'").scalar_one()
    assert due == "2026-12-06T21:00:00.000Z"


def test_a_version_1_database_gets_the_triage_columns(tmp_path: Path) -> None:
    store = open_store(tmp_path / "profile")
    path = store.path
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE pattern DROP COLUMN muted_until")
    conn.execute("ALTER TABLE pattern DROP COLUMN status_changed_at")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    engine._opened.clear()  # as in a new process: this one checked and migrated it already
    reopened = open_store(tmp_path / "profile")
    try:
        pid = _pattern_id(reopened)
        triage.mute(reopened.engine, pid, timedelta(hours=24), NOW)
        assert _status(reopened) == ("muted", "2026-12-07T21:00:00.000Z")
        with reopened.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    finally:
        reopened.close()
