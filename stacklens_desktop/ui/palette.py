"""Light and dark palettes (Fusion), following the system's colour scheme unless the user
chose one in Settings. The severity and status colours are mid-tones that read on both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e3e5e8",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282c",
    QPalette.ColorRole.ToolTipBase: "#111214",
    QPalette.ColorRole.ToolTipText: "#e3e5e8",
    QPalette.ColorRole.PlaceholderText: "#8a8f98",
    QPalette.ColorRole.Text: "#e3e5e8",
    QPalette.ColorRole.Button: "#35373c",
    QPalette.ColorRole.ButtonText: "#e3e5e8",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#45484e",
    QPalette.ColorRole.Midlight: "#3a3d42",
    QPalette.ColorRole.Mid: "#2a2c30",
    QPalette.ColorRole.Dark: "#18191c",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d6fb6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8fe",
    QPalette.ColorRole.LinkVisited: "#b197fc",
}
_DISABLED_DARK = {
    QPalette.ColorRole.WindowText: "#6d7178",
    QPalette.ColorRole.Text: "#6d7178",
    QPalette.ColorRole.ButtonText: "#6d7178",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role, color in _DISABLED_DARK.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str, system_dark: bool | None = None) -> bool:
    """``system_dark``: the system's scheme as just announced (None: ask the system)."""
    if theme != "system":
        return theme == "dark"
    return system_is_dark() if system_dark is None else system_dark


def apply_theme(theme: str, app: QApplication | None = None,
                system_dark: bool | None = None) -> bool:
    """Fusion with the light or dark palette; returns True when dark."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert isinstance(app, QApplication)
    style = QStyleFactory.create("Fusion")
    app.setStyle(style)
    dark = is_dark(theme, system_dark)
    app.setPalette(dark_palette() if dark else style.standardPalette())
    return dark


def palette_is_dark() -> bool:
    """The palette in use has a dark window colour (whatever set it)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
