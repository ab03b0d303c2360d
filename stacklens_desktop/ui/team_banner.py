"""The line above the window's content in team mode: which team store, as whom, and whether
live updates run; or, in red, why the team store cannot be used (no traceback, and nothing
from the SQLite profile is shown instead)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from stacklens_desktop.ui.above_central import put_above_central

OK_STYLE = "QLabel { background: #e3f2fd; color: #0d47a1; padding: 4px 8px; }"
PROBLEM_STYLE = "QLabel { background: #ffebee; color: #b71c1c; padding: 6px 8px; }"


class TeamBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_banner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = False
        self.hide()

    def connected(self, address: str, user: str, live: str) -> None:
        self.problem = False
        self.setStyleSheet(OK_STYLE)
        self.setText(f"<b>Team store</b> {html.escape(address)} · signed in as "
                     f"<b>{html.escape(user)}</b> · {html.escape(live)}")
        self.show()

    def failed(self, sentence: str) -> None:
        self.problem = True
        self.setStyleSheet(PROBLEM_STYLE)
        self.setText(f"<b>Team mode: the team store is not available.</b> "
                     f"{html.escape(sentence)} Nothing from this profile's own database is "
                     "shown instead: fix the connection (Settings, Team page) and start "
                     "StackLens again.")
        self.show()


def add_team_banner(window: QMainWindow) -> TeamBanner:
    """Put the banner above the window's central widget."""
    banner = TeamBanner()
    put_above_central(window, banner)
    return banner
