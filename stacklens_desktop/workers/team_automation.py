"""The team's Jira automation for the window: a thread that contends for the automation role
and, while this desktop holds it, runs passes and drains the team store's outbox
(:class:`~stacklens_desktop.team.automation_runner.TeamAutomationRunner`). Signals only;
the window's session starts it in team mode when the profile has a complete Jira site.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QThread, Signal

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.ticket_service import TickReport
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.team.automation_pass import PassReport
from stacklens_desktop.team.automation_runner import (
    RunnerEvents,
    TeamAutomationRunner,
    jira_runner,
)

log = logging.getLogger("stacklens.team.automation")

#: Makes the runner in the worker's thread; the events go to the worker's signals.
RunnerFactory = Callable[[RunnerEvents], TeamAutomationRunner]


class TeamAddress(Protocol):
    """Where the window's team store is (``ui.team_link.TeamLink`` has these)."""

    @property
    def address(self) -> str: ...  # never with the password

    @property
    def user(self) -> str: ...

    @property
    def password(self) -> str | None: ...


def team_runner_factory(link: TeamAddress, settings: JiraSettings,
                        tokens: TokenStore) -> RunnerFactory:
    """Runners on an engine of their own (the role's session lock holds one connection for
    as long as it is held), as the window's login, draining to ``settings``' Jira site."""

    def make(events: RunnerEvents) -> TeamAutomationRunner:
        url = parse_address(link.address)
        engine = make_team_engine(url, link.password,
                                  application_name=f"stacklens-automation {link.user}")
        return jira_runner(engine, url, link.password, settings, tokens, events,
                           owns_engine=True)

    return make


class TeamAutomationWorker(QObject):
    """Lives in its own thread; :meth:`run` blocks there until :meth:`stop`."""

    #: (held by this desktop, the holder as people read it when not: "" when nobody)
    role_changed = Signal(bool, str)
    #: a pass decided on this many patterns (the Jira panel has news)
    decided = Signal(int)
    #: (pattern id, issue key, "filed" / "updated" / "reopened")
    ticket_changed = Signal(int, str, str)
    #: one readable line, once per change of message
    failed = Signal(str)
    #: the runner released the role and its connections; the thread may quit
    stopped = Signal()

    def __init__(self, factory: RunnerFactory) -> None:
        super().__init__()
        self._factory = factory
        self._stop = threading.Event()
        self._runner: TeamAutomationRunner | None = None

    def run(self) -> None:
        try:
            runner = self._runner = self._factory(_Emitter(self))
        except Exception as exc:  # noqa: BLE001 - reported, the window keeps running
            log.exception("team automation could not start")
            self.failed.emit(f"team automation is off: {exc}")
            self.stopped.emit()
            return
        try:
            runner.run(self._stop)
        finally:
            runner.close()
            self.stopped.emit()

    def stop(self) -> None:
        """Thread-safe: the loop ends within a quarter second (a Jira call in flight first
        finishes its current row)."""
        self._stop.set()
        runner = self._runner
        if runner is not None:
            runner.request_stop()


class _Emitter(RunnerEvents):
    def __init__(self, worker: TeamAutomationWorker) -> None:
        self._worker = worker

    def role(self, held: bool, holder: str) -> None:
        self._worker.role_changed.emit(held, holder)

    def passed(self, report: PassReport, tick: TickReport | None) -> None:
        if report.decisions:
            self._worker.decided.emit(len(report.decisions))
        for kind, pattern_id, key, _url in tick.drain.events if tick else ():
            self._worker.ticket_changed.emit(pattern_id, key, kind)

    def failed(self, message: str) -> None:
        self._worker.failed.emit(message)


class TeamAutomation(QObject):
    """Owns the worker and its thread (start, stop); the window connects to ``worker``."""

    def __init__(self, factory: RunnerFactory) -> None:
        super().__init__()
        self.worker = TeamAutomationWorker(factory)
        self._thread = QThread()
        self._thread.setObjectName("stacklens-team-automation")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """Release the role (another desktop takes over) and end the thread; True when it
        ended in time."""
        self.worker.stop()
        self._thread.quit()
        return self._thread.wait(timeout_ms)
