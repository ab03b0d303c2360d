"""Run something once a widget has painted what it holds now (issue 13: the window's first
page of patterns is on screen before the background work starts competing for the GIL).

A zero timer alone is not enough: a top-level window's paint is a low-priority posted event
(or arrives with the first expose), and a zero timer may fire before it. So the widget's next
``Paint`` event is watched (an update is asked for, so one comes; Qt merges it with the one
already pending); the callback runs from a zero timer started there, that is right after that
paint. A widget that cannot paint (hidden, empty, or its window not exposed: minimized, not
shown yet) gets no paint to wait for: the callback then runs at once (from the event loop).
A hide before the paint ends the wait too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Calls ``callback`` once, after ``widget``'s next paint (see the module's doc)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._done = False
        if can_paint(widget):
            widget.installEventFilter(self)
            widget.update()
        else:
            self._soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._widget and event.type() in (QEvent.Type.Paint,
                                                          QEvent.Type.Hide):
            self._widget.removeEventFilter(self)
            self._soon()
        return False

    def _soon(self) -> None:
        QTimer.singleShot(0, self, self._run)

    def _run(self) -> None:
        if not self._done:
            self._done = True
            self._callback()
            self.deleteLater()


def can_paint(widget: QWidget) -> bool:
    """The widget is shown, not empty, and its window is on screen (exposed): an update
    will paint it."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    handle = widget.window().windowHandle()
    return handle is not None and handle.isExposed()
