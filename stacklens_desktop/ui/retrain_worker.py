""""Retrain model" in the background: scikit-learn in its own thread, the scores back by
signal. The window shows a busy bar meanwhile and the before/after scores at the end."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from stacklens_desktop.ui.worker_thread import one_shot_thread

log = logging.getLogger("stacklens.ui.retrain")
STOP_TIMEOUT_MS = 120_000
#: Not "stacklens-…": scikit-learn's OpenMP worker threads, started from this thread, take
#: its name and live as long as the process (a pool, not a leak of this QThread).
THREAD_NAME = "model-retrain"


class RetrainWorker(QObject):
    #: a readable summary: corrections used, scores before and after, seconds.
    finished = Signal(str)
    #: a readable reason.
    failed = Signal(str)

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._data_dir = data_dir

    @Slot()
    def run(self) -> None:
        # in the retraining thread: the store and scikit-learn load there, not at start-up
        from stacklens_desktop.intelligence import retrain_profile
        from stacklens_desktop.store import StoreError, open_store

        try:
            store = open_store(self._data_dir)
        except StoreError as exc:
            self.failed.emit(f"Retraining not started: {exc}")
            return
        try:
            report = retrain_profile(self._data_dir, store.engine)
        except Exception as exc:  # noqa: BLE001 - reported to the user, the app goes on
            log.exception("retraining failed")
            self.failed.emit(f"Retraining failed: {exc}")
            return
        finally:
            store.close()
        self.finished.emit(
            f"Model retrained in {report.seconds:.1f} s with {report.feedback_count} "
            f"correction{'' if report.feedback_count == 1 else 's'}. Before: "
            f"{report.before.line()}. After: {report.after.line()}. New patterns are "
            "judged by it from the next import or restart.")


class RetrainJob(QObject):
    """One retraining at a time: the worker, its thread, an orderly end."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._thread: QThread | None = None
        self._worker: RetrainWorker | None = None

    def busy(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self) -> bool:
        if self.busy():
            return False
        self.wait()
        self._worker = RetrainWorker(self._data_dir)
        self._thread = one_shot_thread(self._worker, THREAD_NAME, self._worker.run,
                                       (self._worker.finished, self._worker.failed))
        self._worker.finished.connect(self.finished)
        self._worker.failed.connect(self.failed)
        self._thread.start()
        return True

    def wait(self) -> None:
        """Join a finished (or, when the window closes, running) retraining."""
        if self._thread is not None:
            if not self._thread.wait(STOP_TIMEOUT_MS):
                log.error("the retraining thread did not stop in time")
            self._thread = None
            self._worker = None
