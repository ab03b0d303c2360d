"""Coalescing bursts of signals into one call (a batch of ids, or a plain "refresh")."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer


class Coalescer(QObject):
    """Collects keys for ``delay_ms`` after the first one, then calls ``flush(keys)`` once."""

    def __init__(self, delay_ms: int, flush: Callable[[set[int]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flush = flush
        self._keys: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)

    def add(self, keys: Iterable[int] = ()) -> None:
        self._keys.update(keys)
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._keys.clear()

    def _fire(self) -> None:
        keys, self._keys = self._keys, set()
        self._flush(keys)
