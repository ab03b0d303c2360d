"""The tray's decisions without Qt: what deserves a notification, and the rate limit."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from stacklens_desktop.ui.tray_rules import (
    NEW_CRITICAL,
    REGRESSION,
    SUMMARY,
    NotifyRules,
    PatternAlert,
)

T0 = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


def alert(pid: int, severity: str = "critical", status: str = "new",
          is_new: bool = True) -> PatternAlert:
    return PatternAlert(pid, severity, status, f"Pattern {pid} failed", is_new)


def test_the_rules_do_not_load_qt() -> None:
    code = ("import sys, stacklens_desktop.ui.tray_rules; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_new_critical_and_regressions_notify_others_do_not() -> None:
    rules = NotifyRules()
    notes = rules.candidates([alert(1), alert(2, "high"), alert(3, is_new=False),
                              alert(4, "high", "regression", False)])
    assert [(n.kind, n.pattern_id) for n in notes] == [(NEW_CRITICAL, 1), (REGRESSION, 4)]
    assert notes[0].message == "Pattern 1 failed"


def test_muted_patterns_never_notify() -> None:
    rules = NotifyRules()
    assert rules.candidates([alert(1, status="muted"),
                             alert(2, "high", "muted", False)]) == []


def test_a_regression_notifies_once_per_return() -> None:
    rules = NotifyRules()
    back = alert(7, "medium", "regression", False)
    assert len(rules.candidates([back])) == 1
    assert rules.candidates([back]) == []  # more occurrences of the same return
    rules.candidates([alert(7, "medium", "resolved", False)])
    assert len(rules.candidates([back])) == 1  # resolved again, back again


def test_one_per_gap_then_a_summary() -> None:
    rules = NotifyRules(timedelta(seconds=30))
    shown = rules.offer([alert(1), alert(2)], T0)
    assert [n.pattern_id for n in shown] == [1]
    assert rules.offer([alert(3), alert(4, "low", "regression", False)],
                       T0 + timedelta(seconds=5)) == []
    assert rules.next_flush() == T0 + timedelta(seconds=30)
    assert rules.flush(T0 + timedelta(seconds=29)) == []
    [summary] = rules.flush(T0 + timedelta(seconds=30))
    assert summary.kind == SUMMARY and summary.pattern_id == 2
    assert summary.title == "3 more alerts"
    assert summary.message.startswith("2 new critical errors and 1 regression")
    assert rules.next_flush() is None


def test_a_single_held_notification_is_shown_as_itself() -> None:
    rules = NotifyRules(timedelta(seconds=30))
    rules.offer([alert(1)], T0)
    rules.offer([alert(2)], T0 + timedelta(seconds=1))
    assert [(n.kind, n.pattern_id) for n in rules.flush(T0 + timedelta(seconds=31))] == \
        [(NEW_CRITICAL, 2)]


def test_a_held_notification_of_a_pattern_muted_meanwhile_is_dropped() -> None:
    rules = NotifyRules(timedelta(seconds=30))
    rules.offer([alert(1)], T0)
    rules.offer([alert(2)], T0 + timedelta(seconds=1))
    rules.offer([alert(2, status="muted", is_new=False)], T0 + timedelta(seconds=2))
    assert rules.flush(T0 + timedelta(seconds=31)) == []
