"""One call at a time off the GUI thread (a connection test waits up to seconds for a
server; the keyring may block), answered by ``finished(result)`` on the GUI thread.

Used by the settings dialog's Jira test and the Team page's test / save / disconnect.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from stacklens_desktop.ui.worker_thread import one_shot_thread


class _CallWorker(QObject):
    finished = Signal(object)

    def __init__(self, call: Callable[[], object],
                 on_error: Callable[[Exception], object]) -> None:
        super().__init__()
        self._call = call
        self._on_error = on_error

    @Slot()
    def run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # noqa: BLE001 - the caller must get an answer
            result = self._on_error(exc)
        self.finished.emit(result)


class OffThreadCall(QObject):
    """Runs one call at a time in its own thread named ``name``; an exception becomes the
    result ``on_error(exc)``. ``finished(result)`` comes on the owner's thread."""

    finished = Signal(object)

    def __init__(self, name: str, on_error: Callable[[Exception], object],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._on_error = on_error
        self._thread: QThread | None = None
        self._worker: _CallWorker | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, call: Callable[[], object]) -> bool:
        """Run ``call`` off this thread (False, and nothing done, while one still runs)."""
        if self._thread is not None:
            return False
        self._worker = _CallWorker(call, self._on_error)
        self._thread = one_shot_thread(self._worker, self._name, self._worker.run,
                                       (self._worker.finished,))
        self._worker.finished.connect(self._done)  # queued to this (GUI) thread
        self._thread.start()
        return True

    def _done(self, result: object) -> None:
        self.wait()
        self.finished.emit(result)

    def wait(self) -> None:
        """Join the thread (it has quit or is about to: the call ended)."""
        if self._thread is not None:
            self._thread.wait()
            self._thread = None
            self._worker = None
