"""A one-shot worker in its own QThread: ``run`` starts with the thread, and the thread
quits when the worker says it is done (its ``finished`` or ``failed`` signal)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, SignalInstance


def one_shot_thread(worker: QObject, name: str, run: object,
                    ends: tuple[SignalInstance, ...]) -> QThread:
    """``worker`` moved to a new, not yet started thread named ``name``."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(run)
    direct = Qt.ConnectionType.DirectConnection  # quit from the worker thread itself
    for end in ends:
        end.connect(thread.quit, direct)
    return thread
