"""Colours, icons and small formatting shared by the panels."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

SEVERITY_COLORS: dict[str, str] = {
    "critical": "#b71c1c",
    "high": "#e65100",
    "medium": "#f9a825",
    "low": "#607d8b",
}
SEVERITY_RANK: dict[str, int] = {"critical": 0, "high": 1, "medium": 2, "low": 3}
STATE_COLORS: dict[str, str] = {
    "watching": "#2e7d32",
    "waiting": "#f9a825",
    "error": "#c62828",
    "importing": "#1565c0",
    "done": "#607d8b",
}
LINK_COLOR = "#1565c0"


def severity_color(severity: str) -> QColor:
    return QColor(SEVERITY_COLORS.get(severity, "#9e9e9e"))


@cache
def dot_icon(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def severity_icon(severity: str) -> QIcon:
    return dot_icon(SEVERITY_COLORS.get(severity, "#9e9e9e"))


def state_icon(state: str) -> QIcon:
    return dot_icon(STATE_COLORS.get(state, "#9e9e9e"))


@cache
def link_brush() -> QBrush:
    return QBrush(QColor(LINK_COLOR))


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def short_time(iso: str | None) -> str:
    """``2026-11-25T10:00:03.123Z`` → ``2026-11-25 10:00:03``."""
    if not iso:
        return ""
    return iso.replace("T", " ")[:19]


def severity_badge(severity: str) -> str:
    """Rich text of a coloured severity label."""
    color = SEVERITY_COLORS.get(severity, "#9e9e9e")
    return (f'<span style="background:{color}; color:white; padding:2px 6px;">'
            f"&nbsp;{severity.upper()}&nbsp;</span>")
