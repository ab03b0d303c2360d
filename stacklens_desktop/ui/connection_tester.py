"""Test connection off the GUI thread: one check per run, answered by a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.connection_check import CheckCode, ConnectionCheck, check_connection
from stacklens_desktop.ui.off_thread_call import OffThreadCall


class ConnectionTester(QObject):
    """GUI-side: starts one test at a time; ``finished(ConnectionCheck)`` on the GUI thread.
    The saved token is read from the keyring in the test's thread too."""

    finished = Signal(object)

    def __init__(self, tokens: TokenStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tokens = tokens
        self._call = OffThreadCall("stacklens-jira-test", _failed, self)
        self._call.finished.connect(self.finished)

    @property
    def busy(self) -> bool:
        return self._call.busy

    def start(self, settings: JiraSettings, token: str | None) -> bool:
        def check() -> ConnectionCheck:
            used = token or self._tokens.get(settings.site, settings.username)[0]
            return check_connection(settings, used)

        return self._call.start(check)

    def wait(self) -> None:
        self._call.wait()


def _failed(exc: Exception) -> ConnectionCheck:
    return ConnectionCheck(CheckCode.OTHER, f"The test failed: {exc}")
