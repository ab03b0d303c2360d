"""The window's live updates: a triage change made by another desktop arrives as a Qt
signal of the listening worker within a second."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from stacklens_desktop.store.team import schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.ingest import apply_shipment
from stacklens_desktop.store.team.triage import set_status
from stacklens_desktop.workers.team_updates import TeamUpdates
from tests.qt_wait import wait_worker_signal
from tests.team.conftest import TeamDb
from tests.team.test_team_schema import shipment


def test_other_desktops_triage_reaches_the_window(qtbot: QtBot, team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "desk_a", "pa")
        schema.add_desktop(conn, "desk_b", "pb")
        apply_shipment(conn, shipment("till-1", 0, 100, 2))
        pattern_id = conn.exec_driver_sql("SELECT id FROM pattern").scalar_one()
    updates = TeamUpdates(team_db.url("desk_b"), "pb")
    other = make_team_engine(parse_address(team_db.url("desk_a")), "pa")
    try:
        with wait_worker_signal(qtbot, updates.worker.listening, timeout=10_000):
            updates.start()
        with wait_worker_signal(qtbot, updates.worker.changed, timeout=1_000) as args:
            with other.begin() as conn:
                set_status(conn, pattern_id, "resolved")
        message = args[0]
        assert isinstance(message, dict)
        assert (message["kind"], message["pattern"], message["status"], message["by"]) == (
            "triage", pattern_id, "resolved", "desk_a")
    finally:
        updates.stop()
        other.dispose()


def test_a_refused_login_is_one_line(qtbot: QtBot, team_db: TeamDb) -> None:
    updates = TeamUpdates(team_db.url("nobody"), "wrong")
    try:
        with wait_worker_signal(qtbot, updates.worker.failed, timeout=10_000) as args:
            updates.start()
        assert str(args[0]).startswith("live updates unavailable:")
        assert "\n" not in str(args[0])
    finally:
        updates.stop()
