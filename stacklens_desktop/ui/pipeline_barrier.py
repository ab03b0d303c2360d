"""Run something on the GUI thread once the live pipeline has handled everything asked of it
so far: a hop through the watcher's thread, then the analysis thread, then back.

Why: resuming a paused source reads its committed offset. Lines the watcher read just before
the pause may still be on their way to the store; resuming before they are committed would
read them a second time. Queued calls run in order per thread, so when the hop reaches the
analysis thread, every batch the watcher sent before the pause has been written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def after_pipeline(watcher: QObject, analysis: QObject, context: QObject,
                   callback: Callable[[], None]) -> None:
    """``callback`` on ``context``'s thread after the watcher and the analysis caught up."""
    def in_analysis() -> None:
        QTimer.singleShot(0, context, callback)

    def in_watcher() -> None:
        QTimer.singleShot(0, analysis, in_analysis)

    QTimer.singleShot(0, watcher, in_watcher)
