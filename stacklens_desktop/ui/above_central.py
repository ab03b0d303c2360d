"""A line above a main window's central widget (the demo's banner, team mode's banner)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget


def put_above_central(window: QMainWindow, widget: QWidget,
                      margins: tuple[int, int, int, int] = (0, 0, 0, 0),
                      spacing: int = 0) -> None:
    """The window's central widget (whatever it is) moves below ``widget``."""
    central = window.takeCentralWidget()
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    layout.addWidget(widget)
    if central is not None:
        layout.addWidget(central, 1)
    window.setCentralWidget(host)
