"""Opening a run of the analysis history shows the patterns that run found (not every
pattern of its source), under a removable "Run: …" chip; real window, store and files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from stacklens_desktop.ui.history_model import run_label
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.rows import RunRow
from tests.ui.conftest import append, db_error, err
from tests.ui.test_ui_commands import _import
from tests.ui.test_ui_screenshots import _out_dir, _shoot


def _templates(window: MainWindow) -> list[str]:
    return sorted(r.template.split(":")[0] for r in window.patterns.visible_rows())


def _is_dark(widget: QWidget) -> bool:
    """The widget's palette reached it (a theme change is posted to each widget)."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _open_history(qtbot, window: MainWindow) -> None:
    window.commands.actions["tab_history"].trigger()
    model = window.history.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.run_at(0).state == "done",
                    timeout=10_000)


def _expect_run(qtbot, window: MainWindow, run: RunRow, templates: list[str]) -> None:
    chip = window.patterns.run_chip
    label = run_label(run, len(templates))
    qtbot.waitUntil(lambda: chip.text() == label, timeout=10_000)
    assert window.tabs.currentWidget() is window.patterns
    assert _templates(window) == templates


def test_an_import_and_a_watch_session_each_open_their_own_patterns(qtbot, window,
                                                                   tmp_path) -> None:
    window.resize(1400, 880)
    log = tmp_path / "pos.log"
    log.write_text(err(1) + err(2))
    _import(qtbot, window, log)
    assert window.add_source(str(log))  # watched on from where the import ended
    qtbot.waitUntil(lambda: window.sources.state_of(str(log)) == "watching", timeout=10_000)
    append(log, db_error(3) + db_error(4))
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 4", timeout=10_000)
    window.pause_source(str(log), True)  # the watch session ends
    _open_history(qtbot, window)
    view, model = window.history.view, window.history.model
    watched, imported = model.run_at(0), model.run_at(1)
    assert (watched.kind, imported.kind) == ("watch", "import")
    assert watched.source == imported.source == str(log)
    everything = ["Database lock wait timeout", "Product has no price"]
    assert _templates(window) == everything  # the whole source before a run is opened

    rect = view.visualRect(model.index(1, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # press
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _expect_run(qtbot, window, imported, ["Product has no price"])
    window.patterns.run_chip.close_button.click()  # the ×: every pattern again
    assert window.patterns.run_chip.isHidden() and window.patterns.run_chip.text() == ""
    assert _templates(window) == everything

    window.commands.actions["tab_history"].trigger()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    _expect_run(qtbot, window, watched, ["Database lock wait timeout"])
    try:
        for theme in ("light", "dark"):  # STACKLENS_SCREENSHOTS=DIR keeps them
            window.set_theme(theme)
            qtbot.waitUntil(lambda t=theme: _is_dark(window.patterns.run_chip) == (t == "dark"))
            _shoot(window, _out_dir(tmp_path), f"patterns-run-filter-{theme}")
    finally:
        window.set_theme("light")
    window.patterns.search.setText("no price")  # the other filters apply on top
    assert _templates(window) == []
    window.patterns.search.clear()
    window.patterns.clear_run()
    assert _templates(window) == everything


def test_the_run_label_says_what_when_and_how_many() -> None:
    done = RunRow(3, "import", "/logs/pos.log", "2026-12-07T10:04:12.000Z",
                  "2026-12-07T10:05:40.000Z", 120, 14, 2, "done", None)
    assert run_label(done, 12) == "Run: import of pos.log 2026-12-07 10:04\u201310:05 " \
        "(12 patterns)"
    overnight = RunRow(4, "watch", "/logs/api.log", "2026-12-06T23:58:00.000Z",
                       "2026-12-07T00:03:00.000Z", 5, 1, 1, "interrupted", None)
    assert run_label(overnight, 1) == "Run: watch session of api.log 2026-12-06 23:58" \
        "\u20132026-12-07 00:03 (1 pattern)"
    running = RunRow(5, "watch", "/logs/pos.log", "2026-12-07T10:04:12.000Z",
                     "2026-12-07T10:04:14.000Z", 5, 1, 0, "running", None)
    assert run_label(running, 0).endswith("10:04\u2013now (0 patterns)")
