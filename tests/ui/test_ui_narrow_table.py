"""The pattern table in a narrow window: the template (what the error is) stays readable
beside its severity; the other columns scroll sideways, and a wide window stretches it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHeaderView

from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.stretch_floor import MINIMUM_WIDTH


def _shown(qtbot, tmp_path: Path, width: int) -> MainWindow:  # noqa: ANN001
    window = MainWindow(data_dir=tmp_path / "profile")
    qtbot.addWidget(window)
    window.resize(width, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_half_screen_window_keeps_the_template_readable(qtbot, tmp_path: Path) -> None:
    window = _shown(qtbot, tmp_path, 960)
    view = window.patterns.view
    header = view.horizontalHeader()
    assert header.visualIndex(pm.COL_TEMPLATE) == 1  # right after the severity
    qtbot.waitUntil(lambda: header.sectionSize(pm.COL_TEMPLATE) >= MINIMUM_WIDTH)
    assert header.sectionResizeMode(pm.COL_TEMPLATE) == QHeaderView.ResizeMode.Interactive
    assert header.sectionViewportPosition(pm.COL_TEMPLATE) + MINIMUM_WIDTH <= \
        view.viewport().width()  # on screen without scrolling
    assert view.horizontalScrollBar().maximum() > 0  # the other columns scroll


def test_a_wide_window_stretches_the_template_again(qtbot, tmp_path: Path) -> None:
    window = _shown(qtbot, tmp_path, 960)
    header = window.patterns.view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionResizeMode(pm.COL_TEMPLATE)
                    == QHeaderView.ResizeMode.Interactive)
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: header.sectionResizeMode(pm.COL_TEMPLATE)
                    == QHeaderView.ResizeMode.Stretch)
    view = window.patterns.view
    qtbot.waitUntil(lambda: header.length() == view.viewport().width())  # fills the table
    assert header.sectionSize(pm.COL_TEMPLATE) > MINIMUM_WIDTH
