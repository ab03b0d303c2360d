"""The automation step inside the analysis transaction: decisions, log rows, outbox rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Connection

from stacklens_desktop.jira.automation import automate
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.store import Store
from tests.jira_automation.helpers import (
    Clock,
    PatternSpec,
    analyse,
    batch_for,
    events_at,
    rows,
)

CONFIG = AutomationConfig()


def _outbox(store: Store) -> list[tuple]:
    return rows(store.engine, "SELECT operation, state, next_attempt_at FROM outbox ORDER BY id")


def _fake_ticket(store: Store, key: str, count: int, created: str, category: str = "new"
                 ) -> None:
    def insert(conn: Connection) -> None:
        conn.exec_driver_sql(
            "INSERT INTO ticket (pattern_id, issue_id, issue_key, status_category, created_at, "
            "synced_at, count_at_last_comment, last_event_id, reported_values, previous_keys, "
            "count_at_done) VALUES (1, '10000', ?, ?, ?, ?, ?, 0, '{}', '[]', ?)",
            (key, category, created, created, count, count if category == "done" else None))
        conn.exec_driver_sql("UPDATE outbox SET state = 'done'")

    store.write(insert)


def test_a_flood_enqueues_one_create_and_logs_each_decision_once(store: Store,
                                                                 clock: Clock) -> None:
    for batch in range(100):
        decisions = analyse(store, batch_for(PatternSpec(), events_at(batch * 100, 100,
                                                                      clock.now)),
                            CONFIG, clock.now)
        clock.advance(seconds=1)
        assert len(decisions) == 1
    assert rows(store.engine, "SELECT count FROM pattern") == [(10_000,)]
    assert [r[:2] for r in _outbox(store)] == [("create", "pending")]
    log = rows(store.engine, "SELECT decision, code FROM automationlog ORDER BY id")
    assert log == [("create", "file"), ("none", "create_pending")]


def test_comments_coalesce_into_one_pending_row_with_the_throttle_time(store: Store,
                                                                       clock: Clock) -> None:
    analyse(store, batch_for(PatternSpec(), events_at(0, 1, clock.now)), CONFIG, clock.now)
    _fake_ticket(store, "DEMO-1", 1, "2026-11-25T10:00:00.000Z")
    for minute in range(1, 6):
        clock.advance(minutes=1)
        analyse(store, batch_for(PatternSpec(), events_at(minute * 10, 3, clock.now)), CONFIG,
                clock.now)
    pending = [r for r in _outbox(store) if r[1] == "pending"]
    assert pending == [("comment", "pending", "2026-11-25T10:15:00.000Z")]
    codes = [c for (c,) in rows(store.engine, "SELECT code FROM automationlog ORDER BY id")]
    assert codes == ["file", "comment", "coalesced"]


def test_a_regression_takes_over_the_waiting_comment(store: Store, clock: Clock) -> None:
    analyse(store, batch_for(PatternSpec(), events_at(0, 2, clock.now)), CONFIG, clock.now)
    _fake_ticket(store, "DEMO-1", 2, "2026-11-25T10:00:00.000Z")
    clock.advance(minutes=1)
    analyse(store, batch_for(PatternSpec(), events_at(10, 1, clock.now)), CONFIG, clock.now)
    store.write(lambda conn: conn.exec_driver_sql(  # the status sync saw the ticket done
        "UPDATE ticket SET status_category = 'done', count_at_done = 3"))
    clock.advance(minutes=1)
    [decision] = analyse(store, batch_for(PatternSpec(), events_at(20, 1, clock.now)), CONFIG,
                         clock.now)
    assert decision.decision.action.value == "reopen"
    open_rows = [r for r in _outbox(store) if r[1] == "pending"]
    assert open_rows == [("reopen", "pending", "2026-11-25T10:02:00.000Z")]


def test_minimum_occurrences_counts_log_time_within_the_window(store: Store,
                                                               clock: Clock) -> None:
    config = AutomationConfig(min_occurrences=3, window=timedelta(minutes=10))
    for step in range(3):  # three occurrences, 20 minutes apart: never 3 within 10 minutes
        analyse(store, batch_for(PatternSpec(), events_at(step, 1, clock.now)), config,
                clock.now)
        clock.advance(minutes=20)
    assert _outbox(store) == []
    [two] = analyse(store, batch_for(PatternSpec(), events_at(10, 2, clock.now)), config,
                    clock.now)
    assert two.decision.reason == "2 occurrences within 10 min; 3 needed"
    clock.advance(minutes=5)
    [decision] = analyse(store, batch_for(PatternSpec(), events_at(20, 1, clock.now)), config,
                         clock.now)
    assert decision.decision.action.value == "create"
    assert "3 occurrences within 10 min" in decision.decision.reason


def test_low_and_muted_patterns_are_logged_once_and_never_queued(store: Store,
                                                                 clock: Clock) -> None:
    low = PatternSpec(fingerprint="low0001", severity="low", confidence=0.99)
    for step in range(5):
        analyse(store, batch_for(low, events_at(step, 1, clock.now, "low0001")), CONFIG,
                clock.now)
    def mute_and_automate(conn: Connection) -> list:
        conn.exec_driver_sql("UPDATE pattern SET status = 'muted', severity = 'critical'")
        decisions = automate(conn, [1], CONFIG, clock.now)
        automate(conn, [1], CONFIG, clock.now)
        return decisions

    decisions = store.write(mute_and_automate)
    assert decisions[0].decision.code == "muted"
    assert _outbox(store) == []
    assert rows(store.engine, "SELECT code FROM automationlog ORDER BY id") == [
        ("severity_not_filed",), ("muted",)]


def test_automate_is_part_of_the_callers_transaction(store: Store, clock: Clock) -> None:
    analyse(store, batch_for(PatternSpec(), events_at(0, 1, clock.now)),
            AutomationConfig(enabled=False), clock.now)
    class Abort(Exception):
        pass

    def automate_then_fail(conn: Connection) -> None:
        automate(conn, [1], CONFIG, clock.now)
        raise Abort  # the caller's transaction fails: automate's rows go with it

    with pytest.raises(Abort):
        store.write(automate_then_fail)
    assert _outbox(store) == []
