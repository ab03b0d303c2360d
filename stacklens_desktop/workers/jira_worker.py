"""The Jira worker: drains the outbox and syncs statuses off the GUI thread.

A ``JiraWorker`` is moved to its own ``QThread`` (see :func:`start_jira_thread`). A ``QTimer``
in that thread ticks every few seconds; ``wake`` ticks at once (the analysis worker calls it
after a batch that enqueued something). It talks to the rest of the app through signals only
and never touches a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from stacklens_desktop.jira.stamps import utcnow
from stacklens_desktop.jira.ticket_service import TicketService, TickReport, describe_sync
from stacklens_desktop.store import outbox, outbox_retry

log = logging.getLogger("stacklens.jira.worker")
DEFAULT_INTERVAL_MS = 5000


class JiraWorker(QObject):
    #: (pattern id, issue key, browse URL): a ticket was filed or an existing one adopted.
    ticket_filed = Signal(int, str, str)
    #: (pattern id, issue key, change): "commented", "reopened" or "status:<name>".
    ticket_updated = Signal(int, str, str)
    #: (waiting, failed) outbox rows, whenever the numbers change.
    outbox_changed = Signal(int, int)
    #: a readable problem (401, Jira unreachable ...), once per change of message.
    jira_error = Signal(str)
    #: Jira answers again after an error (the window clears its "Last error").
    recovered = Signal()
    #: a readable sentence after "Sync now" (what was checked and changed, or why not).
    sync_finished = Signal(str)
    #: the worker released its resources; the thread may quit.
    stopped = Signal()

    def __init__(self, service_factory: Callable[[], TicketService],
                 interval_ms: int = DEFAULT_INTERVAL_MS,
                 clock: Callable[[], datetime] = utcnow) -> None:
        super().__init__()
        self._service_factory = service_factory
        self._interval_ms = interval_ms
        self._clock = clock
        self._service: TicketService | None = None
        self._timer: QTimer | None = None
        self._counts: tuple[int, int] | None = None
        self._last_error: str | None = None

    def request_stop(self) -> None:
        """Thread-safe (call from the GUI thread): cut the current drain short."""
        if self._service is not None:
            self._service.stop()

    @Slot()
    def start(self) -> None:
        """Runs in the worker thread: builds the service and the timer there."""
        try:
            self._service = self._service_factory()
        except Exception as exc:  # noqa: BLE001 - reported, the app keeps running
            log.exception("jira worker could not start")
            self.jira_error.emit(f"Jira automation is off: {exc}")
            return
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self.wake)
        self._timer.start()
        self.wake()

    @Slot()
    def wake(self) -> None:
        """Drain now (and sync when due). From another thread, reach it through a signal
        (e.g. the analysis worker's ``automation_decided``) or a queued ``invokeMethod``."""
        if self._service is None:
            return
        try:
            report = self._service.tick(self._clock())
        except Exception as exc:  # noqa: BLE001 - a store error must not kill the thread
            log.exception("jira tick failed")
            self._error(f"Jira automation failed: {exc}")
            return
        self._publish(report)

    @Slot()
    def retry_failed(self) -> None:
        """The user's "retry": failed rows and a paused site get another chance now."""
        if self._service is None:
            return
        outbox.retry_failed(self._service.engine, self._clock())
        self._service.processor.resume()
        self.wake()

    @Slot(list)
    def retry(self, ids: list[int]) -> None:
        """The user's "Retry" on chosen outbox rows (none: all), failed or waiting: due now."""
        if self._service is None:
            return
        outbox_retry.retry_now(self._service.engine, self._clock(), ids)
        self._service.processor.resume()
        self.wake()

    @Slot()
    def sync_now(self) -> None:
        """Drain, then read every ticket's status from Jira now (not when the sync is due)."""
        if self._service is None:
            self.sync_finished.emit("Jira automation is not running")
            return
        try:
            report = self._service.tick(self._clock(), force_sync=True)
        except Exception as exc:  # noqa: BLE001 - a store error must not kill the thread
            log.exception("jira sync failed")
            self._error(f"Jira sync failed: {exc}")
            self.sync_finished.emit(f"Sync failed: {exc}")
            return
        self._publish(report)
        self.sync_finished.emit(describe_sync(report))

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._service is not None:
            self._service.stop()
            self._service.close()
            self._service = None
        self.stopped.emit()

    def _publish(self, report: TickReport) -> None:
        for kind, pattern_id, key, url in report.drain.events:
            if kind == "filed":
                self.ticket_filed.emit(pattern_id, key, url)
            else:
                self.ticket_updated.emit(pattern_id, key, "commented" if kind == "updated"
                                         else kind)
        if report.sync is not None:
            for pattern_id, key, status, _category in report.sync.changed:
                self.ticket_updated.emit(pattern_id, key, f"status:{status}")
        assert self._service is not None
        counts = outbox.counts(self._service.engine)
        if counts != self._counts:
            self._counts = counts
            self.outbox_changed.emit(*counts)
        drain = report.drain
        problem = drain.halted or (drain.errors[-1] if drain.errors else None) \
            or report.sync_error
        if problem:
            self._error(problem)
        elif (drain.done or report.sync is not None) and self._last_error is not None:
            self._last_error = None
            self.recovered.emit()

    def _error(self, message: str) -> None:
        if message != self._last_error:
            self._last_error = message
            self.jira_error.emit(message)


def start_jira_thread(worker: JiraWorker) -> QThread:
    """Move ``worker`` to a new thread and start it there."""
    thread = QThread()
    thread.setObjectName("jira-worker")
    worker.moveToThread(thread)
    thread.started.connect(worker.start)
    thread.start()
    return thread


def stop_jira_thread(worker: JiraWorker, thread: QThread, timeout_ms: int = 10_000) -> bool:
    """Orderly stop from the GUI thread: cut waits short, stop in the worker's thread, quit,
    wait. True when the thread ended in time."""
    worker.request_stop()
    worker.stopped.connect(thread.quit, Qt.ConnectionType.DirectConnection)  # GUI waits below
    QTimer.singleShot(0, worker, worker.stop)
    return thread.wait(timeout_ms)
