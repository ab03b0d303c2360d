""""Import file…" off the GUI thread: the importer in its own QThread, with progress and
cancel. A cancelled import keeps what it committed; importing the file again resumes."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from stacklens_desktop.core.reading import UnreadableFileError
from stacklens_desktop.importer import import_file
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.store import StoreError, open_store

log = logging.getLogger("stacklens.ui.import")
STOP_TIMEOUT_MS = 30_000


class ImportCancelled(Exception):
    """Raised from the progress callback to end an import between two chunks."""


class ImportWorker(QObject):
    #: (bytes done, bytes total)
    progressed = Signal(object, object)
    #: ImportSummary
    finished = Signal(object)
    #: a readable reason (cancelled, unreadable file, database problem ...)
    failed = Signal(str)

    def __init__(self, data_dir: Path, path: Path) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._path = path
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Thread-safe: stop after the chunk being committed."""
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
            summary = import_file(store, self._path, judge, self._progress)
            self.finished.emit(summary)
        except ImportCancelled:
            self.failed.emit(f"Import of {self._path.name} cancelled; what was read is kept "
                             "and importing it again resumes there.")
        except (UnreadableFileError, StoreError, OSError) as exc:
            self.failed.emit(f"Cannot import {self._path}: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported to the user, the app goes on
            log.exception("import failed")
            self.failed.emit(f"Import of {self._path.name} failed: {exc}")
        finally:
            store.close()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ImportCancelled()
        self.progressed.emit(done, total)


class ImportJob(QObject):
    """One import: the worker, its thread, and an orderly end."""

    def __init__(self, data_dir: Path, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.worker = ImportWorker(data_dir, path)
        self.thread = QThread()
        self.thread.setObjectName("stacklens-import")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        direct = Qt.ConnectionType.DirectConnection  # quit from the worker thread itself
        self.worker.finished.connect(self.thread.quit, direct)
        self.worker.failed.connect(self.thread.quit, direct)

    def start(self) -> None:
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def cancel_and_wait(self) -> bool:
        self.worker.cancel()
        return self.thread.wait(STOP_TIMEOUT_MS)
