"""Filing and updating tickets end to end: real SQLite, real HTTP to the sandbox."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from stacklens_desktop.jira.policy import AutomationConfig, RegressionMode
from stacklens_desktop.jira.stamps import parse
from stacklens_desktop.jira.sync import sync_statuses
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import Store
from stacklens_desktop.store.outbox import counts
from tests.jira_automation.conftest import check_contract
from tests.jira_automation.helpers import (
    MISSING_PRICE_FP,
    Clock,
    PatternSpec,
    adf_text,
    analyse,
    batch_for,
    events_at,
    jira_client,
    missing_price_event,
    processor,
    rows,
    sandbox_issues,
)

CONFIG = AutomationConfig()


def test_missing_price_files_one_ticket_with_the_right_fields(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    decisions = analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]),
                        CONFIG, clock.now)
    assert [d.decision.action.value for d in decisions] == ["create"]
    report = processor(store, sandbox, CONFIG).process_due(clock.now)
    assert report.done == 1 and report.errors == []
    [issue] = sandbox_issues(sandbox)
    fields = issue["fields"]
    assert fields["summary"] == \
        '[HIGH] data_validation: Product "Premium Item" (ID 999) has no price'
    assert {"stacklens", f"stacklens-{MISSING_PRICE_FP}", "severity-high",
            "type-data_validation"} <= set(fields["labels"])
    [sent] = [r.body for r in sandbox.requests("/rest/api/3/issue") if r.method == "POST"]
    assert sent["fields"]["priority"] == {"name": "High"}
    assert sent["fields"]["issuetype"] == {"id": "10004"}  # Bug, looked up in createmeta
    text = adf_text(fields["description"])
    for expected in ("HIGH", "data_validation", "90%", "Product has no price", "Premium Item",
                     "published without a price", "Re-sync the till catalogs",
                     "/var/log/pos.log", "till-07", "Filed by StackLens"):
        assert expected in text
    key, url, category = rows(store.engine,
                              "SELECT issue_key, url, status_category FROM ticket")[0]
    assert (key, category) == (issue["key"], "new")
    assert url == f"{sandbox.url}/browse/{issue['key']}"
    assert report.events == [("filed", 1, key, url)]
    assert check_contract(sandbox) >= 2  # the label search and the create, both valid


def test_ten_thousand_occurrences_make_one_ticket_and_throttled_comments(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    drain = processor(store, sandbox, CONFIG)
    order = 0
    for _minute in range(100):  # 100 occurrences a minute for 100 minutes
        analyse(store, batch_for(PatternSpec(), events_at(order, 100, clock.now)), CONFIG,
                clock.now)
        order += 100
        drain.process_due(clock.now)
        clock.advance(minutes=1)
    clock.advance(minutes=15)
    drain.process_due(clock.now)
    assert order == 10_000
    [issue] = sandbox_issues(sandbox)
    comments = issue["comments"]
    # at most one comment per 15 minutes; the create counts as the first update
    # (10:00 filed; comments 10:15 ... 11:30 while it runs, and the last one at 11:55)
    assert len(comments) == 7
    commented = [parse(t) for (t,) in rows(
        store.engine, "SELECT time FROM automationlog WHERE decision = 'commented' ORDER BY id")]
    assert len(commented) == 7
    gaps = [b - a for a, b in zip(commented, commented[1:], strict=False)]
    assert min(gaps) >= timedelta(minutes=15)
    told = [adf_text(c["body"]) for c in comments]
    since = [int(re.search(r"Occurrences since last update: (\d+)", t).group(1)) for t in told]
    covered_by_ticket = 100  # the first batch, described in the ticket itself
    assert sum(since) + covered_by_ticket == 10_000
    assert "Total occurrences: 10000" in told[-1]
    assert rows(store.engine, "SELECT count_at_last_comment FROM ticket") == [(10_000,)]
    creates = [r for r in sandbox.requests("/rest/api/3/issue") if r.method == "POST"
               and r.path.rstrip("/").endswith("/issue")]
    assert len(creates) == 1
    assert counts(store.engine) == (0, 0)
    log_rows = rows(store.engine, "SELECT COUNT(*) FROM automationlog")[0][0]
    assert log_rows < 40, "one log row per decision change, not per occurrence"


def test_comment_summarises_count_last_seen_and_new_parameter_values(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    drain = processor(store, sandbox, CONFIG)
    analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]), CONFIG,
            clock.now)
    drain.process_due(clock.now)
    clock.advance(minutes=20)
    later = [missing_price_event(2, clock.now, product=1234, name="Gold Card Bundle"),
             missing_price_event(3, clock.now)]
    analyse(store, batch_for(PatternSpec(), later), CONFIG, clock.now)
    drain.process_due(clock.now)
    [issue] = sandbox_issues(sandbox)
    [comment] = issue["comments"]
    text = adf_text(comment["body"])
    assert "Occurrences since last update: 2" in text
    assert "Total occurrences: 3" in text
    assert "productId: 1234" in text and "productName: Gold Card Bundle" in text
    assert "productName: Premium Item" not in text  # already told in the description


def test_regression_comments_and_reopens(store: Store, sandbox: JiraSandbox,
                                         clock: Clock) -> None:
    drain = processor(store, sandbox, CONFIG)
    analyse(store, batch_for(PatternSpec(), events_at(1, 3, clock.now)), CONFIG, clock.now)
    drain.process_due(clock.now)
    key = rows(store.engine, "SELECT issue_key FROM ticket")[0][0]
    human = jira_client(sandbox)
    human.transition_to_category(key, "done")
    synced = sync_statuses(store.engine, human, CONFIG, clock.advance(minutes=5))
    assert synced.resolved == [1]
    assert rows(store.engine, "SELECT status FROM pattern") == [("resolved",)]
    assert rows(store.engine, "SELECT count_at_done FROM ticket") == [(3,)]
    clock.advance(hours=2)
    decisions = analyse(store, batch_for(PatternSpec(), events_at(10, 2, clock.now)), CONFIG,
                        clock.now)
    assert decisions[0].decision.action.value == "reopen"
    report = drain.process_due(clock.now)
    assert report.events[0][0] == "reopened"
    state = human.get_issue(key)
    assert state.category in ("new", "indeterminate")
    [issue] = sandbox_issues(sandbox)
    assert "Regression" in adf_text(issue["comments"][-1]["body"])
    # the recurrence marked the resolved pattern a regression (issue 13); it stays visible
    assert rows(store.engine, "SELECT status FROM pattern") == [("regression",)]
    assert rows(store.engine, "SELECT count_at_done, status_category FROM ticket") == \
        [(None, state.category)]


def test_regression_can_file_a_new_linked_ticket(store: Store, sandbox: JiraSandbox,
                                                 clock: Clock) -> None:
    config = AutomationConfig(regression_mode=RegressionMode.NEW_LINKED)
    drain = processor(store, sandbox, config)
    analyse(store, batch_for(PatternSpec(), events_at(1, 2, clock.now)), config, clock.now)
    drain.process_due(clock.now)
    human = jira_client(sandbox)
    human.transition_to_category("DEMO-1", "done")
    sync_statuses(store.engine, human, config, clock.advance(minutes=5))
    analyse(store, batch_for(PatternSpec(), events_at(5, 1, clock.now)), config, clock.now)
    report = drain.process_due(clock.now)
    assert [e[:3] for e in report.events] == [("filed", 1, "DEMO-2")]
    keys = sorted(i["key"] for i in sandbox_issues(sandbox))
    assert keys == ["DEMO-1", "DEMO-2"]
    assert rows(store.engine, "SELECT issue_key, previous_keys FROM ticket") == \
        [("DEMO-2", '["DEMO-1"]')]
    new = next(i for i in sandbox_issues(sandbox) if i["key"] == "DEMO-2")
    assert "DEMO-1" in json.dumps(new["comments"])  # link noted (the sandbox has no issueLink)


def test_data_center_files_with_wiki_markup_and_dedupes(store: Store, tmp_path, clock: Clock
                                                        ) -> None:
    from stacklens_desktop.jira.client import JiraClient
    from stacklens_desktop.jira.payloads import TicketOptions
    from stacklens_desktop.jira.processor import OutboxProcessor

    with JiraSandbox(flavor="datacenter", state_file=tmp_path / "dc.json") as dc:
        def factory() -> JiraClient:
            return JiraClient.connect(dc.url, dc.user.name, dc.user.token,
                                      deployment="datacenter")

        drain = OutboxProcessor(store.engine, factory, CONFIG,
                                options=TicketOptions(project_key="DEMO"))
        analyse(store, batch_for(PatternSpec(), [missing_price_event(1, clock.now)]), CONFIG,
                clock.now)
        dc.add_fault(kind="drop_after", method="POST", path=r"/rest/api/2/issue$", times=1)
        drain.process_due(clock.now)
        drain.process_due(clock.advance(minutes=5))
        [issue] = sandbox_issues(dc)
        assert isinstance(issue["fields"]["description"], str)  # wiki markup, not ADF
        assert "h2. StackLens error analysis" in issue["fields"]["description"]
        assert rows(store.engine, "SELECT issue_key FROM ticket") == [(issue["key"],)]
        searches = [e for e in dc.requests("/rest/api/2/search")]
        assert searches and all("reconcileIssues" not in (e.body or {}) for e in searches)
