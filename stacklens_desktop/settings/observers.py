"""Plain-Python change notification: who wants to hear that a settings section was saved."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from stacklens_desktop.settings.app_settings import AppSettings

log = logging.getLogger("stacklens.settings")

#: (section key, the settings after the change)
Listener = Callable[[str, AppSettings], None]


class SettingsObservers:
    """Listeners are called on the thread that saved, in the order they subscribed; one that
    fails is logged and does not stop the others."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add ``listener``; returns the function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def notify(self, key: str, settings: AppSettings) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(key, settings)
            except Exception:
                log.exception("a settings listener failed on %s", key)
