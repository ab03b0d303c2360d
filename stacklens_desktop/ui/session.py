"""The running parts behind one window, started and stopped in order.

Live monitor (watcher + analysis threads), Jira automation (hook + Jira worker thread) when
a site is configured, and the window's store worker. ``stop()`` joins every thread, so no
``QThread`` is destroyed while running.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.ui.store_worker import StoreClient
from stacklens_desktop.workers.jira_automation import (
    JiraAutomation,
    build_automation,
    jira_settings,
)
from stacklens_desktop.workers.live_monitor import LiveMonitor

log = logging.getLogger("stacklens.ui.session")


class Session(QObject):
    def __init__(self, data_dir: Path, settings: JiraSettings | None = None,
                 tokens: TokenStore | None = None, *, use_inotify: bool = True,
                 poll_interval: float = 0.5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.settings = settings if settings is not None else jira_settings(data_dir)
        self.jira: JiraAutomation | None = build_automation(data_dir, self.settings, tokens)
        self.monitor = LiveMonitor(data_dir, automation=self.jira.hook if self.jira else None,
                                   use_inotify=use_inotify, poll_interval=poll_interval)
        self.store = StoreClient(data_dir, self)
        if self.jira is not None:
            self.monitor.analysis.automation_decided.connect(self.jira.worker.wake)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self.store.start()
        self.monitor.start()
        if self.jira is not None:
            self.jira.start()
        self._running = True

    def stop(self) -> None:
        """Reading stops first (every batch read is committed), then Jira, then the UI reads."""
        if not self._running:
            return
        self._running = False
        self.monitor.stop()
        if self.jira is not None:
            self.jira.stop()
        self.store.stop()
        log.info("session stopped")
