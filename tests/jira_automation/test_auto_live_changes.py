"""Changes that happen while automation runs: a ticket closed in Jira since the last sync, a
policy edited in another process, a regression filed as a new linked ticket."""

from __future__ import annotations

from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig, RegressionMode
from stacklens_desktop.jira.sync import sync_statuses
from stacklens_desktop.jira.ticket_service import TicketService
from stacklens_desktop.settings.access import load_policy, save_policy
from stacklens_desktop.store import Store
from tests.jira_automation.helpers import (
    Clock,
    PatternSpec,
    analyse,
    batch_for,
    client_factory,
    events_at,
    jira_client,
    processor,
    rows,
)

CONFIG = AutomationConfig()


def _file_one(store: Store, sandbox, clock: Clock, config: AutomationConfig) -> str:  # noqa: ANN001
    drain = processor(store, sandbox, config)
    analyse(store, batch_for(PatternSpec(), events_at(1, 2, clock.now)), config, clock.now)
    drain.process_due(clock.now)
    return rows(store.engine, "SELECT issue_key FROM ticket")[0][0]


def test_a_ticket_closed_since_the_last_sync_is_reopened_without_the_throttle(
        store: Store, sandbox, clock: Clock) -> None:  # noqa: ANN001
    drain = processor(store, sandbox, CONFIG)
    key = _file_one(store, sandbox, clock, CONFIG)
    jira_client(sandbox).transition_to_category(key, "done")  # nobody synced since
    clock.advance(minutes=3)  # well inside the 15 min comment throttle
    decisions = analyse(store, batch_for(PatternSpec(), events_at(10, 1, clock.now)), CONFIG,
                        clock.now)
    assert decisions[0].decision.action.value == "comment"  # the store still thinks "open"
    report = drain.process_due(clock.now)
    assert [e[0] for e in report.events] == ["reopened"]
    assert jira_client(sandbox).get_issue(key).category in ("new", "indeterminate")


def test_a_throttled_update_of_a_freshly_synced_open_ticket_waits(
        store: Store, sandbox, clock: Clock) -> None:  # noqa: ANN001
    drain = processor(store, sandbox, CONFIG)
    _file_one(store, sandbox, clock, CONFIG)
    clock.advance(minutes=3)
    sync_statuses(store.engine, jira_client(sandbox), CONFIG, clock.now)
    analyse(store, batch_for(PatternSpec(), events_at(10, 1, clock.now)), CONFIG, clock.now)
    before = len(sandbox.requests())
    report = drain.process_due(clock.now)
    assert report.events == []
    assert rows(store.engine, "SELECT state FROM outbox WHERE operation = 'comment'") == \
        [("pending",)]
    assert len(sandbox.requests()) == before  # status fresh: no request at all


def test_a_new_linked_regression_reopens_the_pattern(store: Store, sandbox,
                                                      clock: Clock) -> None:  # noqa: ANN001
    config = AutomationConfig(regression_mode=RegressionMode.NEW_LINKED)
    drain = processor(store, sandbox, config)
    key = _file_one(store, sandbox, clock, config)
    jira_client(sandbox).transition_to_category(key, "done")
    sync_statuses(store.engine, jira_client(sandbox), config, clock.advance(minutes=5))
    assert rows(store.engine, "SELECT status FROM pattern") == [("resolved",)]
    analyse(store, batch_for(PatternSpec(), events_at(5, 1, clock.now)), config, clock.now)
    report = drain.process_due(clock.now)
    assert [e[:3] for e in report.events] == [("filed", 1, "DEMO-2")]
    # not "resolved" while its new ticket is open: the recurrence marked it a regression
    assert rows(store.engine, "SELECT status FROM pattern") == [("regression",)]


def test_a_policy_saved_meanwhile_applies_at_the_next_tick(store: Store, sandbox,
                                                            clock: Clock) -> None:  # noqa: ANN001
    settings = JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                            project_key="DEMO", deployment="cloud")
    service = TicketService(store.engine, client_factory(sandbox),
                            lambda: load_policy(store.engine), settings)
    # the processor gets the policy read from the callable, never the callable itself
    assert isinstance(service.processor.config, AutomationConfig)
    try:
        analyse(store, batch_for(PatternSpec(), events_at(1, 2, clock.now)), CONFIG, clock.now)
        service.tick(clock.now)
        key = rows(store.engine, "SELECT issue_key FROM ticket")[0][0]
        save_policy(store.engine, AutomationConfig(regression_mode=RegressionMode.NEW_LINKED))
        jira_client(sandbox).transition_to_category(key, "done")
        sync_statuses(store.engine, jira_client(sandbox), CONFIG, clock.advance(minutes=5))
        analyse(store, batch_for(PatternSpec(), events_at(5, 1, clock.now)),
                load_policy(store.engine), clock.now)
        report = service.tick(clock.now)
    finally:
        service.close()
    assert [e[:3] for e in report.drain.events] == [("filed", 1, "DEMO-2")]
