"""The Team page's Test connection / Save / Disconnect off the GUI thread (a connection
attempt waits up to five seconds; the keyring may block): one at a time, answered by
``finished(kind, TeamAnswer)`` on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from stacklens_desktop.ui.off_thread_call import OffThreadCall
from stacklens_desktop.ui.team_connect import (
    TeamAnswer,
    check_team,
    connect_team,
    disconnect_team,
)


class TeamTester(QObject):
    #: (kind: "test" | "save" | "disconnect", TeamAnswer)
    finished = Signal(str, object)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._call = OffThreadCall("stacklens-team-test",
                                   lambda exc: TeamAnswer(False, f"It failed: {exc}"), self)
        self._call.finished.connect(self._done)
        self._kind = ""

    @property
    def busy(self) -> bool:
        return self._call.busy

    def test(self, address: str, password: str | None) -> bool:
        return self._start("test", lambda: check_team(address, password))

    def save(self, address: str, password: str | None) -> bool:
        return self._start("save", lambda: connect_team(self._data_dir, address, password))

    def forget(self) -> bool:
        return self._start("disconnect", lambda: disconnect_team(self._data_dir))

    def _start(self, kind: str, action: Callable[[], TeamAnswer]) -> bool:
        if self._call.busy:
            return False
        self._kind = kind
        return self._call.start(action)

    def _done(self, answer: TeamAnswer) -> None:
        self.finished.emit(self._kind, answer)

    def wait(self) -> None:
        self._call.wait()
