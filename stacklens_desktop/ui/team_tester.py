"""The Team page's Test connection / Save / Disconnect off the GUI thread (a connection
attempt waits up to five seconds; the keyring may block): one at a time, answered by
``finished(TeamAnswer)`` on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from stacklens_desktop.ui.team_connect import (
    TeamAnswer,
    check_team,
    connect_team,
    disconnect_team,
)
from stacklens_desktop.ui.worker_thread import one_shot_thread


class TeamActionWorker(QObject):
    finished = Signal(object)  # TeamAnswer

    def __init__(self, action: Callable[[], TeamAnswer]) -> None:
        super().__init__()
        self._action = action

    @Slot()
    def run(self) -> None:
        try:
            answer = self._action()
        except Exception as exc:  # noqa: BLE001 - the page must get an answer
            answer = TeamAnswer(False, f"It failed: {exc}")
        self.finished.emit(answer)


class TeamTester(QObject):
    #: (kind: "test" | "save" | "disconnect", TeamAnswer)
    finished = Signal(str, object)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._thread: QThread | None = None
        self._worker: TeamActionWorker | None = None
        self._kind = ""

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def test(self, address: str, password: str | None) -> bool:
        return self._start("test", lambda: check_team(address, password))

    def save(self, address: str, password: str | None) -> bool:
        return self._start("save", lambda: connect_team(self._data_dir, address, password))

    def forget(self) -> bool:
        return self._start("disconnect", lambda: disconnect_team(self._data_dir))

    def _start(self, kind: str, action: Callable[[], TeamAnswer]) -> bool:
        if self._thread is not None:
            return False
        self._kind = kind
        self._worker = TeamActionWorker(action)
        self._thread = one_shot_thread(self._worker, "stacklens-team-test", self._worker.run,
                                       (self._worker.finished,))
        self._worker.finished.connect(self._done)  # queued to this (GUI) thread
        self._thread.start()
        return True

    def _done(self, answer: TeamAnswer) -> None:
        self.wait()
        self.finished.emit(self._kind, answer)

    def wait(self) -> None:
        """Join the thread (it has quit or is about to: the action ended)."""
        if self._thread is not None:
            self._thread.wait()
            self._thread = None
            self._worker = None
