"""History: each import and watch session; double-click (or Enter) shows the patterns it
found."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui.history_model import RUN_ROLE, HistoryModel
from stacklens_desktop.ui.rows import RunRow


class HistoryTab(QWidget):
    #: (RunRow) the user wants the patterns that had events in that run.
    run_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setObjectName("history_view")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._open)  # a double-click or Enter
        self.note = QLabel()
        self.note.setWordWrap(True)  # else its length sets the window's minimum width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self.show_runs([])

    def show_runs(self, runs: list[RunRow]) -> None:
        self.model.set_runs(runs)
        self.note.setText(
            "Imports and watch sessions, newest first. Double-click one (or press Enter) to "
            "see the patterns it found." if runs else "Nothing analysed yet: watch a log "
            "(Ctrl+O) or import one (Ctrl+I); each watch session and import is listed here.")

    def _open(self, index: QModelIndex) -> None:
        run = self.model.data(index, RUN_ROLE)
        if isinstance(run, RunRow):
            self.run_opened.emit(run)


