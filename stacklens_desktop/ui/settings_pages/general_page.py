"""The profile's folder (read-only, with Open folder), the colour theme and the tray."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
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
    #: (on) the tray icon and its notifications switched, applied at once.
    tray_chosen = Signal(bool)

    def __init__(self, theme: str, data_dir: Path, tray: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tray = QCheckBox("Show the tray icon and notify new critical patterns "
                              "and regressions")
        self.tray.setChecked(tray)
        self.tray.toggled.connect(self.tray_chosen)
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
        form.addRow("Tray:", self.tray)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
