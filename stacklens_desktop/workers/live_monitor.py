"""Owns the watcher and analysis threads and wires them; the UI and ``watch`` talk to this.

Signals of the analysis worker are re-exposed here unchanged, so the UI connects to one object.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal

from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.live import AutomationHook
from stacklens_desktop.store import open_store, queries
from stacklens_desktop.watch.record_waits import RecordWaits, WaitSettingsError
from stacklens_desktop.workers.analysis_worker import AnalysisWorker
from stacklens_desktop.workers.watcher_worker import WatcherWorker

log = logging.getLogger("stacklens.monitor")

STOP_TIMEOUT_MS = 30_000


class LiveMonitor(QObject):
    _add_source = Signal(str, bool)
    _remove_path = Signal(str)
    _stop_watcher = Signal()
    _stop_analysis = Signal()

    def __init__(self, data_dir: Path, *, judge_factory=build_judge,
                 automation: AutomationHook | None = None, use_inotify: bool = True,
                 poll_interval: float = 0.5, emit_stats: bool = True,
                 record_waits: RecordWaits | None = None) -> None:
        """``record_waits``: how long each source's open record waits for more lines
        (default: the profile's ``watch.json``, else 250 ms)."""
        super().__init__()
        self.data_dir = data_dir
        waits = record_waits if record_waits is not None else _profile_waits(data_dir)
        self.watcher = WatcherWorker(use_inotify=use_inotify, poll_interval=poll_interval,
                                     positions=lambda: _known_sources(data_dir))
        self.analysis = AnalysisWorker(data_dir, judge_factory, automation, emit_stats,
                                       waits.wait_for)
        self._watch_thread = QThread()
        self._watch_thread.setObjectName("stacklens-watcher")
        self._analysis_thread = QThread()
        self._analysis_thread.setObjectName("stacklens-analysis")
        self.watcher.moveToThread(self._watch_thread)
        self.analysis.moveToThread(self._analysis_thread)
        self._wire()

    def _wire(self) -> None:
        self._watch_thread.started.connect(self.watcher.start)
        self._analysis_thread.started.connect(self.analysis.start)
        self.watcher.lines_read.connect(self.analysis.process)
        self.analysis.batch_done.connect(self.watcher.batch_done)
        self._add_source.connect(self.watcher.add_source)
        self._remove_path.connect(self.watcher.remove_path)
        self.watcher.path_removed.connect(self.analysis.end_session)
        self._stop_watcher.connect(self.watcher.stop)
        self._stop_analysis.connect(self.analysis.stop)
        # direct: QThread.quit is thread-safe, and the GUI thread is blocked in wait() then
        direct = Qt.ConnectionType.DirectConnection
        self.watcher.stopped.connect(self._watch_thread.quit, direct)
        self.analysis.stopped.connect(self._analysis_thread.quit, direct)

    def start(self) -> None:
        self.start_analysis()
        self.start_watcher()

    def start_watcher(self) -> None:
        """Reading may start before the analysis: its batches wait, in order, in the analysis
        thread's queue (the watcher reads no more until the first is done)."""
        if not self._watch_thread.isRunning():
            self._watch_thread.start()

    def start_analysis(self) -> None:
        """The analysis thread opens the store and loads the classifier (~100 ms of CPU,
        most of it holding the GIL), then takes the batches read so far."""
        if not self._analysis_thread.isRunning():
            self._analysis_thread.start()

    @property
    def analysing(self) -> bool:
        """The analysis thread was started (the classifier is loaded or loading)."""
        return self._analysis_thread.isRunning()

    def add(self, path: str, *, from_start: bool = False) -> None:
        """Watch a file or glob; a file the store knows resumes from its committed offset
        (looked up by the watcher thread: no database read on the caller's thread)."""
        self._add_source.emit(str(Path(path).expanduser().absolute()), from_start)

    def remove(self, path: str) -> None:
        self._remove_path.emit(str(Path(path).expanduser().absolute()))

    def stop(self) -> None:
        """Stop reading, let the analysis commit every batch already read, then join."""
        if self._watch_thread.isRunning():
            self._stop_watcher.emit()
            self._watch_thread.wait(STOP_TIMEOUT_MS)
        if self._analysis_thread.isRunning():
            self._stop_analysis.emit()
            self._analysis_thread.wait(STOP_TIMEOUT_MS)


def _profile_waits(data_dir: Path) -> RecordWaits:
    """The profile's record waits; the defaults (and a warning in the app's log) when its
    ``watch.json`` is damaged: a bad setting must not stop live watching."""
    try:
        return RecordWaits.load(data_dir)
    except WaitSettingsError as exc:
        log.warning("record waits: %s; using the default (250 ms)", exc)
        return RecordWaits()


def _known_sources(data_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Committed (offset, device, inode) per source path (a read, on the watcher thread)."""
    store = open_store(data_dir)
    try:
        return queries.source_positions(store.engine)
    finally:
        store.close()
