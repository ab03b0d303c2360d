"""AfterPaint: a callback after a widget's next paint, or at once when it cannot paint."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from stacklens_desktop.ui.first_paint import AfterPaint, can_paint


class Painted(QWidget):
    def __init__(self, journal: list[str]) -> None:
        super().__init__()
        self.journal = journal
        self.resize(200, 100)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self.journal.append("paint")


@pytest.fixture
def shown(qtbot) -> Painted:  # noqa: ANN001
    """A widget on screen, its first paint done (the journal then empty)."""
    widget = Painted([])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: "paint" in widget.journal)
    widget.journal.clear()
    return widget


def test_the_callback_runs_after_the_next_paint(qtbot, shown: Painted) -> None:
    widget, journal = shown, shown.journal
    AfterPaint(widget, lambda: journal.append("callback"))
    assert journal == []  # not at once: a paint is asked for and waited for
    qtbot.waitUntil(lambda: "callback" in journal)
    assert journal[0] == "paint" and journal[-1] == "callback"
    assert journal.count("callback") == 1


def test_a_widget_that_cannot_paint_does_not_hold_the_callback(qtbot) -> None:
    journal: list[str] = []
    widget = Painted(journal)
    qtbot.addWidget(widget)  # never shown: no paint will come
    assert not can_paint(widget)
    AfterPaint(widget, lambda: journal.append("callback"))
    qtbot.waitUntil(lambda: journal == ["callback"])


def test_a_hide_before_the_paint_ends_the_wait(qtbot, shown: Painted) -> None:
    widget, journal = shown, shown.journal
    AfterPaint(widget, lambda: journal.append("callback"))
    widget.hide()
    qtbot.waitUntil(lambda: "callback" in journal)
