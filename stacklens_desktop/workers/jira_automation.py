"""Wiring Jira automation into a live monitor: the policy hook and the Jira worker thread.

Used by ``stacklens watch`` and, later, the main window: when a Jira site is configured
(settings or the seed's ``JIRA_*`` variables), every analysis batch decides per pattern inside
its own transaction (the hook writes the automation log and outbox rows), and the Jira worker
drains the outbox in its own thread, woken by the analysis worker's ``automation_decided``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.automation import make_hook
from stacklens_desktop.jira.automation_settings import load_automation_config
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.settings_store import load_jira_settings
from stacklens_desktop.jira.ticket_service import TicketService, client_factory
from stacklens_desktop.live import AutomationHook
from stacklens_desktop.store import Store, open_store
from stacklens_desktop.workers.jira_worker import JiraWorker, start_jira_thread, stop_jira_thread

log = logging.getLogger("stacklens.jira.automation")


@dataclass
class JiraAutomation:
    """The running parts; ``stop()`` them after the monitor stopped."""

    hook: AutomationHook
    worker: JiraWorker
    thread: QThread | None
    store: Store

    def start(self) -> None:
        self.thread = start_jira_thread(self.worker)

    def stop(self) -> None:
        if self.thread is not None:
            stop_jira_thread(self.worker, self.thread)
            self.thread = None
        self.store.close()


def jira_settings(data_dir: Path) -> JiraSettings:
    """The profile's saved connection settings with the seed's ``JIRA_*`` variables on top."""
    store = open_store(data_dir)
    try:
        return load_jira_settings(store.engine).with_env()
    finally:
        store.close()


def build_automation(data_dir: Path, settings: JiraSettings,
                     tokens: TokenStore | None = None) -> JiraAutomation | None:
    """The hook and the worker, or None (with the reasons logged) when Jira is not set up.

    ``tokens``: where the client finds its token (default: env, keyring, session memory); the
    GUI's demo mode passes a store holding the sandbox token in memory only."""
    problems = settings.problems()
    if problems:
        log.info("Jira automation off: %s", " ".join(problems))
        return None
    store = open_store(data_dir)
    engine = store.engine
    hook = make_hook(lambda: load_automation_config(engine))

    def service() -> TicketService:
        return TicketService(engine, client_factory(settings, tokens or TokenStore()),
                             lambda: load_automation_config(engine), settings)

    return JiraAutomation(hook=hook, worker=JiraWorker(service), thread=None, store=store)
