"""The toolbar and its shortcuts, Help → Keyboard shortcuts, the empty state, stopping and
starting monitoring, the history, and the layout and filters surviving a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QToolButton

from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.history_model import HistoryModel, duration
from stacklens_desktop.ui.reads import RunRow
from stacklens_desktop.ui.shortcuts_dialog import ShortcutsDialog
from stacklens_desktop.ui.window_actions import TOOLBAR
from tests.ui.conftest import append, db_error, err

TOOLBAR_TEXTS = ("Start monitoring", "Add file", "Add glob", "Import", "POS simulator",
                 "Automation: off", "Retrain model", "Settings")


def _import(qtbot, window, log: Path) -> None:
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    assert window.imports.start(log, show_progress=False)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    qtbot.waitUntil(lambda: not window.imports.busy(), timeout=10_000)


def test_toolbar_has_an_icon_and_a_shortcut_for_every_action(qtbot, window) -> None:
    actions = window.commands.actions
    for key in filter(None, TOOLBAR):
        action = actions[key]
        assert not action.icon().isNull(), key
        assert not action.shortcut().isEmpty(), key
        assert action in window.toolbar.actions()
    texts = [b.text() for b in window.toolbar.findChildren(QToolButton)]  # narrow: » menu
    for text in TOOLBAR_TEXTS[1:]:
        assert any(t == text for t in texts), (text, texts)
    assert "Stop monitoring" in texts  # the window starts watching


def test_keyboard_shortcuts_dialog_lists_window_and_table_keys(qtbot, window) -> None:
    seen: list[list[tuple[str, str, str]]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ShortcutsDialog)
        table = dialog.table
        seen.append([tuple(table.item(r, c).text() for c in range(3))
                     for r in range(table.rowCount())])
        dialog.accept()

    QTimer.singleShot(0, read_and_close)
    window.commands.actions["shortcuts"].trigger()
    rows = seen[0]
    assert ("Window", "Import file", "Ctrl+I") in rows
    assert ("Window", "Retrain model", "Ctrl+Shift+R") in rows
    assert ("Patterns table", "Acknowledge", "A") in rows
    assert ("Patterns table", "Mute for 1 hour", "M") in rows
    assert len({keys for _, _, keys in rows}) == len(rows)  # no key does two things


def test_first_start_explains_what_to_do(qtbot, window, tmp_path) -> None:
    tab = window.patterns
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.empty, timeout=10_000)
    assert set(tab.empty.buttons) == {"file", "import", "pos"}
    log = tmp_path / "a.log"
    log.write_text(err(1))
    _import(qtbot, window, log)
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.split, timeout=10_000)


def test_stopping_monitoring_pauses_sources_and_resumes_where_they_stopped(
        qtbot, window, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    assert window.add_source(str(log))
    qtbot.waitUntil(lambda: window.sources.state_of(str(log)) == "watching", timeout=10_000)
    append(log, err(1))
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 1", timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # stop
    assert not window.monitoring and window.sources.state_of(str(log)) == "paused"
    append(log, err(2) + db_error(3))  # written while stopped
    qtbot.keyClick(window, Qt.Key.Key_F5)  # start: reads on from the committed offset
    qtbot.waitUntil(lambda: window.sources.state_of(str(log)) == "watching", timeout=10_000)
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 3", timeout=10_000)


def test_history_lists_imports_and_opens_their_patterns(qtbot, window, tmp_path,
                                                         qtmodeltester) -> None:
    one, two = tmp_path / "one.log", tmp_path / "two.log"
    one.write_text(err(1) + err(2))
    two.write_text(db_error(1))
    _import(qtbot, window, one)
    _import(qtbot, window, two)
    window.commands.actions["tab_history"].trigger()
    model = window.history.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(model, force_py=True)
    newest = model.run_at(0)
    assert (newest.kind, newest.source, newest.lines, newest.errors) == \
        ("import", str(two), 1, 1)
    assert model.data(model.index(1, 5)) == "1"  # one new pattern in one.log
    window.history.run_opened.emit(model.run_at(1))  # one.log's import
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.patterns, timeout=10_000)
    assert window.patterns.run_chip.text().startswith("Run: import of one.log ")
    qtbot.waitUntil(lambda: bool(window.patterns.visible_rows()), timeout=10_000)
    rows = window.patterns.visible_rows()
    assert all("no price" in r.template for r in rows)


def test_history_model_passes_qt_checks_empty_and_filled(qtmodeltester) -> None:
    model = HistoryModel()
    qtmodeltester.check(model, force_py=True)
    model.set_runs([RunRow(1, "import", "/x/a.log", "2026-12-06T10:00:00.000Z",
                           "2026-12-06T10:01:05.500Z", 10, 2, 1, "done", None)])
    assert model.data(model.index(0, 6)) == "1 min 05 s"
    assert model.data(model.index(0, 2)) == "a.log"
    running = RunRow(2, "watch", "/x/a.log", "2026-12-06T10:00:00.000Z",
                     "2026-12-06T10:00:02.000Z", 10, 2, 1, "running", None)
    later = datetime(2026, 12, 6, 10, 0, 30, tzinfo=UTC)
    assert duration(running, later) == "30.0 s"  # so far, not to its last progress


def test_layout_filters_and_tab_survive_a_restart(qtbot, profile, tmp_path) -> None:
    log = tmp_path / "a.log"
    log.write_text(err(1) + db_error(2))
    first = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(first)
    _import(qtbot, first, log)
    tab = first.patterns
    header = tab.view.horizontalHeader()
    header.resizeSection(pm.COL_TYPE, 211)
    header.moveSection(header.visualIndex(pm.COL_COUNT), 0)
    tab.view.sortByColumn(pm.COL_COUNT, Qt.SortOrder.DescendingOrder)
    tab.severity_boxes["low"].setChecked(False)
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Open"))
    tab.search.setText("lock")
    first.split.setSizes([350, 1000])
    first.tabs.setCurrentWidget(first.history)
    sizes = first.split.sizes()
    first.close()
    assert (profile / "window.ini").exists()
    second = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(second)
    try:
        again = second.patterns
        head = again.view.horizontalHeader()
        assert head.sectionSize(pm.COL_TYPE) == 211
        assert head.visualIndex(pm.COL_COUNT) == 0
        assert (head.sortIndicatorSection(), head.sortIndicatorOrder()) == \
            (pm.COL_COUNT, Qt.SortOrder.DescendingOrder)
        assert not again.severity_boxes["low"].isChecked()
        assert again.severity_boxes["high"].isChecked()
        assert again.status_filter.currentText() == "Open"
        assert again.search.text() == "lock"
        assert second.split.sizes()[0] == sizes[0]
        assert second.tabs.currentWidget() is second.history
    finally:
        second.shutdown()


def test_retrain_runs_in_the_background_and_shows_the_scores(qtbot, window, tmp_path,
                                                             monkeypatch) -> None:
    monkeypatch.setenv("STACKLENS_MODEL_CACHE", str(tmp_path / "models"))  # a fresh model
    action = window.commands.actions["retrain"]
    action.trigger()
    assert not action.isEnabled() and window.counters.busy_label.text()
    assert window.tabs.currentIndex() == 0  # the window stays usable meanwhile
    qtbot.waitUntil(lambda: action.isEnabled(), timeout=180_000)
    assert window.last_retrain.startswith("Model retrained in "), window.last_retrain
    assert "Before: severity macro-F1" in window.last_retrain
    assert not window.counters.busy_label.isVisible()
    assert not window.retraining.busy()  # its thread was joined
    assert list((tmp_path / "models").iterdir())


def test_history_lists_watch_sessions_live_and_opens_their_patterns(qtbot, window,
                                                                     tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    assert window.add_source(str(log))
    qtbot.waitUntil(lambda: window.sources.state_of(str(log)) == "watching", timeout=10_000)
    window.commands.actions["tab_history"].trigger()
    append(log, err(1) + db_error(2))
    model = window.history.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)  # shown while it runs
    assert (model.run_at(0).kind, model.run_at(0).state) == ("watch", "running")
    qtbot.waitUntil(lambda: model.run_at(0).errors == 2, timeout=10_000)  # progress, live
    qtbot.keyClick(window, Qt.Key.Key_F5)  # stop monitoring: the session ends
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.run_at(0).state == "done",
                    timeout=10_000)
    run = model.run_at(0)
    assert (run.source, run.lines, run.errors, run.new_patterns) == (str(log), 2, 2, 2)
    assert model.data(model.index(0, 1)) == "watch"
    assert model.data(model.index(0, 6)).endswith(" s")  # its duration
    window.history.view.activated.emit(model.index(0, 0))  # a double-click or Enter
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.patterns, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.patterns.visible_rows()) == 2, timeout=10_000)
