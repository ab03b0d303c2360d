"""What a first start shows instead of an empty table: what StackLens does and the three
ways to begin (watch a log, import one, or try the POS simulator)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from stacklens_desktop.ui import icons

CHOICES = (
    ("file", "add-file", "Watch a log file…",
     "Follow a file as it grows; new errors appear within a second."),
    ("import", "import", "Import a log file…",
     "Analyse a whole file (plain or .gz) once, in the background."),
    ("pos", "pos", "Try it with the POS simulator",
     "A demo till that writes a log with real-looking failures, watched from its start."),
)


class EmptyState(QWidget):
    #: "file", "import" or "pos".
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        title = QLabel("<h2>No errors yet</h2>")
        intro = QLabel("StackLens reads application logs, groups their errors into patterns, "
                       "explains each one and can file one Jira ticket per pattern.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, intro):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(widget)
        layout.addSpacing(12)
        for key, icon, text, hint in CHOICES:
            button = QPushButton(icons.icon(icon), text)
            button.setIconSize(QSize(20, 20))
            button.setMinimumWidth(280)
            button.setToolTip(hint)
            button.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            self.buttons[key] = button
            note = QLabel(f"<small>{hint}</small>")
            note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(note)
            layout.addSpacing(6)
        layout.addStretch(2)
