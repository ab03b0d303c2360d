"""The window on the team store (issue 19): a real PostgreSQL cluster, real windows offscreen,
the in-memory keyring. Fleet patterns with their hosts, live updates through LISTEN/NOTIFY,
shared triage seen by a second desktop within a second, the sources grouped by host, and a
clear sentence (not SQLite's rows) when the team store cannot be used."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.settings.access import load_policy, save_policy, save_scrub
from stacklens_desktop.settings.edit import SettingsEdit
from stacklens_desktop.store import open_store
from stacklens_desktop.store.team import schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.ingest import apply_shipment, report_agent_state
from stacklens_desktop.team import settings
from stacklens_desktop.team.credentials import set_password
from stacklens_desktop.team.fleet_merge import FleetMerger
from stacklens_desktop.ui import event_model as em
from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.rows import PatternRow
from stacklens_desktop.ui.session import Session
from stacklens_desktop.ui.tray_rules import NEW_CRITICAL, Notification, NotifyRules
from tests.jira_automation.helpers import jira_client, sandbox_issues
from tests.qt_wait import wait_worker_signal
from tests.team.conftest import TeamDb
from tests.team.teamjira import PRICE_FP, price_shipment, printer_shipment
from tests.team.test_team_schema import shipment

#: Shared triage reaches the other desktop within this (issue 19's test).
TRIAGE_DEADLINE_MS = 1_000


def connect_profile(profile: Path, address: str, password: str) -> Path:
    """What ``stacklens team connect`` leaves behind: team.json and the keyring entry."""
    profile.mkdir(parents=True, exist_ok=True)
    settings.save_address(profile, address)
    set_password(parse_address(address), password)
    return profile


def seed_fleet(conn: Connection) -> None:
    """Two tills share pattern fp1 (3 + 2), till-2 alone saw fp2; desktops ann and bob."""
    schema.add_desktop(conn, "ann", "ann-pw")
    schema.add_desktop(conn, "bob", "bob-pw")
    schema.add_agent(conn, "agent_till_1", "a1", "till-1")
    schema.add_agent(conn, "agent_till_2", "a2", "till-2")
    apply_shipment(conn, shipment("till-1", 0, 100, 3))
    apply_shipment(conn, shipment("till-2", 0, 100, 2))
    apply_shipment(conn, shipment("till-2", 100, 200, 4, fingerprint="fp2"))


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    """Started windows on a profile (``session``: one made by the test, e.g. with a Jira
    site), shut down at the end."""
    opened: list[MainWindow] = []

    def open_window(profile: Path, session: Session | None = None) -> MainWindow:
        if session is None:
            win = build_window(profile, poll_interval=0.2)
        else:
            win = MainWindow(session)
        qtbot.addWidget(win)
        win.show()
        if session is not None:
            win.start()
        opened.append(win)
        return win

    yield open_window
    for win in opened:
        win.shutdown()


def listening(qtbot: QtBot, win: MainWindow) -> Callable[[], None]:
    """Call at once after opening ``win``; the returned wait ends when the window listens and
    has re-read its rows for what came before (later changes arrive only by announcement)."""
    refreshed: list[object] = []
    win.session.store.worker.patterns_refreshed.connect(refreshed.append)

    def wait() -> None:
        qtbot.waitUntil(lambda: "live updates on" in win.team_banner.text(), timeout=15_000)
        qtbot.waitUntil(lambda: bool(refreshed), timeout=10_000)
        refreshed.clear()

    return wait


def rows(win: MainWindow) -> list[PatternRow]:
    model = win.patterns.model
    return [model.row_at(r) for r in range(model.rowCount())]


def row_of(win: MainWindow, fingerprint: str) -> PatternRow | None:
    return next((r for r in rows(win) if r.fingerprint == fingerprint), None)


def test_window_shows_the_fleets_patterns_with_hosts(qtbot: QtBot, team_db: TeamDb,
                                                     tmp_path: Path, windows) -> None:
    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    profile = connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw")
    win = windows(profile)
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=20_000)
    shared, alone = row_of(win, "fp1"), row_of(win, "fp2")
    assert shared is not None and alone is not None
    # the fleet-wide count is the sum of the per-host counts, not the pattern row's column
    assert (shared.count, shared.hosts, shared.host_text) == (5, ("till-1", "till-2"),
                                                             "2 hosts")
    assert (alone.count, alone.host_text) == (4, "till-2")
    assert win.team_mode and not win.patterns.view.isColumnHidden(pm.COL_HOST)
    model = win.patterns.model
    assert model.data(model.index(model.row_of(shared.id), pm.COL_HOST)) == "2 hosts"
    # the host filter: only what till-1 saw
    qtbot.waitUntil(lambda: win.patterns.host_filter.count() == 3, timeout=10_000)
    assert win.patterns.choose(win.patterns.host_filter, "till-1")
    assert [r.fingerprint for r in win.patterns.visible_rows()] == ["fp1"]
    # sources grouped by host, each with its agent's state and last contact
    tree = win.sources.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10_000)
    till_1 = tree.topLevelItem(0)
    assert till_1 is not None
    assert (till_1.text(0), till_1.text(1), till_1.childCount()) == ("till-1", "shipping", 1)
    assert till_1.text(3).count(":") == 2  # the last contact: a time of day (UTC) today
    assert till_1.child(0).text(0) == "pos.log"
    # the local monitor and the SQLite Jira automation do not run on the team store
    assert win.session.jira is None and not win.session.monitor._watch_thread.isRunning()
    assert not win.commands.actions["add_file"].isEnabled()
    assert win.patterns.select_pattern(shared.id)
    assert win.patterns.triage.actions["correct"].isEnabled()  # shared on the team store
    assert win.patterns.triage.actions["acknowledge"].isEnabled()
    assert not win.team_banner.problem and "ann" in win.team_banner.text()


def test_triage_by_one_desktop_shows_in_the_other_within_a_second(
        qtbot: QtBot, team_db: TeamDb, tmp_path: Path, windows) -> None:
    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    ann = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    ann_listens = listening(qtbot, ann)
    bob = windows(connect_profile(tmp_path / "bob", team_db.url("bob"), "bob-pw"))
    bob_listens = listening(qtbot, bob)
    for win, wait in ((ann, ann_listens), (bob, bob_listens)):
        qtbot.waitUntil(lambda w=win: len(rows(w)) == 2, timeout=20_000)
        wait()
    target = row_of(ann, "fp1")
    assert target is not None
    assert bob.patterns.select_pattern(target.id)
    qtbot.waitUntil(lambda: bob.patterns.detail.detail is not None, timeout=10_000)

    started = time.monotonic()
    ann.triage(target.id, "acknowledge")

    def acknowledged_in_bob() -> bool:
        row = row_of(bob, "fp1")
        return row is not None and row.status == "acknowledged"

    qtbot.waitUntil(acknowledged_in_bob, timeout=TRIAGE_DEADLINE_MS)
    took = time.monotonic() - started
    print(f"shared triage reached the other window in {took * 1000:.0f} ms")
    # bob's detail pane says who did it and when
    qtbot.waitUntil(lambda: "by <b>ann</b>" in bob.patterns.detail.team_info.text(),
                    timeout=TRIAGE_DEADLINE_MS)
    assert "Acknowledged by <b>ann</b> at 20" in bob.patterns.detail.team_info.text()
    assert "till-1 (3)" in bob.patterns.detail.team_info.text()

    # and back: bob resolves, ann's row follows
    bob.triage(target.id, "resolve")
    qtbot.waitUntil(lambda: getattr(row_of(ann, "fp1"), "status", "") == "resolved",
                    timeout=TRIAGE_DEADLINE_MS)


def test_an_agents_shipment_appears_live(qtbot: QtBot, team_db: TeamDb, tmp_path: Path,
                                         windows) -> None:
    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    win_listens = listening(qtbot, win)
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=20_000)
    win_listens()
    with team_db.admin.begin() as conn:  # a known pattern's count moves: no new row
        apply_shipment(conn, shipment("till-1", 100, 200, 1))
    qtbot.waitUntil(lambda: getattr(row_of(win, "fp1"), "count", 0) == 6,
                    timeout=TRIAGE_DEADLINE_MS)
    with team_db.admin.begin() as conn:
        apply_shipment(conn, shipment("till-1", 200, 300, 6, fingerprint="fp3"))
    qtbot.waitUntil(lambda: row_of(win, "fp3") is not None, timeout=TRIAGE_DEADLINE_MS)
    assert getattr(row_of(win, "fp3"), "host_text", "") == "till-1"


def test_an_agents_state_without_a_shipment_shows_live(qtbot: QtBot, team_db: TeamDb,
                                                        tmp_path: Path, windows) -> None:
    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    win_listens = listening(qtbot, win)
    tree = win.sources.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=20_000)
    win_listens()
    with team_db.admin.begin() as conn:  # its spool filled up: no shipment says so
        report_agent_state(conn, "till-2", "spool_full", "the spool is full", 12)
    qtbot.waitUntil(lambda: tree.topLevelItem(1).text(1) == "spool full",
                    timeout=TRIAGE_DEADLINE_MS)


def seed_sqlite_pattern(profile: Path) -> None:
    """A pattern in the profile's own SQLite store (must never show in team mode)."""
    store = open_store(profile)
    try:
        store.write(lambda conn: conn.exec_driver_sql(
            "INSERT INTO pattern (fingerprint, template, error_type, severity, confidence, "
            "count, status, resolution_steps, parameters_sample) VALUES "
            "('local', 'only in SQLite', 'other', 'low', 0.5, 1, 'new', '[]', '[]')"))
    finally:
        store.close()


@pytest.mark.parametrize("case", ["unreachable", "wrong password"])
def test_unusable_team_store_is_said_not_replaced(qtbot: QtBot, team_db: TeamDb,
                                                  tmp_path: Path, windows, case: str) -> None:
    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "ann", "ann-pw")
    profile = tmp_path / "ann"
    profile.mkdir()
    seed_sqlite_pattern(profile)
    if case == "unreachable":
        address = f"postgresql://ann@127.0.0.1:{_closed_port()}/{team_db.name}"
        connect_profile(profile, address, "ann-pw")
        expected = "cannot be reached"
    else:
        connect_profile(profile, team_db.url("ann"), "not-the-password")
        expected = "refused the password of ann"
    win = windows(profile)
    qtbot.waitUntil(lambda: win.team_banner.problem, timeout=20_000)
    text = win.team_banner.text()
    assert expected in text and "Traceback" not in text
    # a request made now is answered after every one the window made at start (one queue)
    with wait_worker_signal(qtbot, win.session.store.worker.sources_loaded, 10_000):
        win.session.store.load_sources()
    assert rows(win) == [] and win.team_mode
    assert win.session.jira is None and not win.session.monitor._watch_thread.isRunning()


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_live_updates_listen_again_after_a_server_restart(
        qtbot: QtBot, team_db: TeamDb, tmp_path: Path, windows) -> None:
    from stacklens_desktop.store.team.engine import make_team_engine
    from stacklens_desktop.store.team.triage import set_status

    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    win_listens = listening(qtbot, win)
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=20_000)
    win_listens()
    team_db.cluster.restart()
    qtbot.waitUntil(lambda: "live updates stopped" in win.team_banner.text(), timeout=10_000)
    win_listens()
    target = row_of(win, "fp2")
    assert target is not None
    bob = make_team_engine(parse_address(team_db.url("bob")), "bob-pw")
    try:
        with bob.begin() as conn:
            set_status(conn, target.id, "resolved")
    finally:
        bob.dispose()
    qtbot.waitUntil(lambda: getattr(row_of(win, "fp2"), "status", "") == "resolved",
                    timeout=TRIAGE_DEADLINE_MS)


def test_the_fleet_merge_folds_rows_in_an_open_window(qtbot: QtBot, team_db: TeamDb,
                                                      tmp_path: Path, windows) -> None:
    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "ann", "ann-pw")
        for host, start, printer, n in (("till-1", 0, "alpha", 3), ("till-1", 30, "beta", 1),
                                        ("till-2", 0, "gamma", 2), ("till-2", 20, "delta", 4)):
            apply_shipment(conn, printer_shipment(host, start, printer, n))
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    wait = listening(qtbot, win)
    qtbot.waitUntil(lambda: len(rows(win)) == 4, timeout=20_000)
    wait()
    engine = make_team_engine(parse_address(team_db.url("ann")), "ann-pw")
    try:
        with engine.begin() as conn:
            FleetMerger().run(conn)
    finally:
        engine.dispose()
    qtbot.waitUntil(lambda: len(rows(win)) == 1, timeout=TRIAGE_DEADLINE_MS * 5)
    [merged] = rows(win)
    assert merged.template == "Connection to printer <*> lost while printing receipt for basket"
    assert (merged.count, merged.hosts) == (10, ("till-1", "till-2"))
    # the status bar counts what the list shows, not the folded rows
    qtbot.waitUntil(lambda: win.counters.patterns.text() == "patterns: 1", timeout=5_000)


@pytest.fixture
def jira_desktops(team_db: TeamDb, tmp_path: Path, sandbox: JiraSandbox,
                  windows) -> Callable[[str], MainWindow]:  # noqa: ANN001
    """Windows of desktop logins (password "<name>-pw") whose profiles share the sandbox's
    Jira site; the fleet holds one missing-price pattern from two tills (3 + 2)."""
    with team_db.admin.begin() as conn:
        for name in ("ann", "bob"):
            schema.add_desktop(conn, name, f"{name}-pw")
        apply_shipment(conn, price_shipment("till-1", 0, 3))
        apply_shipment(conn, price_shipment("till-2", 0, 2))
    settings = JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                            project_key="DEMO", deployment="cloud")
    tokens = TokenStore()
    tokens.set(sandbox.url, sandbox.user.email, sandbox.user.token)

    def open_window(name: str) -> MainWindow:
        profile = connect_profile(tmp_path / name, team_db.url(name), f"{name}-pw")
        return windows(profile, Session(profile, settings, tokens, poll_interval=0.2))

    return open_window


def jira_text(win: MainWindow) -> str:
    return win.counters.jira.text()


def test_one_window_holds_the_team_automation_and_files_once(
        qtbot: QtBot, sandbox: JiraSandbox, jira_desktops) -> None:
    """Two desktops with the same Jira site: one holds the team's automation role and files
    the fleet's ticket (its row shows the key), the other says who holds it; when the holder
    closes, the other takes over."""
    ann = jira_desktops("ann")
    qtbot.waitUntil(lambda: "team automation held here" in jira_text(ann), timeout=15_000)
    qtbot.waitUntil(lambda: bool(getattr(row_of(ann, PRICE_FP), "ticket_key", None)),
                    timeout=15_000)
    bob = jira_desktops("bob")
    qtbot.waitUntil(lambda: "team automation held by ann" in jira_text(bob), timeout=15_000)
    ann.shutdown()  # the role is released: bob takes over
    qtbot.waitUntil(lambda: "team automation held here" in jira_text(bob), timeout=15_000)
    assert bob.session.jira is None  # never the SQLite automation on the team store
    assert len(sandbox_issues(sandbox)) == 1  # filed once across both desktops


def bob_beside_ann_holding(qtbot: QtBot, team_db: TeamDb,
                           jira_desktops) -> tuple[MainWindow, PatternRow]:  # noqa: ANN001
    """ann's desktop holds the automation role under a policy that never files on its own;
    bob's window, and its row of the missing-price pattern."""
    save_policy(team_db.admin, AutomationConfig(min_occurrences=1000))
    ann = jira_desktops("ann")
    qtbot.waitUntil(lambda: "team automation held here" in jira_text(ann), timeout=15_000)
    bob = jira_desktops("bob")
    qtbot.waitUntil(lambda: "team automation held by ann" in jira_text(bob), timeout=15_000)
    qtbot.waitUntil(lambda: row_of(bob, PRICE_FP) is not None, timeout=15_000)
    row = row_of(bob, PRICE_FP)
    assert row is not None
    return bob, row


def test_ticket_now_on_any_desktop_is_filed_by_the_holder(
        qtbot: QtBot, team_db: TeamDb, sandbox: JiraSandbox, jira_desktops) -> None:
    bob, row = bob_beside_ann_holding(qtbot, team_db, jira_desktops)
    assert sandbox_issues(sandbox) == []
    assert bob.patterns.select_pattern(row.id)
    ticket = bob.patterns.triage.actions["ticket"]
    qtbot.waitUntil(ticket.isEnabled, timeout=5_000)
    ticket.trigger()  # bob asks; ann's desktop holds the role and files it
    qtbot.waitUntil(lambda: bool(getattr(row_of(bob, PRICE_FP), "ticket_key", None)),
                    timeout=10_000)
    assert len(sandbox_issues(sandbox)) == 1


def test_the_policy_a_desktop_edits_is_the_teams(
        qtbot: QtBot, team_db: TeamDb, jira_desktops) -> None:
    """In team mode the settings dialog and the Automation switch edit the team store's
    policy (the one the role's holder applies), not the profile's own."""
    save_policy(team_db.admin, AutomationConfig(min_occurrences=7))
    ann = jira_desktops("ann")
    qtbot.waitUntil(lambda: ann.session.settings_read
                    and ann.session.app_settings.policy.min_occurrences == 7, timeout=15_000)
    switch = ann.commands.actions["automation"]
    qtbot.waitUntil(lambda: switch.isEnabled() and switch.isChecked(), timeout=15_000)
    switch.trigger()  # off: for the whole team
    qtbot.waitUntil(lambda: not load_policy(team_db.admin).enabled, timeout=5_000)
    edit = SettingsEdit(policy=AutomationConfig(min_occurrences=2), scrub=ScrubRules())
    with wait_worker_signal(qtbot, ann.session.store.worker.settings_saved,
                            timeout=5_000) as saved:
        ann.session.store.save_settings(edit)
    assert saved[0].policy.min_occurrences == 2
    assert load_policy(team_db.admin).min_occurrences == 2
    profile = open_store(ann.session.data_dir)
    try:  # the profile's own policy is left as it was
        assert load_policy(profile.engine).min_occurrences == 1
    finally:
        profile.close()


def test_a_desktop_login_writes_the_team_policy_only(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "ann", "ann-pw")
        schema.add_agent(conn, "agent_till_1", "a1", "till-1")
    desk = make_team_engine(parse_address(team_db.url("ann")), "ann-pw")
    agent = make_team_engine(parse_address(team_db.url("agent_till_1")), "a1")
    try:
        save_policy(desk, AutomationConfig(min_occurrences=4))
        assert load_policy(agent).min_occurrences == 4  # agents read the settings
        with pytest.raises(Exception, match="row-level security"):
            save_scrub(desk, ScrubRules(extra_keys=("loyalty_id",)))
        with pytest.raises(Exception, match="permission denied"):
            save_policy(agent, AutomationConfig(min_occurrences=9))
        assert load_policy(team_db.admin).min_occurrences == 4
    finally:
        desk.dispose()
        agent.dispose()


def test_a_new_critical_fleet_pattern_notifies(qtbot: QtBot, team_db: TeamDb, tmp_path: Path,
                                               windows) -> None:
    """An agent's shipment that brings a critical pattern new to the fleet notifies, as a
    local one does; a known pattern's new occurrences do not notify again."""
    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    win.tray.rules = NotifyRules(min_gap=timedelta(0))
    seen: list[Notification] = []
    win.tray.notification_requested.connect(seen.append)
    win_listens = listening(qtbot, win)
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=20_000)
    win_listens()
    with team_db.admin.begin() as conn:
        apply_shipment(conn, price_shipment("till-1", 100, 2, severity="critical",
                                            fingerprint="crit-1"))
    qtbot.waitUntil(lambda: bool(seen) and row_of(win, "crit-1") is not None, timeout=5_000)
    critical = row_of(win, "crit-1")
    assert critical is not None
    assert [(n.kind, n.pattern_id) for n in seen] == [(NEW_CRITICAL, critical.id)]
    with team_db.admin.begin() as conn:  # again: not new any more
        apply_shipment(conn, price_shipment("till-2", 200, 1, severity="critical",
                                            fingerprint="crit-1"))
    qtbot.waitUntil(lambda: getattr(row_of(win, "crit-1"), "count", 0) == 3, timeout=5_000)
    assert len(seen) == 1


def test_the_event_view_shows_and_filters_each_events_host(qtbot: QtBot, team_db: TeamDb,
                                                          tmp_path: Path, windows) -> None:
    with team_db.admin.begin() as conn:
        seed_fleet(conn)  # till-1: 3 events; till-2: 2 + 4
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    tab = win.patterns
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=20_000)
    tab.show_events(True)
    qtbot.waitUntil(lambda: tab.events_model.rowCount() == 9, timeout=10_000)
    assert not tab.events_view.isColumnHidden(em.COL_HOST)
    hosts = sorted(tab.events_model.row_at(r).host or "" for r in range(9))
    assert hosts == ["till-1"] * 3 + ["till-2"] * 6
    qtbot.waitUntil(lambda: tab.host_filter.count() == 3, timeout=10_000)
    assert tab.choose(tab.host_filter, "till-1")
    proxy = tab.event_proxy
    assert proxy.rowCount() == 3
    assert {proxy.data(proxy.index(r, em.COL_HOST)) for r in range(3)} == {"till-1"}


def test_statistics_count_the_fleets_occurrences(qtbot: QtBot, team_db: TeamDb,
                                                 tmp_path: Path, windows) -> None:
    """Without an automation holder the pattern rows' own count is never rolled up: the
    Statistics tab sums the per-host counts, as the list does."""
    with team_db.admin.begin() as conn:
        seed_fleet(conn)  # fp1: 3 on till-1 + 2 on till-2 (its row says 3); fp2: 4
    win = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=20_000)
    with wait_worker_signal(qtbot, win.session.store.worker.breakdown_loaded,
                            timeout=10_000) as loaded:
        win.session.store.load_breakdown()
    assert [occurrences for _id, _sev, _tpl, occurrences, _st in loaded[0].top] == [5, 4]
    assert sum(loaded[0].occurrences.values()) == 9


def test_a_correction_is_shared_with_the_other_desktop(qtbot: QtBot, team_db: TeamDb,
                                                      tmp_path: Path, windows) -> None:
    with team_db.admin.begin() as conn:
        seed_fleet(conn)
    ann = windows(connect_profile(tmp_path / "ann", team_db.url("ann"), "ann-pw"))
    bob = windows(connect_profile(tmp_path / "bob", team_db.url("bob"), "bob-pw"))
    bob_listens = listening(qtbot, bob)
    for win in (ann, bob):
        qtbot.waitUntil(lambda w=win: len(rows(w)) == 2, timeout=20_000)
    bob_listens()
    target = row_of(ann, "fp2")
    assert target is not None and target.severity == "high"
    with wait_worker_signal(qtbot, ann.session.store.worker.corrected, timeout=10_000):
        ann.session.store.correct(target.id, "fp2", "critical", "database")
    qtbot.waitUntil(lambda: getattr(row_of(bob, "fp2"), "severity", "") == "critical",
                    timeout=TRIAGE_DEADLINE_MS)
    assert getattr(row_of(bob, "fp2"), "error_type", "") == "database"
    with team_db.admin.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT fingerprint, severity, error_type FROM feedback").all()
    assert [tuple(r) for r in stored] == [("fp2", "critical", "database")]


def test_retry_on_any_desktop_is_sent_by_the_holder(
        qtbot: QtBot, team_db: TeamDb, sandbox: JiraSandbox, jira_desktops) -> None:
    bob, row = bob_beside_ann_holding(qtbot, team_db, jira_desktops)
    with team_db.admin.begin() as conn:  # a create that gave up (Jira was down)
        conn.exec_driver_sql(
            "INSERT INTO outbox (pattern_id, operation, payload, state, attempts, "
            "last_error) VALUES (%s, 'create', '{}', 'failed', 8, 'Jira did not answer')",
            (row.id,))
    with wait_worker_signal(qtbot, bob.session.store.worker.team_retried,
                            timeout=10_000) as retried:
        bob.jira.retry_requested.emit([])  # the panel's Retry
    assert retried == [1]
    qtbot.waitUntil(lambda: bool(getattr(row_of(bob, PRICE_FP), "ticket_key", None)),
                    timeout=10_000)
    assert len(sandbox_issues(sandbox)) == 1


def test_sync_now_on_any_desktop_is_run_by_the_holder(
        qtbot: QtBot, team_db: TeamDb, sandbox: JiraSandbox, jira_desktops) -> None:
    """bob's "Sync now" reaches ann's desktop, which holds the role: it reads the statuses
    from Jira at once (not at its five-minute sync) and bob's panel says what came of it."""
    ann = jira_desktops("ann")
    qtbot.waitUntil(lambda: "team automation held here" in jira_text(ann), timeout=15_000)
    bob = jira_desktops("bob")
    qtbot.waitUntil(lambda: "team automation held by ann" in jira_text(bob), timeout=15_000)
    qtbot.waitUntil(lambda: bool(getattr(row_of(bob, PRICE_FP), "ticket_key", None)),
                    timeout=15_000)
    row = row_of(bob, PRICE_FP)
    assert row is not None and row.ticket_key
    jira_client(sandbox).transition_to_category(row.ticket_key, "done")
    bob.jira.sync.click()
    qtbot.waitUntil(lambda: bob.jira.sync.text() == "Sync now", timeout=10_000)
    assert "1 changed" in bob.jira._sync_message
    qtbot.waitUntil(lambda: getattr(row_of(bob, PRICE_FP), "status", "") == "resolved",
                    timeout=5_000)  # done in Jira: resolved here, for the whole team
