"""The window's start in order (issue 13): the first page of patterns is on screen before the
window's other reads, and the whole table before the analysis thread loads the classifier;
nothing written meanwhile is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject

from stacklens_desktop.importer import import_file
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.settings import access
from stacklens_desktop.store import open_store
from stacklens_desktop.ui.first_paint import AfterPaint
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.session import Session
from tests.ui.conftest import append, db_error, err, wait_for_row


class Journal(QObject):
    """What happened, in order, with whether the analysis thread was running then."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.entries: list[tuple[str, bool]] = []
        self.pages = 0
        worker = window.session.store.worker
        worker.page_loaded.connect(self._page)
        worker.stats_loaded.connect(lambda _stats: self.note("stats"))
        window.patterns.view.viewport().installEventFilter(self)

    def note(self, what: str) -> None:
        self.entries.append((what, self.window.session.monitor.analysing))

    def _page(self, _rows: list, exhausted: bool) -> None:
        self.pages += 1
        self.note("last page" if exhausted else "page")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and self.pages:
            self.note("paint")
        return False

    def first(self, what: str) -> int:
        return [name for name, _ in self.entries].index(what)


def _known_source(profile: Path, log: Path) -> None:
    """``log`` imported (one pattern) and saved as a watched source: the window resumes it
    from its committed offset."""
    log.write_text("".join(err(n) for n in range(3)))
    store = open_store(profile)
    try:
        import_file(store, log, build_judge(profile, store.engine))
        access.save_sources(store.engine, [str(log)])
    finally:
        store.close()


def test_the_table_is_shown_before_the_reads_and_the_classifier(qtbot, profile: Path,
                                                                tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    _known_source(profile, log)
    append(log, db_error(10))  # written while the window was closed
    window = MainWindow(Session(profile, poll_interval=0.2))
    qtbot.addWidget(window)
    window.patterns.model.page_size = 1  # two reads: one row, then none (the last page)
    window.show()
    qtbot.waitExposed(window)
    journal = Journal(window)
    window.session.store.worker.page_loaded.connect(
        lambda *_: journal.pages == 1 and append(log, db_error(11)))  # before the analysis
    assert window.start()
    try:
        qtbot.waitUntil(lambda: window.session.monitor.analysing and {"stats", "last page"} <= {
            name for name, _ in journal.entries}, timeout=20_000)
        entries = journal.entries
        page, paint, last = journal.first("page"), journal.first("paint"), \
            journal.first("last page")
        assert page < paint < journal.first("stats"), entries  # first page painted first
        assert not any(analysing for _, analysing in entries[:last + 1]), entries
        row = wait_for_row(qtbot, window, "Database lock")  # nothing written meanwhile lost
        model = window.patterns.model
        qtbot.waitUntil(lambda: model.row_at(model.row_of(row.id)).count == 2, timeout=20_000)
        assert window.sources.paths() == [str(log)]
    finally:
        window.shutdown()


class Paints(QObject):
    """Each paint of a widget, with whether the store worker's thread ran then."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.store = window.session.store
        self.running_at_paint: list[bool] = []
        window.patterns.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.running_at_paint.append(self.store.is_running())
        return False


def test_the_profile_opens_after_the_window_painted_the_start(qtbot, profile: Path) -> None:
    """The start changes the window (switches, status bar): the store worker opens the
    profile after that repaint, not during it (a paint waited for the GIL the opening held:
    20–27 ms instead of 8–11 ms)."""
    window = MainWindow(Session(profile, poll_interval=0.2))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    paints = Paints(window)
    qtbot.waitUntil(lambda: paints.running_at_paint != [])  # the first paint, as in the app
    paints.running_at_paint.clear()
    assert window.start()
    try:
        assert not window.session.store.is_running()  # not at once: after the next paint
        qtbot.waitUntil(window.session.store.is_running, timeout=10_000)
        assert paints.running_at_paint[:1] == [False], paints.running_at_paint
        qtbot.waitUntil(lambda: window.patterns.model.fully_loaded, timeout=10_000)
    finally:
        window.shutdown()


def test_a_window_closed_before_its_start_painted_opens_nothing(qtbot, profile: Path) -> None:
    window = MainWindow(Session(profile, poll_interval=0.2))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.start()
    window.shutdown()  # before the paint: the session stops; its store must not start after
    later: list[bool] = []
    AfterPaint(window.patterns.view.viewport(), lambda: later.append(True))
    qtbot.waitUntil(lambda: later == [True])  # that paint came, and the calls waiting for it
    assert not window.session.store.is_running() and not window.session.running
