"""The window's team automation worker: two desktops' workers on one team store, one holds
the role and files, the other says who holds it and takes over when the first stops."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store.team.ingest import apply_shipment
from stacklens_desktop.team.automation_runner import RunnerEvents, TeamAutomationRunner
from stacklens_desktop.workers.team_automation import RunnerFactory, TeamAutomation
from tests.jira_automation.helpers import sandbox_issues
from tests.qt_wait import wait_worker_signal
from tests.team.conftest import TeamDb
from tests.team.teamjira import desktop_engine, jira_service, price_shipment


def factory(db: TeamDb, role: str, sandbox: JiraSandbox,
            engines: list[Engine]) -> RunnerFactory:
    engine = desktop_engine(db, role)
    engines.append(engine)

    def make(events: RunnerEvents) -> TeamAutomationRunner:
        return TeamAutomationRunner(engine, db.url(role), "desk-secret", jira_service(sandbox),
                                    events, safety_tick_s=2.0)

    return make


def test_one_desktop_files_the_other_takes_over(qtbot: QtBot, team_db: TeamDb,
                                               sandbox: JiraSandbox) -> None:
    engines: list[Engine] = []
    first = TeamAutomation(factory(team_db, "desk_w1", sandbox, engines))
    second = TeamAutomation(factory(team_db, "desk_w2", sandbox, engines))
    try:
        with wait_worker_signal(qtbot, first.worker.role_changed, timeout=10_000) as held:
            first.start()
        assert held == [True, ""]
        with wait_worker_signal(qtbot, second.worker.role_changed, timeout=10_000) as waiting:
            second.start()
        assert waiting[0] is False and str(waiting[1]).startswith("desk_w1 (")
        with wait_worker_signal(qtbot, first.worker.ticket_changed, timeout=10_000) as filed:
            with team_db.admin.begin() as conn:  # an agent's shipment (NOTIFY wakes it)
                apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
        assert filed[1:] == ["DEMO-1", "filed"]
        roles: list[tuple[bool, str]] = []
        second.worker.role_changed.connect(lambda held, holder: roles.append((held, holder)))
        assert first.stop()
        # the second may first see nobody holding it (between the release and its own try)
        qtbot.waitUntil(lambda: (True, "") in roles, timeout=10_000)
    finally:
        first.stop()
        second.stop()
        for engine in engines:
            engine.dispose()
    assert len(sandbox_issues(sandbox)) == 1
