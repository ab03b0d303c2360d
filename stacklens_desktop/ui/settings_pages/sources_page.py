"""Watched sources: the files and globs followed live (the same list as the side panel)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui.settings_pages.tint import tint


class SourcesPage(QWidget):
    #: a path or glob to watch
    add_requested = Signal(str)
    #: a path or glob to stop watching
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.add_file = QPushButton("Add file…")
        self.add_glob = QPushButton("Add pattern…")
        self.remove = QPushButton("Remove")
        self.remove.setEnabled(False)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove.setEnabled(bool(self.list.selectedItems())))
        self.add_file.clicked.connect(self._ask_file)
        self.add_glob.clicked.connect(self._ask_glob)
        self.remove.clicked.connect(self._remove)
        hint = QLabel("Changes apply at once: watching starts or stops as you add or remove "
                      "(no need to Save).")
        tint(hint, "hint")
        buttons = QHBoxLayout()
        for button in (self.add_file, self.add_glob, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def load(self, paths: list[str]) -> None:
        self.list.clear()
        self.list.addItems(paths)

    def paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Watch a log file")
        if path:
            self._add(path)

    def _ask_glob(self) -> None:
        text, ok = QInputDialog.getText(self, "Watch a pattern", "Files matching:",
                                        text="/var/log/app/*.log")
        if ok and text.strip():
            self._add(text.strip())

    def _add(self, path: str) -> None:
        if path not in self.paths():
            self.list.addItem(path)
        self.add_requested.emit(path)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
            self.remove_requested.emit(item.text())
