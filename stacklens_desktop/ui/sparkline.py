"""A small bar sparkline: a pattern's occurrences over the last hour of log time."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from stacklens_desktop.ui import theme


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[int] = []
        self.color = QColor(theme.LINK_COLOR)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip("Occurrences over the last hour of log time (2-minute bars)")

    def set_values(self, values: list[int], severity: str | None = None) -> None:
        self.values = list(values)
        if severity:
            self.color = theme.severity_color(severity)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(150, 26)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.values:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        top = max(self.values) or 1
        width = self.width() / len(self.values)
        height = self.height() - 2
        for i, value in enumerate(self.values):
            bar = max(1.0, height * value / top) if value else 1.0
            painter.setBrush(self.color if value else self.palette().mid())
            painter.drawRect(QRectF(i * width + 0.5, self.height() - bar, width - 1.0, bar))
        painter.end()
