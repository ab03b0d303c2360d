"""The app's icons: small SVGs in ``resources/icons``, drawn in the palette's text colour
(``currentColor``), so one set reads on light and dark palettes alike."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from stacklens_desktop.paths import resources_dir

SIZES = (16, 24, 32, 48)


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` in the current palette's text colour."""
    color = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return _icon(name, color)


@cache
def _icon(name: str, color: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
