"""Screenshots of every tab with data, light and dark (offscreen): PNGs to look at, and
checks that each shows something (not one flat colour) in the palette it claims.

Set ``STACKLENS_SCREENSHOTS=DIR`` to keep them (default: the test's temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPalette

from stacklens_desktop.paths import resources_dir
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
