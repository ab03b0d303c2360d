"""Saving the window's layout at close and putting it back at the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stacklens_desktop.ui.window_state import read_bytes, read_int

if TYPE_CHECKING:
    from stacklens_desktop.ui.main_window import MainWindow


def save_window(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/split", window.split.saveState())
    settings.setValue("window/tab", window.tabs.currentIndex())
    window.patterns.save_state(settings)
    settings.sync()


def restore_window(window: MainWindow) -> None:
    """What the last session saved (nothing on a first start: the defaults stay)."""
    settings = window.settings
    geometry = read_bytes(settings, "window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = read_bytes(settings, "window/state")
    if state is not None:
        window.restoreState(state)
    split = read_bytes(settings, "window/split")
    if split is not None:
        window.split.restoreState(split)
    window.tabs.setCurrentIndex(read_int(settings, "window/tab", 0))
    window.patterns.restore_state(settings)
