"""Screenshots of every tab with data, light and dark (offscreen): PNGs to look at, and
checks that each shows something (not one flat colour) in the palette it claims.

Set ``STACKLENS_SCREENSHOTS=DIR`` to keep them (default: the test's temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette

from stacklens_desktop.paths import resources_dir
from stacklens_desktop.ui import theme as ui_theme
from stacklens_desktop.ui.palette import apply_theme
from tests.ui.conftest import wait_for_row

SAMPLE = resources_dir() / "samples" / "pos-application.log"


def _out_dir(tmp_path: Path) -> Path:
    chosen = os.environ.get("STACKLENS_SCREENSHOTS")
    path = Path(chosen) if chosen else tmp_path / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 60)
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def _shoot(window, out: Path, name: str) -> QImage:
    window.repaint()
    image = window.grab().toImage()
    assert image.save(str(out / f"{name}.png"))
    assert _distinct_colours(image) > 20, name
    return image


@pytest.fixture
def restore_light(qapp):
    yield
    apply_theme("light", qapp)


def test_screenshots_of_every_tab_light_and_dark(qtbot, qapp, window, tmp_path,
                                                  restore_light) -> None:
    out = _out_dir(tmp_path)
    window.resize(1400, 880)
    tab = window.patterns
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.empty, timeout=10_000)
    _shoot(window, out, "empty-light")
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    window.imports.start(SAMPLE, show_progress=False)
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    first = wait_for_row(qtbot, window, "")
    rows = [window.patterns.model.row_at(r) for r in range(window.patterns.model.rowCount())]
    actions = (("acknowledge", "acknowledged"), ("resolve", "resolved"), ("mute", "muted"))
    wanted = {row.id: status for row, (_, status) in zip(rows[1:4], actions, strict=True)}
    for row, (action, _) in zip(rows[1:4], actions, strict=True):
        window.triage(row.id, action)
    model = window.patterns.model
    qtbot.waitUntil(lambda: all(model.row_at(model.row_of(i)).status == status
                                for i, status in wanted.items()), timeout=10_000)
    assert window.patterns.select_pattern(first.id)
    qtbot.waitUntil(lambda: window.patterns.detail.detail is not None, timeout=10_000)
    for theme in ("light", "dark"):
        window.set_theme(theme)
        dark = qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert dark == (theme == "dark")
        for index, name in enumerate(("patterns", "statistics", "history", "jira")):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(300 if name in ("statistics", "history") else 50)  # charts animate
            _shoot(window, out, f"{name}-{theme}")
    assert len(list(out.glob("*.png"))) == 9


def test_system_theme_follows_a_live_change_of_the_colour_scheme(qtbot, qapp, window,
                                                                 restore_light) -> None:
    """With "system", a light ↔ dark switch of the desktop is followed at once: palette,
    charts, links; with a theme chosen in Settings it is not."""
    hints = qapp.styleHints()
    window.set_theme("system")

    def dark() -> bool:
        return qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128

    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what the platform sends
    assert dark() and ui_theme.link_color() == ui_theme.LINK_COLOR_DARK
    chart = window.stats.severity_view.chart()
    assert chart.backgroundBrush().color().lightness() < 128
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not dark() and ui_theme.link_color() == ui_theme.LINK_COLOR
    assert chart.backgroundBrush().color().lightness() > 128
    window.set_theme("light")  # chosen: the system's scheme no longer matters
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not dark()
