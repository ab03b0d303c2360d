"""The watcher worker: follows files and globs in its own QThread, emits what was appended.

A zero-interval timer re-arms a short blocking ``drain`` so that the thread's event loop keeps
serving the add/remove slots between reads. Back-pressure: at most ``max_in_flight`` batches
may wait at the analysis worker; until it acknowledges one (``batch_done``), nothing more is
read — unread data stays in the file, not in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from stacklens_desktop.watch.model import FileId
from stacklens_desktop.watch.start import Resume, StartAt
from stacklens_desktop.watch.watchset import WatchSet

log = logging.getLogger("stacklens.watch")

DRAIN_TIMEOUT_S = 0.05
LINGER_S = 0.003


class WatcherWorker(QObject):
    #: list[TailResult]: the lines appended to watched files (one batch per drain).
    lines_read = Signal(list)
    #: the watch set is closed; the thread may quit.
    stopped = Signal()
    #: (path or glob) is no longer watched: after every batch read from it (its watch
    #: session ends).
    path_removed = Signal(str)

    def __init__(self, *, use_inotify: bool = True, poll_interval: float = 0.5,
                 max_in_flight: int = 2, max_batch_bytes: int = 4 * 1024 * 1024,
                 positions: Callable[[], Mapping[str, tuple[int, int, int]]] | None = None,
                 ) -> None:
        """``positions``: the store's committed (offset, dev, ino) per path, read on this
        worker's thread when a source is added (never on the GUI thread)."""
        super().__init__()
        self._positions = positions
        self._use_inotify = use_inotify
        self._poll_interval = poll_interval
        self._max_in_flight = max_in_flight
        self._max_batch_bytes = max_batch_bytes
        self._watchset: WatchSet | None = None
        self._timer: QTimer | None = None
        self._in_flight = 0
        self._running = False

    @Slot()
    def start(self) -> None:
        """Runs in the worker thread (connect to ``QThread.started``)."""
        self._watchset = WatchSet(use_inotify=self._use_inotify,
                                  poll_interval=self._poll_interval,
                                  max_batch_bytes=self._max_batch_bytes)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._running = True
        self._timer.start()

    @Slot(str, object)
    def add_path(self, path: str, start: tuple[str, int, int, int]) -> None:
        """Follow a file (or a glob when it has wildcards). ``start`` is (how, offset, dev,
        ino) with ``how`` "end", "beginning" or "resume" (then the stored offset and file
        identity are used). Python ints travel as objects: offsets and inodes exceed 2**31."""
        assert self._watchset is not None
        how = _start_from(*start)
        if any(ch in path for ch in "*?["):
            self._watchset.add_glob(path, how if not isinstance(how, Resume) else StartAt.END)
        else:
            self._watchset.add_file(path, how)
        self._watchset.wake()

    @Slot(str, bool)
    def add_source(self, path: str, from_start: bool) -> None:
        """Follow ``path`` (a file or a glob) from where the store says it stopped: a known
        file resumes at its committed offset; a new one starts at its end, or at its start
        with ``from_start``."""
        known = dict(self._positions()) if self._positions is not None else {}
        if any(ch in path for ch in "*?["):
            if from_start:
                self.add_path(path, ("beginning", -1, 0, 0))
            else:
                self.add_glob(path, known)
        elif path in known:
            offset, dev, ino = known[path]
            self.add_path(path, ("resume", offset, dev, ino))
        else:
            self.add_path(path, ("beginning" if from_start else "end", -1, 0, 0))

    @Slot(str, object)
    def add_glob(self, pattern: str, resume: Mapping[str, tuple[int, int, int]]) -> None:
        """Follow a glob, resuming known files from their stored (offset, dev, ino)."""
        assert self._watchset is not None
        resumes = {p: Resume(o, FileId(d, i) if i else None) for p, (o, d, i) in resume.items()}
        self._watchset.add_glob(pattern, StartAt.END, resumes)
        self._watchset.wake()

    @Slot(str)
    def remove_path(self, path: str) -> None:
        if self._watchset is not None:
            self._watchset.remove(path)
        self.path_removed.emit(path)

    @Slot()
    def batch_done(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._running and self._timer is not None and not self._timer.isActive():
            self._timer.start()

    @Slot()
    def stop(self) -> None:
        self._running = False
        if self._timer is not None:
            self._timer.stop()
        if self._watchset is not None:
            self._watchset.close()
            self._watchset = None
        self.stopped.emit()

    def sources(self) -> list:
        return self._watchset.sources() if self._watchset else []

    @Slot()
    def _tick(self) -> None:
        if not self._running or self._watchset is None or self._timer is None:
            return
        if self._in_flight >= self._max_in_flight:
            return  # batch_done re-arms the timer
        results = self._watchset.drain(DRAIN_TIMEOUT_S, linger=LINGER_S)
        if results:
            self._in_flight += 1
            self.lines_read.emit(results)
        self._timer.start()


def _start_from(start: str, offset: int, dev: int, ino: int) -> StartAt | Resume:
    if start == "resume" and offset >= 0:
        return Resume(offset, FileId(dev, ino) if ino else None)
    return StartAt.BEGINNING if start == "beginning" else StartAt.END
