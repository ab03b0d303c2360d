"""Opening the settings dialog on a running window: what it shows, where its saves go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from stacklens_desktop.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from stacklens_desktop.ui.main_window import MainWindow


def show_settings(window: MainWindow) -> SettingsDialog:
    """The dialog, window-modal and not blocking (the event loop goes on). It is deleted when
    closed, which also ends its connections to the session."""
    session = window.session
    dialog = SettingsDialog(session.app_settings, session.tokens, theme=window.theme,
                            data_dir=window.data_dir, sources=window.sources.paths(),
                            jira_running=lambda: session.jira is not None,
                            tray=window.tray.enabled, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    worker = session.store.worker
    dialog.theme_chosen.connect(window.set_theme)
    dialog.tray_chosen.connect(window.set_tray)
    dialog.save_requested.connect(session.store.save_settings)
    dialog.sources.add_requested.connect(window.add_source)
    dialog.sources.remove_requested.connect(window.remove_source)
    worker.settings_saved.connect(dialog.saved)
    worker.settings_refused.connect(dialog.refused)
    session.jira_changed.connect(dialog.refresh_jira_note)
    dialog.open()
    return dialog
