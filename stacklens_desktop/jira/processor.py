"""The outbox drainer: take due rows, run them against Jira, write the results.

Plain Python (the Qt worker wraps it). One processor per store; rows are claimed
(``in_flight``) in their own committed transaction before the HTTP call, and the result is
committed right after it. Jira being down, throttling or refusing the token never loses a
row: it waits (``pending`` with ``next_attempt_at``), or ends ``failed`` with a readable reason
until the user retries it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine

from stacklens_desktop.jira import failures, operations
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.errors import JiraError
from stacklens_desktop.jira.failures import Failure, Verdict
from stacklens_desktop.jira.metadata import MetadataCache
from stacklens_desktop.jira.payloads import TicketOptions
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.store import audit, outbox
from stacklens_desktop.store.executor import write
from stacklens_desktop.store.outbox import OutboxRow
from stacklens_desktop.wording import plural

log = logging.getLogger("stacklens.jira.outbox")
DEFAULT_BATCH = 25


@dataclass
class ProcessReport:
    """What one ``process_due`` did. ``events`` are (kind, pattern id, key, url) with kind
    ``filed`` / ``updated`` / ``reopened``."""

    attempted: int = 0
    done: int = 0
    postponed: int = 0
    failed: int = 0
    events: list[tuple[str, int, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    halted: str | None = None  # the site is paused (credentials/config): why


class OutboxProcessor:
    """Drains the outbox with a client made by ``client_factory`` (created lazily, reused)."""

    def __init__(
        self,
        engine: Engine,
        client_factory: Callable[[], JiraClient],
        config: AutomationConfig,
        *,
        options: TicketOptions,
        batch: int = DEFAULT_BATCH,
    ) -> None:
        self.engine = engine
        self.client_factory = client_factory
        self.config = config
        self.options = options
        self.batch = batch
        self._client: JiraClient | None = None
        self._meta: MetadataCache | None = None
        self._halt_until: datetime | None = None
        self._halt_reason: str | None = None
        self._halts = 0
        self._stop = threading.Event()
        self._recovered = False

    # -- control ---------------------------------------------------------------------------

    def stop(self) -> None:
        """Finish the current row, then return (thread-safe)."""
        self._stop.set()

    def resume(self) -> None:
        """Forget a pause (after the user fixed the settings or pressed retry)."""
        self._halt_until = self._halt_reason = None
        self._halts = 0

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = self._meta = None

    @property
    def halted(self) -> str | None:
        return self._halt_reason

    # -- draining ----------------------------------------------------------------------------

    def process_due(self, now: datetime) -> ProcessReport:
        report = ProcessReport()
        if not self._recovered:
            count = outbox.recover_in_flight(self.engine, now)
            if count:
                log.info("resuming %s interrupted by the last shutdown",
                         plural(count, "Jira operation"))
            self._recovered = True
        if self._halt_until is not None and now < self._halt_until:
            report.halted = self._halt_reason
            return report
        with self.engine.connect() as conn:
            rows = outbox.due_rows(conn, now, self.batch)
        for row in rows:
            if self._stop.is_set():
                break
            if not self._run_one(row, now, report):
                break
        return report

    def _run_one(self, row: OutboxRow, now: datetime, report: ProcessReport) -> bool:
        """Run a row; False when the site is paused and the drain should stop."""
        if not write(self.engine, lambda conn: outbox.claim(conn, row.id, now)):
            return True
        report.attempted += 1
        try:
            ctx = self._context(now)
            outcome = operations.run(ctx, row)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
            return self._on_failure(row, failures.classify(exc), now, report, exc)
        if outcome.postponed_until is not None:
            report.postponed += 1
        else:
            report.done += 1
        if outcome.event is not None:
            report.events.append(outcome.event)
        self._halts = 0
        self._halt_reason = None
        return True

    def _context(self, now: datetime) -> operations.Context:
        if self._client is None:
            self._client = self.client_factory()
            self._meta = MetadataCache(self._client)
        assert self._meta is not None
        return operations.Context(
            self.engine, self._client, self._meta, self.options, self.config, now
        )

    def _on_failure(
        self, row: OutboxRow, failure: Failure, now: datetime, report: ProcessReport, exc: Exception
    ) -> bool:
        message = f"{row.operation}: {failure.message}"
        report.errors.append(message)
        attempts = row.attempts + 1
        give_up = failure.verdict is Verdict.FAIL or attempts >= outbox.MAX_ATTEMPTS
        delay = outbox.retry_delay(attempts, failure.retry_after)
        if not give_up and failure.verdict is Verdict.HALT:
            self._halts += 1
            delay = max(delay, failures.halt_delay(self._halts))

        def record(conn: Connection) -> None:
            if give_up:
                outbox.fail(conn, row.id, now, failure.message)
            else:
                outbox.postpone(conn, row.id, now, now + delay, failure.message)
            audit.write(conn, row.pattern_id, now, "failed" if give_up else "retry", message,
                        f"{row.operation}_{failure.verdict.value}")

        write(self.engine, record)
        if give_up:
            report.failed += 1
        else:
            report.postponed += 1
        log.warning(
            "jira %s for pattern %s %s: %s",
            row.operation,
            row.pattern_id,
            "failed" if give_up else "will be retried",
            failure.message,
            exc_info=not isinstance(exc, JiraError),
        )
        if failure.verdict is Verdict.HALT:
            self._halt_reason = failure.message
            self._halt_until = now + failures.halt_delay(self._halts)
            report.halted = failure.message
            self.close()  # settings may change before the next attempt
            return False
        return not failure.site_down
