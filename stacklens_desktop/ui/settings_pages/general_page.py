"""The profile's folder (read-only, with Open folder) and the colour theme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui.palette import THEMES
from stacklens_desktop.ui.settings_pages.tint import tint

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class GeneralPage(QWidget):
    #: (theme) chosen and applied at once.
    theme_chosen = Signal(str)

    def __init__(self, theme: str, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = QComboBox()
        for key in THEMES:
            self.theme.addItem(THEME_LABELS[key], key)
        self.theme.setMinimumWidth(200)
        self.theme.setCurrentIndex(THEMES.index(theme) if theme in THEMES else 0)
        self.theme.currentIndexChanged.connect(
            lambda _i: self.theme_chosen.emit(self.theme.currentData()))
        self.folder = QLineEdit(str(data_dir))
        self.folder.setReadOnly(True)
        self.open_folder = QPushButton("Open folder")
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir))))
        folder = QHBoxLayout()
        folder.addWidget(self.folder, 1)
        folder.addWidget(self.open_folder)
        hint = QLabel("The database, the model cache and the app's log live here. Start "
                      "StackLens with --data-dir (or STACKLENS_DATA_DIR) to use another.")
        tint(hint, "hint")
        hint.setWordWrap(True)
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme)
        theme_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Data directory:", folder)
        form.addRow("", hint)
        form.addRow("Colours:", theme_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
