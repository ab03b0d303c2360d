"""A label whose size does not follow its text (issue 13).

``QLabel.setText`` asks the parent layout to lay out again unless the label's size is fixed.
The pattern table's count ("9,500 of 10,000+ patterns") changes with every page of the
start, and each change laid the whole tab out again and repainted it, the detail pane with
it: 48 widgets, 9–17 ms of the GUI thread per page, against 5 ms for the table alone. This
label is sized once for the widest text it is meant to hold, and only ever grows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QLabel):
    """A fixed-size label, wide enough for ``widest`` (and for any longer text it is given:
    then it grows, once)."""

    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widest = widest
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        if text == self.text():
            return
        if self._advance(text) > self._advance(self._widest):
            self._widest = text
            self._fit()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _advance(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text)

    def _fit(self) -> None:
        margins = self.contentsMargins()
        extra = 2 * self.margin() + margins.left() + margins.right() + 2
        height = max(self.fontMetrics().height() + 2 * self.margin() + margins.top()
                     + margins.bottom(), self.minimumSizeHint().height())
        self.setFixedSize(self._advance(self._widest) + extra, height)
