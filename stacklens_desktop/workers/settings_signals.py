"""The profile's settings changes as a Qt signal (the profile itself knows no Qt)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from stacklens_desktop.profile import Profile
from stacklens_desktop.settings.app_settings import AppSettings


class SettingsSignals(QObject):
    """Emits ``changed`` from the thread that saved; receivers in other threads get it
    queued (Qt's automatic connection), so the GUI hears it on its own thread."""

    #: (section key, AppSettings after the change)
    changed = Signal(str, object)

    def __init__(self, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = profile.subscribe(self._relay)

    def _relay(self, key: str, settings: AppSettings) -> None:
        self.changed.emit(key, settings)

    def detach(self) -> None:
        self._unsubscribe()
