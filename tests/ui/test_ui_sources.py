"""The sources panel: a glob that matches nothing waits, states carry their reason, lines
and events per file, pause and resume of one source, imported files listed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stacklens_desktop.ui.main_window import PREFERRED_SIZE, SOURCES_WIDTH
from stacklens_desktop.ui.sources_panel import PATH_ROLE
from tests.ui.conftest import append, err


def _item(panel, path: str):
    return next(i for i in panel._items() if i.data(0, PATH_ROLE) == path)


def test_glob_waits_then_files_are_counted_paused_and_resumed(qtbot, window, tmp_path) -> None:
    panel = window.sources
    pattern = str(tmp_path / "*.log")
    assert window.add_source(pattern)
    assert panel.state_of(pattern) == "waiting"
    assert "no file matches" in _item(panel, pattern).toolTip(1)
    log = tmp_path / "till.log"
    log.write_text("")
    qtbot.waitUntil(lambda: panel.state_of(str(log)) == "watching", timeout=15_000)
    assert panel.state_of(pattern) == "watching"
    append(log, err(1) + err(2))
    qtbot.waitUntil(lambda: _item(panel, str(log)).text(3) == "2", timeout=15_000)
    assert _item(panel, str(log)).text(2) == "2"  # lines read
    assert _item(panel, pattern).text(3) == "2"  # the glob sums its files
    panel.tree.setCurrentItem(_item(panel, str(log)))
    assert "2 lines read · 2 events stored" in panel.reason.text()
    assert "last read " in panel.reason.text()


def test_pause_and_resume_one_source(qtbot, window, tmp_path) -> None:
    panel = window.sources
    log = tmp_path / "till.log"
    log.write_text("")
    assert window.add_source(str(log))
    qtbot.waitUntil(lambda: panel.state_of(str(log)) == "watching", timeout=15_000)
    append(log, err(1))
    qtbot.waitUntil(lambda: _item(panel, str(log)).text(3) == "1", timeout=15_000)
    panel.tree.setCurrentItem(_item(panel, str(log)))
    assert panel.pause_button.text() == "Pause"
    panel.pause_button.click()
    assert panel.state_of(str(log)) == "paused" and panel.pause_button.text() == "Resume"
    assert "paused by you" in panel.reason.text()
    append(log, err(2))  # written while paused: read after the resume
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.state_of(str(log)) == "watching", timeout=15_000)
    qtbot.waitUntil(lambda: _item(panel, str(log)).text(3) == "2", timeout=15_000)
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 2", timeout=10_000)
    append(log, err(3))  # a later line comes after anything read twice: none was
    qtbot.waitUntil(lambda: _item(panel, str(log)).text(3) == "3", timeout=15_000)
    assert _item(panel, str(log)).text(2) == "3"


def test_imported_files_are_listed_apart(qtbot, window, tmp_path) -> None:
    log = tmp_path / "old.log"
    log.write_text(err(1))
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    window.imports.start(log, show_progress=False)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    panel = window.sources
    qtbot.waitUntil(lambda: panel._imported is not None, timeout=10_000)
    child = panel._imported.child(0)
    assert child.data(0, PATH_ROLE) == str(log) and child.text(1) == "imported"
    qtbot.waitUntil(lambda: panel._imported.child(0).text(3) == "1", timeout=10_000)
    assert panel.paths() == []  # not a watched source


def test_a_log_file_name_is_shown_whole_beside_its_state(qtbot, window, tmp_path) -> None:
    """At the window's first-start layout on a big screen the Source column holds a usual
    log name whole (it was cut to "pos-applic…"); narrower, the middle is elided; a glob
    shows its folder; the tooltip the full path."""
    window.resize(PREFERRED_SIZE)
    window.split.setSizes([SOURCES_WIDTH, PREFERRED_SIZE.width() - SOURCES_WIDTH])
    panel = window.sources
    log = tmp_path / "pos-application.log"
    log.write_text("")
    pattern = str(tmp_path / "logs" / "*.log")
    assert not panel.hint.isHidden() and "Add file" in panel.hint.text()  # first start
    assert window.add_source(str(log)) and window.add_source(pattern)
    assert panel.hint.isHidden()
    qtbot.waitUntil(lambda: panel.state_of(str(log)) == "watching", timeout=15_000)
    item = _item(panel, str(log))
    assert (item.text(0), item.toolTip(0)) == ("pos-application.log", str(log))
    assert _item(panel, pattern).text(0) == "logs/*.log"
    tree = panel.tree
    rect = tree.visualItemRect(item)
    needed = tree.fontMetrics().horizontalAdvance(item.text(0))
    assert tree.header().sectionSize(0) - (rect.left() - tree.header().sectionPosition(0)) \
        >= needed, "the name is elided"
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_a_source_removed_before_the_saved_list_arrives_stays_removed(qtbot, window,
                                                                      tmp_path) -> None:
    """The saved sources are read at the start, and the answer can come after the user
    removed one (the settings dialog's test saw it come back): it is not watched again, and
    the saved list keeps it out; one added by hand meanwhile is kept."""
    kept, dropped = str(tmp_path / "kept.log"), str(tmp_path / "dropped.log")
    for path in (kept, dropped):
        assert window.add_source(path)
    window.remove_source(dropped)
    window.session.store.worker.sources_loaded.emit([kept, dropped])  # the late answer
    qtbot.waitUntil(lambda: window.session.app_settings.sources.paths == (kept,),
                    timeout=10_000)
    assert window.sources.paths() == [kept]
    assert window.add_source(dropped)  # by hand again: watched again, and restored later
    window.remove_source(kept)
    window.session.store.worker.sources_loaded.emit([kept, dropped])
    qtbot.waitUntil(lambda: window.session.app_settings.sources.paths == (dropped,),
                    timeout=10_000)
    assert window.sources.paths() == [dropped]
