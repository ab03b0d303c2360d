"""One Jira "tick": drain the outbox, and refresh ticket statuses when a sync is due.

Used by the Qt worker (every few seconds) and by ``stacklens jira sync`` (once). Builds the
client from :class:`JiraSettings` and the token store; the token is looked up each time a
client is made, so a fixed token is picked up after a 401 pause.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira import errors
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.failures import describe
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.processor import OutboxProcessor, ProcessReport
from stacklens_desktop.jira.sync import SyncReport, sync_statuses
from stacklens_desktop.logs import register_secret
from stacklens_desktop.settings.access import load_scrub

log = logging.getLogger("stacklens.jira")
SYNC_EVERY = timedelta(minutes=5)


def client_factory(settings: JiraSettings, tokens: TokenStore) -> Callable[[], JiraClient]:
    """A factory that fails with a readable :class:`JiraConfigError` when settings are
    incomplete or no token is stored."""

    def make() -> JiraClient:
        problems = settings.problems()
        if problems:
            raise errors.JiraConfigError(" ".join(problems))
        token, _source = tokens.get(settings.site, settings.username)
        if not token:
            raise errors.JiraConfigError(
                f"no API token for {settings.username or '?'} at {settings.site} (store one "
                "in the Jira settings or set JIRA_API_TOKEN)"
            )
        register_secret(token)
        return JiraClient.connect(
            settings.site,
            settings.username,
            token,
            deployment=settings.deployment,
            timeout=settings.timeout,
        )

    return make


@dataclass
class TickReport:
    drain: ProcessReport
    sync: SyncReport | None = None
    sync_error: str | None = None


def describe_sync(report: TickReport) -> str:
    """``Synced 3 tickets: 1 changed`` or the reason there was no sync."""
    if report.sync_error:
        return f"Sync failed: {report.sync_error}"
    if report.sync is None:
        return f"Not synced: {report.drain.halted or 'Jira is paused after an error'}"
    checked, changed = report.sync.checked, len(report.sync.changed)
    return f"Synced {checked:,} ticket{'' if checked == 1 else 's'}: {changed:,} changed"


class TicketService:
    """Outbox drain plus periodic status sync, over one lazily made client."""

    def __init__(
        self,
        engine: Engine,
        factory: Callable[[], JiraClient],
        config: AutomationConfig | Callable[[], AutomationConfig],
        settings: JiraSettings,
        sync_every: timedelta = SYNC_EVERY,
    ) -> None:
        """``config`` may be a callable: it is read at every tick, so that a policy change
        (throttle, regression mode ...) made while the service runs applies to the next one."""
        self.engine = engine
        self._config_source = config if callable(config) else (lambda: config)
        self.config = self._config_source()
        self.sync_every = sync_every
        self._cancel = threading.Event()
        self._factory = self._cancellable(factory)
        self._sync_client: JiraClient | None = None
        self._last_sync: datetime | None = None
        self.processor = OutboxProcessor(
            engine, self._factory, self.config, options=dataclasses.replace(
                settings.ticket_options(), scrub_rules=load_scrub(engine))
        )

    def _cancellable(self, factory: Callable[[], JiraClient]) -> Callable[[], JiraClient]:
        """Clients whose waits (Retry-After, backoff) end early when :meth:`stop` is called."""

        def make() -> JiraClient:
            client = factory()
            client.transport.cancelled = self._cancel.is_set
            return client

        return make

    def tick(self, now: datetime, *, force_sync: bool = False) -> TickReport:
        self.config = self.processor.config = self._config_source()
        report = TickReport(self.processor.process_due(now))
        due = self._last_sync is None or now - self._last_sync >= self.sync_every
        if (force_sync or due) and not report.drain.halted:
            self._last_sync = now
            try:
                report.sync = sync_statuses(self.engine, self._client(), self.config, now)
            except errors.JiraError as exc:
                report.sync_error = describe(exc)
                log.warning("jira status sync failed: %s", report.sync_error)
                self._close_sync_client()
        return report

    def _client(self) -> JiraClient:
        if self._sync_client is None:
            self._sync_client = self._factory()
        return self._sync_client

    def _close_sync_client(self) -> None:
        if self._sync_client is not None:
            self._sync_client.close()
        self._sync_client = None

    def stop(self) -> None:
        """Thread-safe: the current drain ends after its current row, waits are cut short."""
        self._cancel.set()
        self.processor.stop()

    def close(self) -> None:
        self.processor.close()
        self._close_sync_client()
