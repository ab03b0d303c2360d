"""The automation policy alone: pure decisions with reasons."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stacklens_desktop.jira.policy import (
    Action,
    AutomationConfig,
    PatternState,
    RegressionMode,
    SeverityRule,
    TicketState,
    decide,
)
from tests.jira_automation.helpers import T0

CONFIG = AutomationConfig()


def pattern(severity: str = "high", confidence: float = 0.9, count: int = 1,
            status: str = "new", recent: int | None = None) -> PatternState:
    return PatternState(1, severity, confidence, status, count, recent)


@pytest.mark.parametrize(("severity", "confidence", "action", "code"), [
    ("critical", 0.1, Action.CREATE, "file"),
    ("high", 0.76, Action.CREATE, "file"),
    ("high", 0.75, Action.NONE, "below_confidence"),
    ("medium", 0.9, Action.NONE, "below_confidence"),
    ("medium", 0.91, Action.CREATE, "file"),
    ("low", 1.0, Action.NONE, "severity_not_filed"),
])
def test_seed_defaults_for_filing(severity: str, confidence: float, action: Action,
                                  code: str) -> None:
    decision = decide(pattern(severity, confidence), None, CONFIG, T0)
    assert (decision.action, decision.code) == (action, code)
    assert severity in decision.reason


def test_reasons_are_readable() -> None:
    assert decide(pattern("high", 0.7), None, CONFIG, T0).reason == \
        "high with confidence 0.70, not above 0.75"
    assert "0.90 > 0.75" in decide(pattern(), None, CONFIG, T0).reason


def test_muted_patterns_never_file_or_update() -> None:
    muted = pattern("critical", 1.0, count=50, status="muted")
    assert decide(muted, None, CONFIG, T0).code == "muted"
    ticket = TicketState(issue_key="DEMO-1", status_category="new", count_reported=1)
    assert decide(muted, ticket, CONFIG, T0).action is Action.NONE


def test_disabled_automation_does_nothing() -> None:
    off = AutomationConfig(enabled=False)
    assert decide(pattern("critical", 1.0), None, off, T0).code == "disabled"


def test_minimum_occurrences_within_the_window() -> None:
    config = AutomationConfig(min_occurrences=3, window=timedelta(minutes=10))
    few = decide(pattern(count=5, recent=2), None, config, T0)
    assert few.code == "too_few_occurrences"
    assert few.reason == "2 occurrences within 10 min; 3 needed"
    assert decide(pattern(count=5, recent=3), None, config, T0).action is Action.CREATE
    assert decide(pattern(count=2), None, config, T0).code == "too_few_occurrences"


def test_one_pending_create_at_most() -> None:
    ticket = TicketState(pending=frozenset({"create"}))
    assert decide(pattern(), ticket, CONFIG, T0).code == "create_pending"


def test_new_occurrences_comment_with_throttle() -> None:
    ticket = TicketState(issue_key="DEMO-1", status_category="new", count_reported=10,
                         last_comment_at=T0, status_read_at=T0 + timedelta(minutes=4, seconds=30))
    soon = decide(pattern(count=15), ticket, CONFIG, T0 + timedelta(minutes=5))
    assert soon.action is Action.COMMENT
    assert soon.not_before == T0 + timedelta(minutes=15)
    later = decide(pattern(count=15), ticket, CONFIG, T0 + timedelta(minutes=20))
    assert later.action is Action.COMMENT and later.not_before is None
    assert "5 new occurrences" in later.reason


def test_a_stale_status_is_checked_before_the_throttle_wait() -> None:
    """The ticket may have been closed since its status was read: the update runs now to
    look (the drain reopens a closed one at once, and postpones an open one)."""
    ticket = TicketState(issue_key="DEMO-1", status_category="new", count_reported=10,
                         last_comment_at=T0, status_read_at=T0)
    now = T0 + timedelta(minutes=5)
    decision = decide(pattern(count=15), ticket, CONFIG, now)
    assert decision.action is Action.COMMENT and decision.not_before is None
    assert "after a status check (throttle until 10:15:00)" in decision.reason


def test_comments_coalesce_and_quiet_patterns_stay_quiet() -> None:
    ticket = TicketState(issue_key="DEMO-1", status_category="new", count_reported=10,
                         pending=frozenset({"comment"}))
    assert decide(pattern(count=99), ticket, CONFIG, T0).code == "coalesced"
    quiet = TicketState(issue_key="DEMO-1", status_category="new", count_reported=10)
    assert decide(pattern(count=10), quiet, CONFIG, T0).code == "no_news"


def test_regression_reopens_or_files_new_linked() -> None:
    done = TicketState(issue_key="DEMO-1", status_category="done", count_reported=10,
                       count_at_done=12)
    assert decide(pattern(count=12), done, CONFIG, T0).code == "done_quiet"
    reopen = decide(pattern(count=14), done, CONFIG, T0)
    assert reopen.action is Action.REOPEN and "2 more times" in reopen.reason
    linked = AutomationConfig(regression_mode=RegressionMode.NEW_LINKED)
    assert decide(pattern(count=14), done, linked, T0).action is Action.NEW_LINKED
    pending = TicketState(**{**done.__dict__, "pending": frozenset({"reopen"})})
    assert decide(pattern(count=14), pending, CONFIG, T0).code == "regression_pending"


def test_config_round_trips_through_json() -> None:
    config = AutomationConfig(
        rules={**CONFIG.rules, "low": SeverityRule(True, 0.99)}, min_occurrences=4,
        window=timedelta(minutes=30), comment_throttle=timedelta(minutes=5),
        regression_mode=RegressionMode.NEW_LINKED, resolve_pattern_on_done=False)
    again = AutomationConfig.from_json(config.to_json())
    assert again == config
    assert AutomationConfig.from_json({}) == AutomationConfig()
