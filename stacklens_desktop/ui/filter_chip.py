"""A removable filter shown above a table: a rounded label with a × that clears it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

RADIUS = 10


class FilterChip(QWidget):
    """Hidden until :meth:`show_text`; the × (or :meth:`clear`) hides it and says so."""

    #: the user removed the filter (the ×).
    removed = Signal()

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_chip")
        self.label = QLabel()
        self.label.setToolTip(tooltip)
        self.close_button = QToolButton()
        self.close_button.setText("\u00d7")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Remove this filter")
        self.close_button.clicked.connect(self._remove)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 2, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.close_button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """A rounded outline in the palette's colours (a style sheet would keep the colours
        of the theme it was polished in)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().highlight().color(), 1))
        painter.setBrush(self.palette().alternateBase())
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS,
                                RADIUS)
        painter.end()
        super().paintEvent(event)

    def _remove(self) -> None:
        self.hide()
        self.removed.emit()
