"""Jira automation on the team store (PostgreSQL + the Jira sandbox, no mocks): one pass
per change, one ticket per pattern across the fleet, spread across hosts escalates."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import ProgrammingError

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.settings.access import save_policy
from stacklens_desktop.store import outbox
from stacklens_desktop.store.executor import write
from stacklens_desktop.store.team import fleet_escalation, schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.ingest import apply_shipment
from stacklens_desktop.team.automation_pass import run_pass
from stacklens_desktop.team.fleet_merge import FleetMerger
from tests.jira_automation.helpers import adf_text, jira_client, sandbox_issues
from tests.team.conftest import TeamDb
from tests.team.teamjira import (
    Recorder,
    desktop_engine,
    price_shipment,
    printer_shipment,
    runner,
)

NOW = datetime(2026, 12, 6, 10, 5, tzinfo=UTC)


def _rows(db: TeamDb, sql: str) -> list[tuple]:
    with db.admin.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def test_two_hosts_one_ticket_then_a_comment(team_db: TeamDb, sandbox: JiraSandbox) -> None:
    # the policy is the team store's (its owner saved it): comments are not throttled
    save_policy(team_db.admin, AutomationConfig(comment_throttle=timedelta(0)))
    with team_db.admin.begin() as conn:
        apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
        apply_shipment(conn, price_shipment("store-2-till-1", 0, 2))
    run = runner(team_db, "desk_a", sandbox)
    try:
        assert run.step() > 0 and run.held
        assert len(sandbox_issues(sandbox)) == 1
        assert _rows(team_db, "SELECT count(*), max(count_at_filing) FROM ticket") == [(1, 5)]
        with team_db.admin.begin() as conn:
            apply_shipment(conn, price_shipment("store-1-till-1", 3, 4))
        run.step()
        issues = sandbox_issues(sandbox)
        assert len(issues) == 1
        comments = [adf_text(c["body"]) for c in issues[0]["comments"]]
        assert len(comments) == 1 and "4" in comments[0], comments
        assert _rows(team_db, "SELECT count(*) FROM ticket") == [(1,)]
    finally:
        run.close()
        run.engine.dispose()


def test_spread_over_three_hosts_escalates(team_db: TeamDb) -> None:
    engine = desktop_engine(team_db, "desk_s")
    try:
        for n, host in enumerate(("store-1-till-1", "store-2-till-1")):
            with team_db.admin.begin() as conn:
                apply_shipment(conn, price_shipment(host, 0, 5 - n))
        first = write(engine, lambda conn: run_pass(conn, AutomationConfig(), NOW))
        assert first.escalated == frozenset()
        with team_db.admin.begin() as conn:
            apply_shipment(conn, price_shipment("store-3-till-1", 0, 1))
        second = write(engine, lambda conn: run_pass(conn, AutomationConfig(), NOW))
        assert len(second.escalated) == 1
        assert _rows(team_db, "SELECT escalation, escalation_reason, escalated_at "
                     "FROM pattern") == [(
            "critical", "spread across the fleet: seen on 3 hosts: store-1-till-1, "
            "store-2-till-1, store-3-till-1", "2026-12-06T10:05:00.000Z")]
    finally:
        engine.dispose()


def test_an_agent_login_cannot_run_the_automation(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        schema.add_agent(conn, "agent_x", "agent-pw", "store-1-till-1")
    agent = make_team_engine(parse_address(team_db.url("agent_x")), "agent-pw")
    try:
        with agent.begin() as conn:
            apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
        for attempt in (
                lambda conn: run_pass(conn, AutomationConfig(), NOW),
                lambda conn: outbox.enqueue(conn, 1, "create", {}, NOW, NOW),
                lambda conn: fleet_escalation.record(conn, 1, "critical", "spread", None)):
            with pytest.raises(ProgrammingError, match="permission denied"):
                write(agent, attempt)
    finally:
        agent.dispose()
    assert _rows(team_db, "SELECT count(*) FROM outbox") == [(0,)]


def test_done_in_jira_then_recurring_reopens_the_same_issue(team_db: TeamDb,
                                                           sandbox: JiraSandbox) -> None:
    """The status sync and the regression path on PostgreSQL: a done ticket resolves its
    pattern; an agent's recurrence makes it a regression; the holder reopens the issue."""
    with team_db.admin.begin() as conn:
        apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
    first = runner(team_db, "desk_r1", sandbox)
    try:
        first.step()
    finally:
        first.close()
        first.engine.dispose()
    key = sandbox_issues(sandbox)[0]["key"]
    jira_client(sandbox).transition_to_category(key, "done")
    second = runner(team_db, "desk_r2", sandbox)  # a new holder syncs at its first tick
    try:
        second.step()
        assert _rows(team_db, "SELECT status FROM pattern") == [("resolved",)]
        assert _rows(team_db, "SELECT status_category, count_at_done FROM ticket") == [
            ("done", 3)]
        with team_db.admin.begin() as conn:
            apply_shipment(conn, price_shipment("store-2-till-1", 0, 2))
        second.step()
    finally:
        second.close()
        second.engine.dispose()
    issue = sandbox_issues(sandbox)
    assert len(issue) == 1 and issue[0]["status"] != "Done"
    assert _rows(team_db, "SELECT count(*), max(status_category) FROM ticket") == [(1, "new")]
    assert _rows(team_db, "SELECT count(*) FROM automationlog WHERE decision = 'reopened'") \
        == [(1,)]


def test_a_refused_token_is_told_once_and_waits_for_the_safety_tick(
        team_db: TeamDb, sandbox: JiraSandbox) -> None:
    with team_db.admin.begin() as conn:
        apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
    events = Recorder()
    run = runner(team_db, "desk_t", sandbox, events, token="not-the-token")
    try:
        waits = [run.step(), run.step()]
    finally:
        run.close()
        run.engine.dispose()
    assert waits == [2.0, 2.0]  # no tight loop while Jira refuses
    assert events.roles == [(True, "")]
    assert len(events.errors) == 1 and "\n" not in events.errors[0], events.errors
    assert sandbox_issues(sandbox) == []
    assert _rows(team_db, "SELECT state FROM outbox") == [("pending",)]


def test_one_fault_named_per_till_is_one_ticket(team_db: TeamDb, sandbox: JiraSandbox) -> None:
    """Each till names its own printer: four patterns from four tills' miners, one fault,
    one Jira issue (the holder's fleet merge folds them before deciding)."""
    with team_db.admin.begin() as conn:
        for n, printer in enumerate(("alpha", "beta", "gamma", "delta")):
            apply_shipment(conn, printer_shipment(f"store-{n}-till-1", 0, printer, 2))
    run = runner(team_db, "desk_m", sandbox)
    try:
        run.step()
        issues = sandbox_issues(sandbox)
        assert len(issues) == 1, [i["fields"]["summary"] for i in issues]
        # the ticket is the fleet pattern's (its headline is one real occurrence)
        assert _rows(team_db, "SELECT p.template FROM ticket t JOIN pattern p "
                     "ON p.id = t.pattern_id") == [
            ("Connection to printer <*> lost while printing receipt for basket",)]
        assert _rows(team_db, "SELECT count(*) FROM pattern_alias") == [(4,)]
        # a fifth till's printer joins the same pattern: a comment at most, no new issue
        with team_db.admin.begin() as conn:
            apply_shipment(conn, printer_shipment("store-9-till-1", 0, "epsilon", 3))
        run.step()
        assert len(sandbox_issues(sandbox)) == 1
    finally:
        run.close()
        run.engine.dispose()


def test_patterns_waiting_for_the_fold_are_not_decided_on(team_db: TeamDb) -> None:
    """A backlog folded over several passes: its members get no decision (no ticket of
    their own) while they wait; their target is decided on."""
    with team_db.admin.begin() as conn:
        for n, printer in enumerate(("alpha", "beta", "gamma", "delta", "epsilon")):
            apply_shipment(conn, printer_shipment(f"store-{n}-till-1", 0, printer, 2))
    engine = desktop_engine(team_db, "desk_b")
    merger = FleetMerger(budget=2)
    try:
        first = write(engine, lambda conn: run_pass(conn, AutomationConfig(), NOW,
                                                    merger=merger))
        assert merger.behind
        assert not set(first.judged) & merger.waiting
        while merger.behind:
            write(engine, lambda conn: run_pass(conn, AutomationConfig(), NOW, merger=merger))
        decided = {r[0] for r in _rows(team_db, "SELECT DISTINCT pattern_id FROM automationlog")}
        folded = {r[0] for r in _rows(team_db, "SELECT pattern_id FROM pattern_alias")}
        assert len(folded) == 5 and not decided & folded  # only the fleet pattern was judged
    finally:
        engine.dispose()


def test_spread_counts_hosts_that_saw_it_at_about_the_same_time(team_db: TeamDb) -> None:
    engine = desktop_engine(team_db, "desk_t")
    try:
        with team_db.admin.begin() as conn:
            for host in ("store-1-till-1", "store-2-till-1", "store-3-till-1"):
                apply_shipment(conn, price_shipment(host, 0, 2))
            conn.exec_driver_sql(  # the third till saw it a week before the others
                "UPDATE pattern_host SET last_seen = '2026-11-29T10:00:00.000Z' "
                "WHERE host = 'store-3-till-1'")
        report = write(engine, lambda conn: run_pass(conn, AutomationConfig(), NOW))
        assert report.escalated == frozenset()
        assert _rows(team_db, "SELECT escalation FROM pattern") == [(None,)]
    finally:
        engine.dispose()


def test_the_holder_keeps_its_role_through_a_server_restart(team_db: TeamDb,
                                                           sandbox: JiraSandbox) -> None:
    """The server restarts under the holder (its session and its lock end): it takes the
    role again on a new session and files what arrived meanwhile, once."""
    events = Recorder()
    run = runner(team_db, "desk_r", sandbox, events)
    try:
        assert run.step() > 0 and run.held
        team_db.cluster.restart()
        with team_db.admin.begin() as conn:  # an agent's shipment once the server is back
            apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
        deadline = time.monotonic() + 20
        while not sandbox_issues(sandbox) and time.monotonic() < deadline:
            run.step()
        assert len(sandbox_issues(sandbox)) == 1 and run.held
        assert _rows(team_db, "SELECT count(*) FROM ticket") == [(1,)]
        assert events.roles == [(True, "")]  # its lock came back with its new session
    finally:
        run.close()
        run.engine.dispose()
