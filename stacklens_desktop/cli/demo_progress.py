"""The terminal demo's receiver of the workers' signals (a QObject of the main thread, so
every call is queued to it), and what it was told."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Slot


@dataclass
class Progress:
    """What the pipeline reported."""

    tickets: dict[int, tuple[str, str]] = field(default_factory=dict)  # pattern → (key, url)
    waiting: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        """A ticket is filed and nothing waits in the outbox."""
        return bool(self.tickets) and self.waiting == 0 and self.failed == 0


class ProgressReceiver(QObject):
    def __init__(self, progress: Progress, finish: Callable[[], None]) -> None:
        super().__init__()
        self.progress = progress
        self._finish = finish

    @Slot(int, str, str)
    def filed(self, pattern_id: int, key: str, url: str) -> None:
        self.progress.tickets[pattern_id] = (key, url)
        print(f"Jira: filed {key} ({url})", flush=True)
        self._finish_if_done()

    @Slot(int, int)
    def outbox(self, waiting: int, failed: int) -> None:
        self.progress.waiting, self.progress.failed = waiting, failed
        self._finish_if_done()

    @Slot(str)
    def problem(self, message: str) -> None:
        self.progress.errors.append(message)

    def _finish_if_done(self) -> None:
        if self.progress.done:
            QTimer.singleShot(0, self._finish)
