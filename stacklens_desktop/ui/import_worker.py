""""Import file…" off the GUI thread: the importer in its own QThread, with progress and
cancel. A cancelled import keeps what it committed; importing the file again resumes."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from stacklens_desktop.core.batch import WriteResult
from stacklens_desktop.core.reading import UnreadableFileError
from stacklens_desktop.importer import ImportCancelled, import_file
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.store import StoreError, open_store
from stacklens_desktop.ui.worker_thread import one_shot_thread
from stacklens_desktop.wording import plural

log = logging.getLogger("stacklens.ui.import")
STOP_TIMEOUT_MS = 30_000
#: Bytes per transaction of a window import: a quarter of the CLI's 4 MiB, so that a cancel
#: (which waits for the chunk being prepared) answers within 0.5 s on a loaded machine.
CHUNK_BYTES = 1024 * 1024


class ImportWorker(QObject):
    #: (bytes done, bytes total)
    progressed = Signal(object, object)
    #: list[int]: the patterns a committed chunk touched (the table shows them at once).
    committed = Signal(list)
    #: ImportSummary
    finished = Signal(object)
    #: a readable reason (cancelled, unreadable file, database problem ...)
    failed = Signal(str)

    def __init__(self, data_dir: Path, path: Path) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._path = path
        self._cancel = threading.Event()
        self._events_kept = 0
        self._done_fraction = 0.0

    def cancel(self) -> None:
        """Thread-safe, called from the GUI thread directly (a queued call would wait behind
        the import it is meant to stop): the import ends at the next chunk boundary."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            store = open_store(self._data_dir)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        try:
            judge = build_judge(self._data_dir, store.engine)
            summary = import_file(store, self._path, judge, self._progress,
                                  committed=self._committed, chunk_size=CHUNK_BYTES)
            self.finished.emit(summary)
        except ImportCancelled:
            self.failed.emit(
                f"Import of {self._path.name} cancelled at {self._done_fraction:.0%}: "
                f"{plural(self._events_kept, 'event')} already committed are kept; importing "
                "the file again resumes where it stopped.")
        except (UnreadableFileError, StoreError, OSError) as exc:
            self.failed.emit(f"Cannot import {self._path}: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported to the user, the app goes on
            log.exception("import failed")
            self.failed.emit(f"Import of {self._path.name} failed: {exc}")
        finally:
            store.close()

    def _committed(self, written: WriteResult) -> None:
        self._events_kept += written.events_written
        self.committed.emit([change.pattern_id for change in written.patterns])
        if self._cancel.is_set():
            raise ImportCancelled()

    def _progress(self, done: int, total: int) -> None:
        self._done_fraction = done / total if total else 1.0
        if self._cancel.is_set():
            raise ImportCancelled()
        self.progressed.emit(done, total)


class ImportJob(QObject):
    """One import: the worker, its thread, and an orderly end."""

    def __init__(self, data_dir: Path, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.worker = ImportWorker(data_dir, path)
        # not "thread": that would hide QObject.thread()
        self.worker_thread = one_shot_thread(self.worker, "stacklens-import", self.worker.run,
                                             (self.worker.finished, self.worker.failed))

    def start(self) -> None:
        self.worker_thread.start()

    def is_running(self) -> bool:
        return self.worker_thread.isRunning()

    def cancel_and_wait(self) -> bool:
        self.worker.cancel()
        return self.worker_thread.wait(STOP_TIMEOUT_MS)
