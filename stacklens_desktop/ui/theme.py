"""Colours, icons and small formatting shared by the panels."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)

SEVERITY_COLORS: dict[str, str] = {
    "critical": "#b71c1c",
    "high": "#e65100",
    "medium": "#f9a825",
    "low": "#607d8b",
}
SEVERITY_RANK: dict[str, int] = {"critical": 0, "high": 1, "medium": 2, "low": 3}
#: Most severe first (the taxonomy's order; kept here so panels need not load the store).
SEVERITY_ORDER: tuple[str, ...] = tuple(SEVERITY_RANK)
STATE_COLORS: dict[str, str] = {
    "watching": "#2e7d32",
    "waiting": "#f9a825",
    "error": "#c62828",
    "importing": "#1565c0",
    "done": "#607d8b",
    "imported": "#607d8b",
    "paused": "#9e9e9e",
    "starting": "#90a4ae",
}
LINK_COLOR = "#1565c0"
#: A template's parameters in the detail pane: readable on light and dark palettes.
PARAM_BACKGROUND = "#ffe08a"
PARAM_COLOR = "#3e2723"
#: Triage statuses: how the table names them and the colour of their dot.
STATUS_LABELS: dict[str, str] = {"new": "New", "acknowledged": "Acknowledged",
                                 "muted": "Muted", "resolved": "Resolved",
                                 "regression": "Regression"}
STATUS_COLORS: dict[str, str] = {"new": "#1e88e5", "acknowledged": "#8e24aa",
                                 "muted": "#9e9e9e", "resolved": "#43a047",
                                 "regression": "#e53935"}


def status_text(status: str, muted_until: str | None = None) -> str:
    """``Muted until 14:05`` (UTC, as stored), ``Muted`` (for good), ``Regression``."""
    label = STATUS_LABELS.get(status, status)
    if status == "muted" and muted_until:
        return f"{label} until {short_time(muted_until)[5:16]}"
    return label


def status_icon(status: str) -> QIcon:
    return dot_icon(STATUS_COLORS.get(status, "#9e9e9e"))


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


#: Links on a dark palette (the light one's blue is too dark there).
LINK_COLOR_DARK = "#6ea8fe"


def link_color() -> str:
    """The link blue that reads on the current palette."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return LINK_COLOR_DARK if window.lightness() < 128 else LINK_COLOR


def link_brush() -> QBrush:
    return QBrush(QColor(link_color()))


#: Rows of these statuses are drawn in the palette's placeholder (grey) colour.
QUIET_STATUSES = frozenset({"muted", "resolved"})


def quiet_brush() -> QBrush:
    """Grey that reads on the current palette (light or dark)."""
    return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)


@cache
def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def short_time(iso: str | None) -> str:
    """``2026-11-25T10:00:03.123Z`` → ``2026-11-25 10:00:03``."""
    if not iso:
        return ""
    return iso.replace("T", " ")[:19]


def badge(text: str, color: str) -> str:
    """Rich text of a white label on a coloured ground."""
    return (f'<span style="background:{color}; color:white; padding:2px 6px;">'
            f"&nbsp;{text}&nbsp;</span>")


def severity_badge(severity: str) -> str:
    """Rich text of a coloured severity label."""
    return badge(severity.upper(), SEVERITY_COLORS.get(severity, "#9e9e9e"))
