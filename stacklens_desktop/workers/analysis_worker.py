"""The analysis worker: the only database writer. Turns tail results into stored events.

It lives in its own QThread and answers each ``lines_read`` batch with coalesced signals (one
per batch, not one per line), then ``batch_done`` so that the watcher may read more. A
single-shot timer closes the records left open (waiting for their continuation lines) once
their source has been idle for its wait; stopping closes them all.

When a write fails for a reason that passes (disk full, I/O error, locked), the work waits in
the pipeline, ``write_blocked`` says why, and a timer retries with back-off; ``batch_done`` is
held back meanwhile, so the watcher stops reading (the unread data stays in the files) and
``write_resumed`` follows once everything waiting is stored.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from stacklens_desktop.gcheap import freeze_long_lived
from stacklens_desktop.live import AutomationHook, LivePipeline, LiveReport
from stacklens_desktop.live_sessions import PROGRESS_MS
from stacklens_desktop.store import Store, StoreError, open_store, queries

log = logging.getLogger("stacklens.analysis")

#: Counting the store costs a scan of the event table: at most this often.
STATS_INTERVAL_S = 0.5
#: Retry of a blocked write: first after this many ms, doubling up to the maximum.
RETRY_FIRST_MS = 250
RETRY_MAX_MS = 8_000


class AnalysisWorker(QObject):
    #: list[StoredEvent] committed by one batch.
    events_stored = Signal(list)
    #: list[PatternChange]: patterns created or updated by one batch (with their counts).
    patterns_changed = Signal(list)
    #: (path, state, reason) of a source whose state changed.
    source_state_changed = Signal(str, str, str)
    #: dict in the shape of ``stacklens stats --json``, at most once per batch.
    stats_changed = Signal(dict)
    #: list of automation decisions taken in the batch transaction (Jira).
    automation_decided = Signal(list)
    #: emitted after every batch once it is stored (or failed for good): the watcher may
    #: read more. Held back while writes wait (back-pressure).
    batch_done = Signal()
    #: a readable message for an expected failure (database locked, disk full ...).
    failed = Signal(str)
    #: (reason, paths): writes wait for the reason to pass ("the disk ... is full"); nothing
    #: read is lost, it is written once the retry succeeds.
    write_blocked = Signal(str, list)
    #: the writes that waited are stored; live work goes on.
    write_resumed = Signal()
    #: (lines) processed so far, for progress and benchmarks.
    lines_processed = Signal(int)
    #: the running watch sessions' counts were stored (the history may show them).
    sessions_saved = Signal()
    #: the store is closed; the thread may quit.
    stopped = Signal()

    def __init__(self, data_dir: Path, judge_factory, automation: AutomationHook | None = None,
                 emit_stats: bool = True,
                 wait_for: Callable[[str], float] | None = None) -> None:
        super().__init__()
        self._wait_for = wait_for
        self._idle_timer: QTimer | None = None
        self._data_dir = data_dir
        self._judge_factory = judge_factory
        self._automation = automation
        self._emit_stats = emit_stats
        self._store: Store | None = None
        self._pipeline: LivePipeline | None = None
        self._lines = 0
        self._last_stats = 0.0
        self._owed_done = 0
        self._retry_ms = RETRY_FIRST_MS
        self._retry: QTimer | None = None
        self._progress: QTimer | None = None
        #: the last stats held back by the interval, sent when it is over (trailing edge)
        self._stats_timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        """Runs in the worker thread: opens the store and loads the model there."""
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._resume)
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._idle_timer.timeout.connect(self._close_idle)
        self._progress = QTimer(self)
        self._progress.setInterval(PROGRESS_MS)
        self._progress.timeout.connect(self._save_sessions)
        self._progress.start()
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.timeout.connect(self._send_stats)
        try:
            self._store = open_store(self._data_dir)
            judge = self._judge_factory(self._data_dir, self._store.engine)
            self._pipeline = LivePipeline(self._store, judge, self._automation, self._wait_for)
            freeze_long_lived()  # else each full GC rescans the model: 100+ ms stalls
        except StoreError as exc:
            self.failed.emit(str(exc))

    @Slot(list)
    def process(self, results: list) -> None:
        self._owed_done += 1
        self._run(lambda pipeline: pipeline.process(results))

    @Slot(str)
    def end_session(self, path: str) -> None:
        """``path`` (a file or glob) is no longer watched: its open record is stored and its
        watch session ends (a resume starts a new one)."""
        self._run(lambda pipeline: pipeline.end_session(path))

    @Slot()
    def _save_sessions(self) -> None:
        if self._pipeline is not None and not self._pipeline.waiting:
            try:
                if self._pipeline.save_sessions():
                    self.sessions_saved.emit()
            except StoreError as exc:  # saved with the next progress or at the end
                log.warning("watch session progress not stored: %s", exc)

    @Slot()
    def _close_idle(self) -> None:
        self._run(lambda pipeline: pipeline.close_idle())

    @Slot()
    def _resume(self) -> None:
        self._run(lambda pipeline: pipeline.resume())

    def _run(self, step: Callable[[LivePipeline], LiveReport]) -> None:
        """One step of the pipeline, published; then the idle timer set for the next open
        record, and the back-pressure acknowledgements (held back while writes wait).
        Expected failures become ``failed`` (the lines are re-read on restart)."""
        if self._pipeline is not None:
            self._attempt(self._pipeline, step)
            self._arm_idle_timer()
        self._settle()

    def _attempt(self, pipeline: LivePipeline,
                 step: Callable[[LivePipeline], LiveReport]) -> None:
        """Run and publish one step; a failure is said (``failed``), never raised: the
        pipeline stays alive and what was not stored is read again later."""
        try:
            self._publish(step(pipeline))
        except StoreError as exc:
            log.error("batch not stored: %s", exc)
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("batch failed")
            self.failed.emit(f"analysis failed: {exc}")

    def _arm_idle_timer(self) -> None:
        deadline = self._pipeline.next_deadline() if self._pipeline is not None else None
        if self._idle_timer is None or deadline is None:
            return
        delay_ms = max(0, math.ceil((deadline - time.monotonic()) * 1000))
        self._idle_timer.start(delay_ms)

    def _settle(self) -> None:
        if self._pipeline is not None and self._pipeline.waiting:
            assert self._retry is not None
            if not self._retry.isActive():
                self._retry.start(self._retry_ms)
                self._retry_ms = min(self._retry_ms * 2, RETRY_MAX_MS)
            return
        if self._retry_ms != RETRY_FIRST_MS:
            self._retry_ms = RETRY_FIRST_MS
            log.info("writes resumed")
            self.write_resumed.emit()
        for _ in range(self._owed_done):
            self.batch_done.emit()
        self._owed_done = 0

    def _publish(self, report: LiveReport) -> None:
        if report.waiting and self._retry_ms == RETRY_FIRST_MS:  # said once per outage
            log.warning("writes wait: %s", report.waiting)
            self.write_blocked.emit(f"{report.waiting}; waiting, nothing is lost",
                                    report.waiting_paths)
        for message in report.dropped:
            self.failed.emit(f"batch not stored: {message}")
        for path, state, reason in report.states:
            self.source_state_changed.emit(path, state, reason)
        if report.events:
            self.events_stored.emit(report.events)
        if report.patterns:
            self.patterns_changed.emit(report.patterns)
        if report.decisions:
            self.automation_decided.emit(report.decisions)
        self._lines += report.lines
        if report.lines:
            self.lines_processed.emit(self._lines)
        if self._emit_stats and (report.events or report.states) and self._store is not None:
            wait = self._last_stats + STATS_INTERVAL_S - time.monotonic()
            if wait <= 0:
                self._send_stats()
            elif self._stats_timer is not None and not self._stats_timer.isActive():
                self._stats_timer.start(math.ceil(wait * 1000))  # the change is not lost

    @Slot()
    def _send_stats(self) -> None:
        if self._store is not None:
            self._last_stats = time.monotonic()
            self.stats_changed.emit(queries.stats(self._store.engine))

    @Slot()
    def stop(self) -> None:
        """Queued behind every pending batch, so all that was read is committed first
        (records still open included: nothing more will be read). Work still blocked gets
        one last try; what remains is not committed, so its offsets are not either: it is
        read again at the next start."""
        for timer in (self._idle_timer, self._retry, self._progress, self._stats_timer):
            if timer is not None:
                timer.stop()
        if self._pipeline is not None:
            self._attempt(self._pipeline, lambda pipeline: pipeline.close_all())
            if self._pipeline.waiting:
                log.warning("stopping with writes still blocked; that data is read again at "
                            "the next start")
            try:
                self._pipeline.end_sessions()
            except StoreError as exc:  # left "running": marked interrupted at the next start
                log.warning("watch sessions not closed: %s", exc)
            self._pipeline = None
        if self._stats_timer is not None:  # the last publish may have armed it: no stats now
            self._stats_timer.stop()
        if self._store is not None:
            self._store.close()
            self._store = None
        self.stopped.emit()
