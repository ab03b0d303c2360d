"""GUI side of "Import file…": one import at a time, a progress dialog after ~600 ms."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from stacklens_desktop.ui.import_worker import ImportJob

SHOW_PROGRESS_AFTER_MS = 600


class ImportRunner(QObject):
    #: ImportSummary of a finished import.
    finished = Signal(object)
    #: a readable message (failure or cancellation).
    message = Signal(str)
    #: list[int]: patterns a committed chunk touched, while the import runs.
    committed = Signal(list)

    def __init__(self, data_dir: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._parent = parent
        self.job: ImportJob | None = None
        self.dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    def start(self, path: Path, *, show_progress: bool = True) -> bool:
        if self.busy():
            self.message.emit("An import is already running.")
            return False
        self._finish_job()
        from stacklens_desktop.ui.import_worker import ImportJob  # the importer: on first use

        self.job = ImportJob(self._data_dir, path, self)
        self.job.worker.progressed.connect(self._progress)
        self.job.worker.finished.connect(self._done)
        self.job.worker.committed.connect(self.committed)
        self.job.worker.failed.connect(self._failed)
        if show_progress:
            self.dialog = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 1000,
                                          self._parent)
            self.dialog.setWindowTitle("Import")
            self.dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self.job.start()
        return True

    def cancel(self) -> None:
        """Stop the running import (called on the GUI thread; sets the worker's flag at
        once, not through the worker's busy event queue)."""
        if self.job is not None:
            self.job.worker.cancel()

    def stop(self) -> None:
        """Cancel a running import and wait for its thread (window closing)."""
        if self.job is not None:
            self.job.cancel_and_wait()
        self._finish_job()

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None and total:
            self.dialog.setValue(int(1000 * done / total))

    def _done(self, summary: object) -> None:
        self._close_dialog()
        self.finished.emit(summary)

    def _failed(self, reason: str) -> None:
        self._close_dialog()
        self.message.emit(reason)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _finish_job(self) -> None:
        if self.job is not None:
            self.job.worker_thread.wait()
            self.job.deleteLater()
            self.job = None
