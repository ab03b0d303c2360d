"""The settings dialog on a running window, against the Jira sandbox over HTTP: the token goes
to the (in-memory) keyring and never to disk, Test connection names the exact reason, saving
a valid connection starts Jira automation in the running session, policy edits reach the
analysis hook at the next batch, and wrong values are refused with sentences."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from stacklens_desktop.credentials import SERVICE_NAME, TokenSource, account_name
from stacklens_desktop.jira.config import ENV_OVERRIDES
from stacklens_desktop.jira_sandbox import JiraSandbox, SandboxUser
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.settings_dialog import SettingsDialog
from tests.jira_settings.conftest import memory_keyring  # noqa: F401 - autouse: undone
from tests.ui.conftest import append, err

TOKEN = "jira-D1alog-5e3c9a7b1f2d4"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (*ENV_OVERRIDES, "JIRA_API_TOKEN"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[JiraSandbox]:
    with JiraSandbox(state_file=tmp_path / "jira-state.json",
                     user=SandboxUser(token=TOKEN)) as running:
        yield running


def _open(qtbot, window: MainWindow) -> SettingsDialog:
    qtbot.waitUntil(lambda: window.session.settings_read, timeout=10_000)
    dialog = window.open_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def _fill(dialog: SettingsDialog, url: str, user: str, token: str, project: str = "POS",
          issue_type: str = "Bug") -> None:
    page = dialog.jira
    page.url.setText(url)
    page.user.setText(user)
    page.token.edit.setText(token)
    page.project.setEditText(project)
    page.issue_type.setEditText(issue_type)


def _test(qtbot, dialog: SettingsDialog) -> str:
    dialog.jira.test.click()
    qtbot.waitUntil(lambda: dialog.jira.result.text()[:1] in ("✔", "✖"), timeout=20_000)
    return dialog.jira.result.text()


def _profile_bytes(profile: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in profile.rglob("*") if p.is_file()]


def test_saving_a_connection_keeps_the_token_in_the_keyring_and_starts_jira(
        qtbot, window: MainWindow, profile: Path, sandbox: JiraSandbox, tmp_path: Path) -> None:
    assert window.session.jira is None  # nothing configured at start
    dialog = _open(qtbot, window)
    assert "starts as soon as a valid connection is saved" in dialog.jira_note.text()
    _fill(dialog, sandbox.url, sandbox.user.email, TOKEN)
    result = _test(qtbot, dialog)
    assert result == "✔ Connected as StackLens Demo (Jira Cloud); POS accepts Bug issues."
    assert dialog.jira.detected.text() == "detected: Cloud"
    assert dialog.jira.project.findData("DEMO") >= 0  # the site's projects are offered
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.message.text() == "Saved.", timeout=10_000)
    assert keyring.get_password(SERVICE_NAME, account_name(sandbox.url, sandbox.user.email)) \
        == TOKEN
    assert dialog.jira.token.status.text() == "A token is stored in the system keyring."
    assert dialog.jira.token.edit.text() == ""
    qtbot.waitUntil(lambda: window.session.jira is not None, timeout=10_000)
    assert "running" in dialog.jira_note.text()
    # the running session files a ticket with it: no restart needed
    log = tmp_path / "pos.log"
    log.write_text("".join(err(n) for n in range(3)))
    window.add_source(str(log), from_start=True)
    qtbot.waitUntil(lambda: bool(window.jira.ticket_keys()), timeout=30_000)
    assert window.jira.ticket_keys()[0].startswith("POS-")
    dialog.close()
    window.shutdown()
    for path, data in _profile_bytes(profile):
        assert TOKEN.encode() not in data, path


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(("case", "expected"), [
    ("401", "✖ 401 Unauthorized: Jira did not accept the user and token"),
    ("project", "✖ Project NOPE was not found"),
    ("closed", "✖ Network error: GET /rest/api/2/serverInfo: no answer from 127.0.0.1:"),
    ("http", "✖ Jira URL http://jira.example.com uses plain http:// to jira.example.com"),
])
def test_connection_failures_name_the_reason(qtbot, window: MainWindow, sandbox: JiraSandbox,
                                             case: str, expected: str) -> None:
    dialog = _open(qtbot, window)
    url, token, project = sandbox.url, TOKEN, "POS"
    if case == "401":
        token = "jira-Wr0ng-0000"
    elif case == "project":
        project = "NOPE"
    elif case == "closed":
        url = f"http://127.0.0.1:{_closed_port()}"
    elif case == "http":
        url = "http://jira.example.com"
    _fill(dialog, url, sandbox.user.email, token, project)
    assert _test(qtbot, dialog).startswith(expected)
    dialog.close()


def test_wrong_values_are_refused_with_sentences_and_nothing_is_saved(
        qtbot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    _fill(dialog, "jira.example.com", "ops@example.com", "", project="9POS")
    dialog.jira.labels.setText("pos, two words")
    dialog.scrub.patterns.setPlainText("LOY-\\d{6}\n(")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    text = dialog.message.text()
    assert text.startswith("Not saved: ")
    assert "Jira URL must start with https:// and name a host: jira.example.com" in text
    assert "Jira project key must be letters, digits or _ and start with a letter" in text
    assert "Jira labels cannot be empty or contain spaces: 'two words'." in text
    assert "Pattern '(' is not usable" in text
    assert window.session.app_settings.scrub.extra_patterns == ()
    dialog.close()


def test_policy_edits_reach_the_running_analysis_at_the_next_batch(
        qtbot, window: MainWindow, profile: Path, sandbox: JiraSandbox, tmp_path: Path) -> None:
    dialog = _open(qtbot, window)
    _fill(dialog, sandbox.url, sandbox.user.email, TOKEN)
    dialog.policy.min_occurrences.setValue(3)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.session.jira is not None, timeout=10_000)
    log = tmp_path / "pos.log"
    log.write_text(err(0))
    window.add_source(str(log), from_start=True)

    def codes() -> list[str]:
        conn = sqlite3.connect(profile / "stacklens.db")
        try:
            return [r[0] for r in conn.execute("SELECT code FROM automationlog ORDER BY id")]
        finally:
            conn.close()

    qtbot.waitUntil(lambda: "too_few_occurrences" in " ".join(codes()), timeout=20_000)
    assert not sandbox.state.issues  # one occurrence of three: not filed
    dialog.policy.min_occurrences.setValue(1)  # edited in the open dialog, while running
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.message.text() == "Saved.", timeout=10_000)
    append(log, err(1))
    qtbot.waitUntil(lambda: bool(window.jira.ticket_keys()), timeout=30_000)
    assert len(sandbox.state.issues) == 1
    dialog.close()


def test_without_a_keyring_the_token_is_kept_for_this_session_only(
        qtbot, window: MainWindow, profile: Path, sandbox: JiraSandbox) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = _open(qtbot, window)
        token = dialog.jira.token
        assert token.no_keyring.isVisibleTo(dialog) and token.session_only.isVisibleTo(dialog)
        assert "No usable system keyring" in token.no_keyring.text()
        _fill(dialog, sandbox.url, sandbox.user.email, TOKEN)
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        save.click()
        assert "tick \"Keep the token for this session only\"" in dialog.message.text()
        token.session_only.setChecked(True)
        save.click()
        qtbot.waitUntil(lambda: dialog.message.text() == "Saved.", timeout=10_000)
        assert window.session.tokens.get(sandbox.url, sandbox.user.email) == (
            TOKEN, TokenSource.SESSION)
        assert token.status.text().startswith("A token is kept for this session only")
        qtbot.waitUntil(lambda: window.session.jira is not None, timeout=10_000)
        dialog.close()
        window.shutdown()
    finally:
        keyring.set_keyring(before)
    for path, data in _profile_bytes(profile):
        assert TOKEN.encode() not in data, path


def test_screenshots_of_every_page_light_and_dark(qtbot, qapp, window: MainWindow,
                                                  sandbox: JiraSandbox, tmp_path: Path) -> None:
    """PNGs of each page after a good Test connection (``STACKLENS_SCREENSHOTS=DIR`` keeps
    them); each must show more than a flat colour, in the palette it claims."""
    import os

    from PySide6.QtGui import QPalette

    from stacklens_desktop.ui.palette import apply_theme

    chosen = os.environ.get("STACKLENS_SCREENSHOTS")
    out = Path(chosen) if chosen else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "pos.log"
    log.write_text(err(0))
    window.add_source(str(log), from_start=True)
    window.add_source(str(tmp_path / "shop" / "*.log"))
    dialog = _open(qtbot, window)
    _fill(dialog, sandbox.url, sandbox.user.email, TOKEN)
    dialog.jira.labels.setText("pos, stacklens")
    _test(qtbot, dialog)
    titles = [dialog.index.item(i).text() for i in range(dialog.index.count())]
    try:
        for theme in ("light", "dark"):
            apply_theme(theme, qapp)

            def themed(dark: bool = theme == "dark") -> bool:
                colour = dialog.palette().color(QPalette.ColorRole.Window)
                return (colour.lightness() < 128) == dark

            qtbot.waitUntil(themed, timeout=5_000)  # the palette reaches widgets by events
            for title in titles:
                dialog.show_page(title)
                dialog.repaint()
                image = dialog.grab().toImage()
                name = f"settings-{title.split()[0].lower()}-{theme}.png"
                assert image.save(str(out / name))
                step = max(1, image.width() // 60)
                colours = {image.pixel(x, y) for x in range(0, image.width(), step)
                           for y in range(0, image.height(), step)}
                assert len(colours) > 12, name
                assert themed(), name
    finally:
        apply_theme("light", qapp)
        dialog.close()


def test_a_changed_connection_restarts_jira_on_the_new_settings(
        qtbot, window: MainWindow, sandbox: JiraSandbox, tmp_path: Path) -> None:
    from tests.ui.conftest import db_error

    dialog = _open(qtbot, window)
    _fill(dialog, sandbox.url, sandbox.user.email, TOKEN)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    save.click()
    qtbot.waitUntil(lambda: window.session.jira is not None, timeout=10_000)
    first = window.session.jira
    log = tmp_path / "pos.log"
    log.write_text(err(0))
    window.add_source(str(log), from_start=True)
    qtbot.waitUntil(lambda: len(window.jira.ticket_keys()) == 1, timeout=30_000)
    assert window.jira.ticket_keys()[0].startswith("POS-")
    dialog.jira.project.setEditText("DEMO")
    save.click()
    qtbot.waitUntil(lambda: window.session.jira not in (None, first), timeout=15_000)
    assert window.session.settings.project_key == "DEMO"
    assert "Jira: DEMO" in window.counters.jira.text()
    append(log, db_error(1))  # a new pattern: filed on the new project
    qtbot.waitUntil(lambda: any(k.startswith("DEMO-") for k in window.jira.ticket_keys()),
                    timeout=30_000)
    dialog.close()


def test_removing_a_watched_source_in_the_dialog_stops_watching_it(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    kept, dropped = tmp_path / "kept.log", tmp_path / "dropped.log"
    for path in (kept, dropped):
        path.write_text(err(0))
        window.add_source(str(path), from_start=True)
    dialog = _open(qtbot, window)
    dialog.show_page("Watched sources")
    page = dialog.sources
    assert page.paths() == [str(kept), str(dropped)]
    page.list.setCurrentRow(1)
    page.remove.click()
    assert page.paths() == [str(kept)]
    assert window.sources.paths() == [str(kept)]
    qtbot.waitUntil(lambda: window.session.app_settings.sources.paths == (str(kept),),
                    timeout=10_000)  # saved in the profile, as the side panel does
    dialog.close()


def test_a_configured_profile_starts_jira_and_the_dialog_shows_what_is_saved(
        qtbot, profile: Path, sandbox: JiraSandbox) -> None:
    from stacklens_desktop.jira.config import JiraSettings
    from stacklens_desktop.jira.policy import AutomationConfig
    from stacklens_desktop.profile import Profile
    from stacklens_desktop.ui.app import build_window

    saved = Profile.open(profile)
    try:
        saved.save_jira(JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                                     project_key="DEMO", labels=("pos",)))
        saved.save_policy(AutomationConfig(min_occurrences=2))
    finally:
        saved.close()
    keyring.set_password(SERVICE_NAME, account_name(sandbox.url, sandbox.user.email), TOKEN)
    window = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.session.jira is not None, timeout=10_000)
        assert "Jira: DEMO" in window.counters.jira.text()
        dialog = _open(qtbot, window)
        assert dialog.jira.url.text() == sandbox.url
        assert dialog.jira.project.currentText() == "DEMO"
        assert dialog.jira.labels.text() == "pos"
        assert dialog.jira.token.status.text() == "A token is stored in the system keyring."
        assert dialog.policy.min_occurrences.value() == 2
        assert "running" in dialog.jira_note.text()
        assert dialog.edit().jira is None  # untouched: the connection is not saved again
        dialog.close()
    finally:
        window.shutdown()
