"""The window's start the launcher's way (issue 13): the session's libraries are imported off
the GUI thread, which goes on painting and running timers meanwhile; the session then starts
and the first page of patterns arrives (a view shown before its store was connected asked
for that page into the void and waited for ever)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from stacklens_desktop.ui.app import bare_window, show_window
from stacklens_desktop.ui.session_import import import_off_thread
from tests.bench.bench_window import Heartbeat
from tests.ui.conftest import err


def test_the_gui_thread_runs_its_timers_while_a_module_imports(tmp_path: Path, qapp,
                                                               monkeypatch) -> None:
    (tmp_path / "slow_to_import.py").write_text(
        "import time\nfor _ in range(60):\n    time.sleep(0.005)\nDONE = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    beat = Heartbeat()  # a 5 ms timer on this (the GUI) thread
    started = time.perf_counter()
    import_off_thread("slow_to_import")
    took = time.perf_counter() - started
    assert sys.modules["slow_to_import"].DONE
    assert took >= 0.25  # it did wait for the import
    assert len(beat.gaps) >= 10 and beat.longest < 100, beat.gaps  # and ticked meanwhile


def test_a_failed_import_returns_and_is_raised_again_by_the_caller(tmp_path: Path, qapp,
                                                                   monkeypatch) -> None:
    (tmp_path / "broken_module.py").write_text("raise RuntimeError('broken on purpose')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import_off_thread("broken_module")
    assert "broken_module" not in sys.modules


def test_the_launcher_path_shows_starts_and_loads_the_patterns(qtbot, profile: Path,
                                                               tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("".join(err(n) for n in range(3)))
    window = bare_window(profile)
    qtbot.addWidget(window)
    try:
        assert show_window(qtbot_app(), window)
        assert window.session is not None and window.session.running
        assert window.add_source(str(log), from_start=True)
        qtbot.waitUntil(lambda: window.patterns.model.rowCount() == 1, timeout=20_000)
        assert window.patterns.model.fully_loaded
    finally:
        window.shutdown()


def test_a_window_closed_while_the_libraries_import_starts_nothing(qtbot, profile: Path) -> None:
    window = bare_window(profile)
    qtbot.addWidget(window)
    QTimer.singleShot(0, window.close)  # runs in the loop that waits for the import
    assert not show_window(qtbot_app(), window)
    assert window.session is None


def qtbot_app():  # noqa: ANN201 - the QApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
