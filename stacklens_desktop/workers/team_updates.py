"""Live updates of the team store for the window: a thread that LISTENs and re-emits every
announcement (an agent's shipment, another desktop's triage) as a Qt signal. No polling:
PostgreSQL pushes the message when the change commits."""

from __future__ import annotations

import logging
import threading

import psycopg
from PySide6.QtCore import QObject, QThread, Signal

from stacklens_desktop.store.team.notify import Listener

log = logging.getLogger("stacklens.team.updates")

#: How often the listening loop looks at its stop flag (the wait returns at once on a message).
WAKE_S = 0.25


class TeamUpdatesWorker(QObject):
    """Lives in its own thread; :meth:`listen` blocks there until :meth:`stop`."""

    #: the announcement: {"kind": "events" | "triage" | "correction" | "merge" | "agent" |
    #: "ticket" | "retry" | "sync" | "synced" |
    #: "tickets", ...} (see store/team/ingest.py, triage.py, merges.py)
    changed = Signal(dict)
    failed = Signal(str)  # one readable line: the connection was lost or refused
    listening = Signal()

    def __init__(self, conninfo: str, password: str | None) -> None:
        super().__init__()
        self._conninfo = conninfo
        self._password = password
        self._stop = threading.Event()

    def listen(self) -> None:
        try:
            listener = Listener(self._conninfo, self._password)
        except psycopg.Error as exc:
            self.failed.emit(f"live updates unavailable: {str(exc).strip().splitlines()[0]}")
            return
        self.listening.emit()
        try:
            while not self._stop.is_set():
                for message in listener.stream(timeout=WAKE_S):
                    self.changed.emit(message)
        except psycopg.Error as exc:
            self.failed.emit(f"live updates stopped: {str(exc).strip().splitlines()[0]}")
        finally:
            listener.close()

    def stop(self) -> None:
        """Thread-safe: the loop ends within :data:`WAKE_S`."""
        self._stop.set()


class TeamUpdates(QObject):
    """Owns the worker and its thread (start, stop); the window connects to ``worker``."""

    def __init__(self, conninfo: str, password: str | None) -> None:
        super().__init__()
        self.worker = TeamUpdatesWorker(conninfo, password)
        self._thread = QThread()
        self._thread.setObjectName("stacklens-team-updates")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.listen)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.worker.stop()
        self._thread.quit()
        self._thread.wait()
