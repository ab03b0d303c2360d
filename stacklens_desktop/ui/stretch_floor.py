"""A table's stretching column that never shrinks below a readable width.

Qt's ``Stretch`` mode gives a column what the fixed ones leave, down to a few pixels: in a
half-screen window the pattern table's Template column (what the error is) showed as "…"
beside 700 px of fixed columns. Below ``minimum`` the column turns ``Interactive`` at that
width and the table scrolls sideways; wide enough again, it stretches again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

#: the narrowest a stretching column gets (about 35 characters of the table's font)
MINIMUM_WIDTH = 260


class StretchFloor(QObject):
    """Keeps ``column`` of ``view`` stretching, but at least ``minimum`` pixels wide."""

    def __init__(self, view: QTableView, column: int, minimum: int = MINIMUM_WIDTH) -> None:
        super().__init__(view)
        self._view = view
        self._column = column
        self._minimum = minimum
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._other_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def _other_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self._column:  # another column widened or narrowed by hand
            self.apply()

    def room(self) -> int:
        """What the other shown columns leave to this one in the viewport."""
        header = self._view.horizontalHeader()
        others = sum(header.sectionSize(s) for s in range(header.count())
                     if s != self._column and not header.isSectionHidden(s))
        return self._view.viewport().width() - others

    def apply(self) -> None:
        header = self._view.horizontalHeader()
        stretching = header.sectionResizeMode(self._column) == QHeaderView.ResizeMode.Stretch
        if self.room() >= self._minimum:
            if not stretching:
                header.setSectionResizeMode(self._column, QHeaderView.ResizeMode.Stretch)
        elif stretching or header.sectionSize(self._column) < self._minimum:
            header.setSectionResizeMode(self._column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(self._column, self._minimum)
