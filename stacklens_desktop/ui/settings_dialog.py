"""Settings: the colour theme (system / light / dark), where the profile lives, and the Jira
site in use (configured with ``stacklens jira configure``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from stacklens_desktop.ui.palette import THEMES

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    #: (theme) chosen and applied at once.
    theme_chosen = Signal(str)

    def __init__(self, theme: str, data_dir: Path, jira: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.theme = QComboBox()
        for key in THEMES:
            self.theme.addItem(THEME_LABELS[key], key)
        self.theme.setCurrentIndex(max(0, THEMES.index(theme) if theme in THEMES else 0))
        self.theme.currentIndexChanged.connect(
            lambda _i: self.theme_chosen.emit(self.theme.currentData()))
        folder = QLabel(str(data_dir))
        open_button = QPushButton("Open folder")
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir))))
        profile = QHBoxLayout()
        profile.addWidget(folder, 1)
        profile.addWidget(open_button)
        jira_label = QLabel(jira)
        jira_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Colours:", self.theme)
        form.addRow("Profile:", profile)
        form.addRow("Jira:", jira_label)
        form.addRow(buttons)
