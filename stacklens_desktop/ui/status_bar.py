"""The status bar's counters: events, patterns, lines per second, Jira outbox."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

RATE_EVERY_MS = 1000


class LineRate:
    """Lines per second from a cumulative counter, smoothed (plain Python)."""

    def __init__(self, smoothing: float = 0.5) -> None:
        self._smoothing = smoothing
        self._last_total: int | None = None
        self._last_time = 0.0
        self.rate = 0.0

    def sample(self, total: int, now: float) -> float:
        if self._last_total is not None and now > self._last_time:
            instant = max(0, total - self._last_total) / (now - self._last_time)
            self.rate = self._smoothing * instant + (1 - self._smoothing) * self.rate
            if self.rate < 0.05:
                self.rate = 0.0
        self._last_total, self._last_time = total, now
        return self.rate


class StatusCounters(QWidget):
    """Permanent labels in the window's status bar."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.events = QLabel("events: 0")
        self.patterns = QLabel("patterns: 0")
        self.rate = QLabel("0 lines/s")
        self.jira = QLabel("")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: a background job of unknown length
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy_label = QLabel("")
        for widget in (self.busy_label, self.busy):
            widget.hide()
            status_bar.addPermanentWidget(widget)
        for label in (self.jira, self.events, self.patterns, self.rate):
            label.setContentsMargins(8, 0, 8, 0)
            status_bar.addPermanentWidget(label)
        self._lines = 0
        self._rate = LineRate()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(RATE_EVERY_MS)

    def show_busy(self, text: str) -> None:
        """A running background job (empty: none)."""
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy.setVisible(bool(text))

    def show_stats(self, stats: dict) -> None:
        self.events.setText(f"events: {stats.get('events', 0):,}")
        self.patterns.setText(f"patterns: {stats.get('patterns', 0):,}")

    def lines_processed(self, total: int) -> None:
        self._lines = total

    def show_jira(self, text: str) -> None:
        self.jira.setText(text)

    def _tick(self) -> None:
        rate = self._rate.sample(self._lines, time.monotonic())
        self.rate.setText(f"{rate:,.0f} lines/s")
