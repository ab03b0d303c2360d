"""Wiring Jira automation into a live monitor: the policy hook and the Jira worker thread.

Used by ``stacklens watch`` and, later, the main window: when a Jira site is configured
(settings or the seed's ``JIRA_*`` variables), every analysis batch decides per pattern inside
its own transaction (the hook writes the automation log and outbox rows), and the Jira worker
drains the outbox in its own thread, woken by the analysis worker's ``automation_decided``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread
from sqlalchemy import Connection

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.automation import make_hook
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.ticket_service import TicketService, client_factory
from stacklens_desktop.live import AutomationHook
from stacklens_desktop.settings.access import effective_jira, load_policy
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


class AutomationRelay:
    """The analysis pipeline's hook before Jira is set up, and after: it hands each batch to
    the Jira hook once one is attached (a valid connection saved while the window runs)."""

    def __init__(self) -> None:
        self._hook: AutomationHook | None = None

    def attach(self, hook: AutomationHook | None) -> None:
        self._hook = hook  # one reference swap: the analysis thread sees old or new

    def __call__(self, conn: Connection, changes: Sequence[Any]) -> list[Any]:
        hook = self._hook
        return [] if hook is None else hook(conn, changes)


def jira_settings(data_dir: Path) -> JiraSettings:
    """The profile's saved connection settings with the seed's ``JIRA_*`` variables on top."""
    store = open_store(data_dir)
    try:
        return effective_jira(store.engine)
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
    hook = make_hook(lambda: load_policy(engine))

    def service() -> TicketService:
        return TicketService(engine, client_factory(settings, tokens or TokenStore()),
                             lambda: load_policy(engine), settings)

    return JiraAutomation(hook=hook, worker=JiraWorker(service), thread=None, store=store)
