"""A table that says why it is empty: a grey sentence in its place while its model has no
rows, the table itself as soon as it has one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QStackedWidget, QWidget


class EmptyHint(QStackedWidget):
    def __init__(self, view: QAbstractItemView, text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.hint = QLabel(text)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.hint.setMargin(24)
        self.addWidget(self.hint)
        self.addWidget(view)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        self.setCurrentWidget(self.view if self.view.model().rowCount() else self.hint)
