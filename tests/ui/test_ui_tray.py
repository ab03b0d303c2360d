"""The tray with a real window and store: a notification for a new critical pattern and for
a regression, none for a muted pattern, a click shows the pattern; the preference turns it
off. Offscreen there is no system tray: the decided notifications are observed through
``notification_requested`` (emitted whether or not an icon shows them)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from stacklens_desktop.ui import icons
from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.tray import BADGE_COLOR, TRAY_SETTING, badge_icon, tray_enabled
from stacklens_desktop.ui.tray_rules import NEW_CRITICAL, REGRESSION, Notification, NotifyRules
from stacklens_desktop.ui.window_state import open_settings
from tests.qt_wait import MainThreadRelay
from tests.ui.conftest import append, db_error, err, wait_for_row
from tests.ui.jira_window import DISK_FULL, OUT_OF_MEMORY, line


def _status(window: MainWindow, pattern_id: int) -> str:
    model = window.patterns.model
    return model.row_at(model.row_of(pattern_id)).status


def _triage(qtbot, window: MainWindow, pattern_id: int, action: str, status: str) -> None:
    window.triage(pattern_id, action)
    qtbot.waitUntil(lambda: _status(window, pattern_id) == status, timeout=10_000)


@pytest.fixture
def notes(window: MainWindow) -> Iterator[list[Notification]]:
    window.tray.rules = NotifyRules(min_gap=timedelta(0))  # the limit: test_tray_rules
    seen: list[Notification] = []
    window.tray.notification_requested.connect(seen.append)
    yield seen


def test_new_critical_and_regression_notify_muted_does_not(qtbot, window, notes,
                                                           tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(line(OUT_OF_MEMORY, 1) + db_error(2) + err(3))
    window.add_source(str(log), from_start=True)
    oom = wait_for_row(qtbot, window, "Out of memory")
    db = wait_for_row(qtbot, window, "Database lock")
    qtbot.waitUntil(lambda: bool(notes), timeout=10_000)
    assert [(n.kind, n.pattern_id) for n in notes] == [(NEW_CRITICAL, oom.id)]  # high: no
    qtbot.waitUntil(lambda: window.tray.count == 3, timeout=10_000)  # 1 critical, 2 high
    _triage(qtbot, window, oom.id, "mute", "muted")
    _triage(qtbot, window, db.id, "resolve", "resolved")
    qtbot.waitUntil(lambda: window.tray.count == 1, timeout=10_000)  # the missing price
    relay = MainThreadRelay()  # the store worker's answers, queued after the tray's own
    window.session.store.worker.alerts_loaded.connect(relay.forward)
    answered: set[tuple[int, str]] = set()
    relay.fired.connect(lambda args: answered.update((f.id, f.status) for f in args[0]))
    append(log, line(OUT_OF_MEMORY, 4) + db_error(5))
    qtbot.waitUntil(lambda: {(oom.id, "muted"), (db.id, "regression")} <= answered,
                    timeout=20_000)
    qtbot.waitUntil(lambda: len(notes) == 2, timeout=10_000)
    assert [(n.kind, n.pattern_id) for n in notes][1] == (REGRESSION, db.id)
    assert not any(n.pattern_id == oom.id for n in notes[1:])  # muted: never again
    qtbot.waitUntil(lambda: window.tray.count == 2, timeout=10_000)


def test_clicking_the_notification_shows_its_pattern(qtbot, window, notes,
                                                     tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(err(1) + line(DISK_FULL, 2))
    window.add_source(str(log), from_start=True)
    disk = wait_for_row(qtbot, window, "Disk full")
    wait_for_row(qtbot, window, "no price")
    qtbot.waitUntil(lambda: bool(notes), timeout=10_000)
    window.tabs.setCurrentWidget(window.jira)
    window.showMinimized()
    window.tray.activate_last()  # what the tray's messageClicked runs
    assert window.tabs.currentWidget() is window.patterns
    row = window.patterns.selected_row()
    assert row is not None and row.id == disk.id == notes[-1].pattern_id
    assert not window.isMinimized()


def test_notifications_are_rate_limited_then_summarised(qtbot, window,
                                                        tmp_path: Path) -> None:
    window.tray.rules = NotifyRules(min_gap=timedelta(milliseconds=300))
    seen: list[Notification] = []
    window.tray.notification_requested.connect(seen.append)
    log = tmp_path / "pos.log"
    log.write_text(line(OUT_OF_MEMORY, 1) + line(DISK_FULL, 2))
    window.add_source(str(log), from_start=True)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)  # the second after the gap
    assert [n.kind for n in seen] == [NEW_CRITICAL, NEW_CRITICAL]
    assert len({n.pattern_id for n in seen}) == 2


def test_the_preference_turns_the_tray_off(qtbot, profile: Path, tmp_path: Path) -> None:
    settings = open_settings(profile)
    settings.setValue(TRAY_SETTING, False)
    settings.sync()
    win = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(win)
    seen: list[Notification] = []
    win.tray.notification_requested.connect(seen.append)
    asked: list[list] = []
    win.tray.facts_wanted.connect(asked.append)
    try:
        assert not win.tray.enabled and win.tray.icon is None
        log = tmp_path / "pos.log"
        log.write_text(line(OUT_OF_MEMORY, 1))
        win.add_source(str(log), from_start=True)
        wait_for_row(qtbot, win, "Out of memory")
        assert seen == [] and asked == []
    finally:
        win.shutdown()


def test_the_settings_dialog_switches_the_tray_off_at_once_and_remembers(
        qtbot, window: MainWindow, notes: list[Notification], profile: Path,
        tmp_path: Path) -> None:
    qtbot.waitUntil(lambda: window.session.settings_read, timeout=10_000)
    dialog = window.open_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.general.tray.isChecked() and window.tray.enabled
    dialog.general.tray.click()
    assert not window.tray.enabled
    assert not tray_enabled(open_settings(profile))  # what the next start reads
    log = tmp_path / "pos.log"
    log.write_text(line(OUT_OF_MEMORY, 1))
    window.add_source(str(log), from_start=True)
    wait_for_row(qtbot, window, "Out of memory")
    assert notes == []
    dialog.general.tray.click()
    assert window.tray.enabled and tray_enabled(open_settings(profile))
    dialog.close()


def test_the_icon_carries_the_count(qapp) -> None:
    plain = badge_icon(icons.icon("stacklens"), 0).pixmap(32, 32).toImage()
    counted = badge_icon(icons.icon("stacklens"), 3).pixmap(32, 32).toImage()
    assert plain.pixelColor(27, 21).name() != BADGE_COLOR  # the disc's edge, beside the digit
    assert counted.pixelColor(27, 21).name() == BADGE_COLOR
