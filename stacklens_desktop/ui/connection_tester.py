"""Test connection off the GUI thread: one check per run, answered by a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.connection_check import CheckCode, ConnectionCheck, check_connection
from stacklens_desktop.ui.worker_thread import one_shot_thread


class ConnectionTestWorker(QObject):
    #: ConnectionCheck
    finished = Signal(object)

    def __init__(self, settings: JiraSettings, token: str | None, tokens: TokenStore) -> None:
        super().__init__()
        self._settings = settings
        self._token = token
        self._tokens = tokens

    @Slot()
    def run(self) -> None:
        try:
            token = self._token or self._tokens.get(self._settings.site,
                                                     self._settings.username)[0]
            result = check_connection(self._settings, token)
        except Exception as exc:  # noqa: BLE001 - the dialog must get an answer
            result = ConnectionCheck(CheckCode.OTHER, f"The test failed: {exc}")
        self.finished.emit(result)


class ConnectionTester(QObject):
    """GUI-side: starts one test at a time; ``finished(ConnectionCheck)`` on the GUI thread."""

    finished = Signal(object)

    def __init__(self, tokens: TokenStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tokens = tokens
        self._thread: QThread | None = None
        self._worker: ConnectionTestWorker | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, settings: JiraSettings, token: str | None) -> bool:
        if self._thread is not None:
            return False
        self._worker = ConnectionTestWorker(settings, token, self._tokens)
        self._thread = one_shot_thread(self._worker, "stacklens-jira-test", self._worker.run,
                                       (self._worker.finished,))
        self._worker.finished.connect(self._done)  # queued to this (GUI) thread
        self._thread.start()
        return True

    def _done(self, result: ConnectionCheck) -> None:
        self.wait()
        self.finished.emit(result)

    def wait(self) -> None:
        """Join the thread (it has quit or is about to: the check ended)."""
        if self._thread is not None:
            self._thread.wait()
            self._thread = None
            self._worker = None
