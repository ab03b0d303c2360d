"""Status sync in pages of keys, and the ``stacklens jira sync`` command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from stacklens_desktop.cli import cmd_jira
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.sync import sync_statuses
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.settings.access import load_policy, save_policy
from stacklens_desktop.store import Store
from tests.jira_automation.helpers import (
    Clock,
    jira_client,
    processor,
    rows,
    sandbox_issues,
    seed_patterns,
)

CONFIG = AutomationConfig()


def test_sync_pages_keys_and_resolves_done_patterns(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    seed_patterns(store, 5, CONFIG, clock.now)
    processor(store, sandbox, CONFIG).process_due(clock.now)
    human = jira_client(sandbox)
    human.transition_to_category("DEMO-2", "done")
    human.transition_to_category("DEMO-4", "indeterminate")
    before = len(sandbox.requests("/search/jql"))
    report = sync_statuses(store.engine, human, CONFIG, clock.advance(minutes=5), page=2)
    searches = sandbox.requests("/search/jql")[before:]
    assert [s.body["jql"] for s in searches] == [
        "key in (DEMO-1, DEMO-2)", "key in (DEMO-3, DEMO-4)", "key in (DEMO-5)"]
    assert report.checked == 5
    assert sorted((c[1], c[3]) for c in report.changed) == [
        ("DEMO-1", "new"), ("DEMO-2", "done"), ("DEMO-3", "new"), ("DEMO-4", "indeterminate"),
        ("DEMO-5", "new")]  # the first sync also learns the status names
    resolved = rows(store.engine, "SELECT p.status, t.issue_key FROM pattern p JOIN ticket t "
                    "ON t.pattern_id = p.id WHERE p.status = 'resolved'")
    assert resolved == [("resolved", "DEMO-2")]
    again = sync_statuses(store.engine, human, CONFIG, clock.advance(minutes=5))
    assert again.changed == [] and again.resolved == []


def test_sync_can_leave_patterns_alone_and_notices_a_manual_reopen(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    config = AutomationConfig(resolve_pattern_on_done=False)
    seed_patterns(store, 1, config, clock.now)
    processor(store, sandbox, config).process_due(clock.now)
    human = jira_client(sandbox)
    human.transition_to_category("DEMO-1", "done")
    sync_statuses(store.engine, human, config, clock.now)
    assert rows(store.engine, "SELECT status FROM pattern") == [("new",)]
    assert rows(store.engine, "SELECT count_at_done FROM ticket") == [(1,)]
    human.transition_to_category("DEMO-1", "new")
    sync_statuses(store.engine, human, config, clock.now)
    assert rows(store.engine, "SELECT count_at_done, status_category FROM ticket") == \
        [(None, "new")]


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="stacklens")
    cmd_jira.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_jira_sync_command_drains_and_syncs(
        store: Store, sandbox: JiraSandbox, clock: Clock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    save_policy(store.engine, CONFIG)
    assert load_policy(store.engine) == CONFIG
    seed_patterns(store, 2, CONFIG, clock.now)
    for name, value in (("JIRA_BASE_URL", sandbox.url), ("JIRA_USERNAME", sandbox.user.email),
                        ("JIRA_API_TOKEN", sandbox.user.token), ("JIRA_PROJECT_KEY", "demo")):
        monkeypatch.setenv(name, value)
    assert _run_cli(["jira", "sync", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "filed DEMO-1" in out and "filed DEMO-2" in out
    assert "outbox: 2 sent, 0 waiting, 0 failed" in out
    assert "status sync: 2 tickets checked" in out
    assert len(sandbox_issues(sandbox)) == 2


def test_jira_sync_command_reports_a_wrong_token(
        store: Store, sandbox: JiraSandbox, clock: Clock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seed_patterns(store, 1, CONFIG, clock.now)
    for name, value in (("JIRA_BASE_URL", sandbox.url), ("JIRA_USERNAME", sandbox.user.email),
                        ("JIRA_API_TOKEN", "wrong-token-123"), ("JIRA_PROJECT_KEY", "DEMO")):
        monkeypatch.setenv(name, value)
    assert _run_cli(["jira", "sync", "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert "FAILED: 401 Unauthorized" in captured.err
    assert "outbox: 0 sent, 1 waiting, 0 failed" in captured.out
    assert "wrong-token-123" not in captured.out + captured.err
