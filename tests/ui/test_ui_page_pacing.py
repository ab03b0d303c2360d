"""Issue 13: the start's pages of patterns cost the GUI thread only the table's repaint.

Each page is asked for once the view has painted the one before (the store worker then
builds the next page's rows while the GUI thread is idle, not during its paint), and the
count above the table changes without laying out and repainting the whole tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

from stacklens_desktop.ui.first_paint import AfterPaint
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.patterns_tab import PatternsTab
from stacklens_desktop.ui.rows import PatternRow
from stacklens_desktop.ui.steady_label import SteadyLabel

SEVERITIES = ("critical", "high", "medium", "low")


def _page(high: int, size: int = 500) -> list[PatternRow]:
    return [PatternRow(id=i, fingerprint=f"fp{i}", severity=SEVERITIES[i % 4],
                       error_type="database", confidence=0.8, count=i % 7 + 1,
                       last_seen="2026-11-25T10:00:00.000Z", template=f"Failure {i} in <*>",
                       status="new") for i in range(high, high - size, -1)]


class Journal(QObject):
    """Paint events of some widgets, in order, with the pages asked for between them."""

    def __init__(self, **widgets: QWidget) -> None:
        super().__init__()
        self.entries: list[str] = []
        self._names = {id(w): name for name, w in widgets.items()}
        for widget in widgets.values():
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.entries.append(f"paint {self._names[id(watched)]}")
        return False


def settle(qtbot, tab: PatternsTab) -> None:  # noqa: ANN001
    """The posted lay-out requests handled (each level of widgets posts the next one's),
    then the next paint of the table done (it paints whatever they changed with it)."""
    for _ in range(10):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    painted: list[bool] = []
    AfterPaint(tab.view.viewport(), lambda: painted.append(True))
    qtbot.waitUntil(lambda: painted == [True])


@pytest.fixture
def tab(qtbot, tmp_path: Path) -> PatternsTab:  # noqa: ANN001
    """The main window's tab on screen (no session: the test feeds the pages) with its
    first page of 500 rows painted, loading eagerly."""
    window = MainWindow(data_dir=tmp_path / "profile")
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    shown = window.patterns
    asked: list[object] = []
    shown.model.page_wanted.connect(lambda cursor, _limit: asked.append(cursor))
    shown.model.set_eager(True)
    assert asked == [None]
    shown.model.add_page(_page(10_000), exhausted=False)
    qtbot.waitUntil(lambda: len(asked) == 2)  # painted, then the next page asked for
    settle(qtbot, shown)  # the first rows' lay-out (table instead of empty state, scroll bar)
    shown.asked = asked  # type: ignore[attr-defined]
    return shown


def test_the_next_page_is_asked_for_after_the_view_painted_the_last(qtbot, tab) -> None:
    journal = Journal(table=tab.view.viewport())
    tab.model.page_wanted.connect(lambda cursor, _limit: journal.entries.append("ask"))
    tab.model.add_page(_page(9_500), exhausted=False)
    assert journal.entries == []  # not at once: after the paint
    qtbot.waitUntil(lambda: "ask" in journal.entries)
    assert journal.entries[0] == "paint table" and journal.entries[-1] == "ask"
    assert journal.entries.count("ask") == 1 and tab.asked[-1] == 9_001


def test_a_hidden_table_asks_for_the_next_page_at_once(qtbot) -> None:
    hidden = PatternsTab()
    qtbot.addWidget(hidden)  # never shown: no paint to wait for
    asked: list[object] = []
    hidden.model.page_wanted.connect(lambda cursor, _limit: asked.append(cursor))
    hidden.model.set_eager(True)
    hidden.model.add_page(_page(1_000), exhausted=False)
    qtbot.waitUntil(lambda: asked == [None, 501])


def test_a_page_repaints_the_table_and_not_the_detail_pane(qtbot, tab) -> None:
    """Before, the count's new text laid the tab out again: every page repainted the detail
    pane and the filters too (48 widgets instead of the table's 16)."""
    def page(high: int) -> None:
        before = len(tab.asked)
        tab.model.add_page(_page(high), exhausted=False)
        qtbot.waitUntil(lambda: len(tab.asked) == before + 1)

    journal = Journal(table=tab.view.viewport(), detail=tab.detail, search=tab.search)
    count_size = tab.count.size()
    for high in (9_500, 9_000, 8_500):
        page(high)
    settle(qtbot, tab)  # a layout asked for by the pages would be done and painted now
    assert tab.count.text() == "2,000 of 2,000+ patterns"
    assert "paint table" in journal.entries
    assert "paint detail" not in journal.entries and "paint search" not in journal.entries
    assert tab.count.size() == count_size


def test_a_steady_label_keeps_its_size_and_grows_for_a_longer_text(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = SteadyLabel("88,888 of 88,888+ patterns", parent)
    size = label.size()
    label.setText("1 of 1 patterns")
    assert label.size() == size and label.text() == "1 of 1 patterns"
    label.setText("88,888 of 88,888+ patterns")
    assert label.size() == size
    longer = "1,888,888 of 1,888,888+ newest events"
    label.setText(longer)
    assert label.width() > size.width() and label.text() == longer
    assert label.fontMetrics().horizontalAdvance(longer) <= label.contentsRect().width()
