"""Screenshots of the demo after the user's order: the main window and the till beside it,
as placed on a 1920 x 1080 screen, light and dark (``STACKLENS_SCREENSHOTS=DIR`` keeps them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter, QPalette

from stacklens_desktop.ui.demo_window import place_side_by_side
from tests.ui.conftest import wait_for_row
from tests.ui.test_ui_demo import (  # noqa: F401 - demo_window is a fixture
    MISSING_PRICE,
    demo_window,
    jira_panel_keys,
    place_premium_item,
)
from tests.ui.test_ui_screenshots import _distinct_colours, _out_dir, restore_light  # noqa: F401

SCREEN = QRect(0, 0, 1920, 1080)


def shoot_screen(windows: list, out: Path, name: str) -> QImage:
    """The windows painted where they stand on :data:`SCREEN`, as a desktop would show them."""
    image = QImage(SCREEN.size(), QImage.Format.Format_ARGB32)
    image.fill(0xFF3A3F47)
    painter = QPainter(image)
    for window in windows:
        window.repaint()
        painter.drawPixmap(window.geometry().topLeft(), window.grab())
    painter.end()
    assert image.save(str(out / f"{name}.png"))
    assert _distinct_colours(image) > 40, name
    return image


def test_demo_screenshots_light_and_dark(qtbot, qapp, tmp_path: Path, demo_window,  # noqa: F811
                                         restore_light) -> None:  # noqa: F811
    out = _out_dir(tmp_path)
    demo, window = demo_window
    till = window.pos_launcher.window
    assert till is not None
    qtbot.waitUntil(lambda: window.sources.state_of(str(demo.log_path)) == "watching",
                    timeout=30_000)
    place_side_by_side(window, till, SCREEN)
    _shoot_both_themes(qtbot, qapp, window, till, out, "demo-start")
    place_premium_item(qtbot, till)
    wait_for_row(qtbot, window, MISSING_PRICE)
    qtbot.waitUntil(lambda: bool(jira_panel_keys(window)), timeout=30_000)
    qtbot.waitUntil(lambda: window.patterns.detail.detail is not None, timeout=10_000)
    model = window.patterns.model
    qtbot.waitUntil(lambda: model.row_at(0).ticket_key is not None, timeout=10_000)
    _shoot_both_themes(qtbot, qapp, window, till, out, "demo-ticket")
    window.tabs.setCurrentWidget(window.jira)
    _shoot_both_themes(qtbot, qapp, window, till, out, "demo-jira")
    assert len(list(out.glob("demo-*.png"))) == 6


def _shoot_both_themes(qtbot, qapp, window, till, out: Path, name: str) -> None:
    for theme in ("light", "dark"):
        window.set_theme(theme)
        window.repaint()  # the banner follows the palette as it paints
        qtbot.wait(50)
        dark = qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert dark == (theme == "dark")
        shoot_screen([window, till], out, f"{name}-{theme}")
