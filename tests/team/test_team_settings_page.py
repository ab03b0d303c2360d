"""The settings dialog's Team page on a real team store: an address holding a password is
refused with a sentence, Test connection says what answered (or why not), Save does what
``stacklens team connect`` does (keyring + team.json) and the next start opens the team
store, Disconnect goes back to single-user mode."""

from __future__ import annotations

from pathlib import Path

import keyring
from pytestqt.qtbot import QtBot

from stacklens_desktop.store.team import schema
from stacklens_desktop.team import settings
from stacklens_desktop.team.credentials import SERVICE_NAME
from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.settings_pages.team_page import TeamPage
from tests.team.conftest import TeamDb


def _window(qtbot: QtBot, profile: Path) -> MainWindow:
    win = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(win)
    win.show()
    return win


def _team_page(qtbot: QtBot, win: MainWindow) -> TeamPage:
    qtbot.waitUntil(lambda: win.session.settings_read, timeout=10_000)
    dialog = win.open_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    dialog.show_page("Team")
    return dialog.team


def _act(qtbot: QtBot, page: TeamPage, button) -> str:  # noqa: ANN001 - a QPushButton
    with qtbot.waitSignal(page.tester.finished, timeout=15_000):
        button.click()
    return page.result.text()


def test_team_page_tests_saves_and_disconnects(qtbot: QtBot, team_db: TeamDb,
                                               tmp_path: Path) -> None:
    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "ann", "ann-pw")
    profile = tmp_path / "profile"
    profile.mkdir()
    win = _window(qtbot, profile)
    try:
        page = _team_page(qtbot, win)
        assert page.state.text().startswith("Single-user mode")
        assert not page.disconnect_button.isEnabled()
        address = team_db.url("ann")
        # a password inside the address: refused before anything is tried
        page.address.setText(address.replace("ann@", "ann:ann-pw@"))
        page.test_button.click()
        assert not page.tester.busy
        assert page.result.text().startswith("Leave the password out of the address")
        page.address.setText(address)
        page.password.setText("wrong")
        assert "refused the password of ann" in _act(qtbot, page, page.test_button)
        page.password.setText("ann-pw")
        answer = _act(qtbot, page, page.test_button)
        assert "signed in as ann (desktop login)" in answer, answer
        assert settings.saved_address(profile) is None  # a test saves nothing
        answer = _act(qtbot, page, page.save_button)
        assert answer.startswith("Saved.") and "Restart StackLens" in answer, answer
        assert settings.saved_address(profile) == address
        account = f"ann@127.0.0.1:{team_db.cluster.port}/{team_db.name}"
        assert keyring.get_password(SERVICE_NAME, account) == "ann-pw"
        assert page.state.text().startswith("Team mode") and page.password.text() == ""
        assert "ann-pw" not in (profile / settings.FILE_NAME).read_text(encoding="utf-8")
    finally:
        win.shutdown()

    # the next start opens the team store
    again = _window(qtbot, profile)
    try:
        qtbot.waitUntil(lambda: "live updates on" in again.team_banner.text(),
                        timeout=20_000)
        page = _team_page(qtbot, again)
        assert page.disconnect_button.isEnabled()
        answer = _act(qtbot, page, page.disconnect_button)
        assert answer.startswith("Disconnected"), answer
        assert settings.saved_address(profile) is None
        assert keyring.get_password(SERVICE_NAME, account) is None
        assert page.state.text().startswith("Single-user mode")
    finally:
        again.shutdown()
