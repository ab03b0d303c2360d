"""Rate limits, outages, lost answers, crashes, bad credentials: nothing lost, nothing twice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from stacklens_desktop.jira.payloads import dedupe_label
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import Store
from stacklens_desktop.store.outbox import counts, retry_failed
from tests.jira_automation.conftest import check_contract
from tests.jira_automation.helpers import (
    MISSING_PRICE_FP,
    Clock,
    PatternSpec,
    analyse,
    batch_for,
    drain_until_empty,
    missing_price_event,
    processor,
    rows,
    sandbox_issues,
    seed_patterns,
)

CONFIG = AutomationConfig()
REPO = Path(__file__).resolve().parents[2]


def _labels_once(sandbox: JiraSandbox, fingerprints: list[str]) -> None:
    """Every pattern has exactly one issue carrying its dedupe label."""
    labels = [label for issue in sandbox_issues(sandbox) for label in issue["fields"]["labels"]]
    for fp in fingerprints:
        assert labels.count(dedupe_label(fp)) == 1, fp


def test_rate_limit_storm_files_every_ticket_once_and_honours_retry_after(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    fingerprints = seed_patterns(store, 8, CONFIG, clock.now)
    sandbox.add_fault(kind="rate_limit", retry_after=1, times=3)  # any request, 3 storms
    sandbox.add_fault(kind="rate_limit", method="POST", path=r"/issue$", retry_after=1, times=2)
    drain_until_empty(processor(store, sandbox, CONFIG), clock)
    assert len(sandbox_issues(sandbox)) == 8
    _labels_once(sandbox, fingerprints)
    log = sandbox.requests()
    throttled = [e for e in log if e.status == 429]
    assert len(throttled) >= 5
    assert not [e for e in log if e.early], "a request arrived inside a Retry-After window"
    for answer in throttled:
        later = [e for e in log if e.seq > answer.seq]
        assert later and later[0].mono >= answer.answered_mono + answer.retry_after
    assert rows(store.engine, "SELECT COUNT(*) FROM ticket WHERE issue_key IS NOT NULL") == [(8,)]


def test_jira_down_for_a_while_then_back(store: Store, tmp_path: Path, clock: Clock) -> None:
    state = tmp_path / "down.json"
    first = JiraSandbox(state_file=state).start()
    port = int(first.url.rsplit(":", 1)[1])
    fingerprints = seed_patterns(store, 5, CONFIG, clock.now)
    first.stop()  # Jira goes away
    drain = processor(store, first, CONFIG)
    for _ in range(3):
        report = drain.process_due(clock.now)
        assert report.done == 0 and report.errors
        assert "Jira unreachable" in report.errors[0]
        clock.advance(minutes=10)
    assert counts(store.engine) == (5, 0)  # all waiting, none lost
    more = seed_patterns(store, 7, CONFIG, clock.now)[5:]  # monitoring goes on meanwhile
    assert counts(store.engine) == (7, 0)
    back = JiraSandbox(port=port, state_file=state, user=first.user).start()  # same site
    try:
        drain_until_empty(drain, clock)
        assert len(sandbox_issues(back)) == 7
        _labels_once(back, fingerprints + more)
        check_contract(back)
    finally:
        back.stop()


def test_create_whose_answer_is_dropped_is_not_filed_twice(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]), CONFIG,
            clock.now)
    sandbox.add_fault(kind="drop_after", method="POST", path=r"/rest/api/3/issue$", times=1)
    drain = processor(store, sandbox, CONFIG)
    report = drain.process_due(clock.now)
    assert report.done == 0 and report.postponed == 1
    [(state, error)] = rows(store.engine, "SELECT state, last_error FROM outbox")
    assert state == "pending" and error.startswith("outcome unknown")
    assert len(sandbox_issues(sandbox)) == 1  # Jira did create it
    drain_until_empty(drain, clock)
    assert len(sandbox_issues(sandbox)) == 1
    assert rows(store.engine, "SELECT issue_key FROM ticket") == [("DEMO-1",)]
    assert rows(store.engine, "SELECT decision FROM automationlog WHERE decision = 'adopted'")


CRASHING_RUN = textwrap.dedent("""
    import os, sys
    from datetime import datetime
    from stacklens_desktop.jira.client import JiraClient
    from stacklens_desktop.jira.payloads import TicketOptions
    from stacklens_desktop.jira.policy import AutomationConfig
    from stacklens_desktop.jira.processor import OutboxProcessor
    from stacklens_desktop.store import open_store

    class DiesAfterCreate(JiraClient):
        def create_issue(self, body):
            super().create_issue(body)  # the 201 arrived ...
            os._exit(17)                # ... and the process dies before the local commit

    url, email, token, data_dir, now = sys.argv[1:6]
    def factory():
        plain = JiraClient.connect(url, email, token, deployment="cloud")
        return DiesAfterCreate(plain.transport, plain.deployment)
    store = open_store(__import__("pathlib").Path(data_dir))
    OutboxProcessor(store.engine, factory, AutomationConfig(),
                    options=TicketOptions(project_key="DEMO")).process_due(
        datetime.fromisoformat(now))
    sys.exit(0)
""")


def test_crash_between_create_and_local_commit_leaves_no_duplicate(
        store: Store, sandbox: JiraSandbox, clock: Clock, data_dir: Path) -> None:
    analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]), CONFIG,
            clock.now)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_RUN, sandbox.url, sandbox.user.email,
         sandbox.user.token, str(data_dir), clock.now.isoformat()],
        env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 17, done.stderr
    assert len(sandbox_issues(sandbox)) == 1
    assert rows(store.engine, "SELECT COUNT(*) FROM ticket") == [(0,)]
    assert rows(store.engine, "SELECT state FROM outbox") == [("in_flight",)]
    # the app starts again
    report = processor(store, sandbox, CONFIG).process_due(clock.advance(minutes=1))
    assert report.done == 1
    assert len(sandbox_issues(sandbox)) == 1
    assert rows(store.engine, "SELECT issue_key FROM ticket") == [("DEMO-1",)]
    assert "adopted" in report_notes(store)


def report_notes(store: Store) -> str:
    return " ".join(r[0] for r in rows(store.engine, "SELECT decision FROM automationlog"))


def test_recent_ticket_ids_go_into_reconcile_issues(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    seed_patterns(store, 2, CONFIG, clock.now)
    processor(store, sandbox, CONFIG).process_due(clock.now)
    searches = [e.body for e in sandbox.requests("/search/jql")]
    assert len(searches) == 2
    first_id = rows(store.engine, "SELECT issue_id FROM ticket ORDER BY id")[0][0]
    assert "reconcileIssues" not in searches[0]
    assert searches[1]["reconcileIssues"] == [int(first_id)]


def test_wrong_token_waits_with_a_clear_401_and_recovers(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]), CONFIG,
            clock.now)
    wrong = processor(store, sandbox, CONFIG, token="not-the-token")
    report = wrong.process_due(clock.now)
    assert report.halted and report.halted.startswith("401 Unauthorized")
    [(state, error)] = rows(store.engine, "SELECT state, last_error FROM outbox")
    assert state == "pending" and error.startswith("401 Unauthorized")
    assert "not-the-token" not in error
    sent = len(sandbox.requests())
    assert wrong.process_due(clock.advance(seconds=10)).halted  # paused: no hammering
    assert len(sandbox.requests()) == sent
    fixed = processor(store, sandbox, CONFIG)  # the user fixed the token
    drain_until_empty(fixed, clock)
    assert rows(store.engine, "SELECT issue_key FROM ticket") == [("DEMO-1",)]


def test_forbidden_and_wrong_project_read_differently(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]), CONFIG,
            clock.now)
    sandbox.add_fault(kind="status", status=403, method="POST", path=r"/issue$", times=1)
    report = processor(store, sandbox, CONFIG).process_due(clock.now)
    assert report.halted and report.halted.startswith("403 Forbidden")
    clock.advance(hours=1)
    report = processor(store, sandbox, CONFIG, project="NOPE").process_due(clock.now)
    assert report.failed == 1
    [(state, error)] = rows(store.engine, "SELECT state, last_error FROM outbox")
    assert state == "failed"
    assert error.startswith("404 Not Found") and "'NOPE'" in error
    # after fixing the project, "retry" files it
    assert retry_failed(store.engine, clock.now) == 1
    drain_until_empty(processor(store, sandbox, CONFIG), clock)
    assert len(sandbox_issues(sandbox)) == 1
    assert dedupe_label(MISSING_PRICE_FP) in sandbox_issues(sandbox)[0]["fields"]["labels"]
