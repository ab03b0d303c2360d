"""``stacklens team automate``: the team's Jira automation as a headless service.

Contends for the automation role (one holder per team store); while this process holds it,
it rolls up, judges and decides (:mod:`.automation_pass`) and drains the team store's outbox
to Jira. It says its state in one line whenever that changes, and runs until SIGTERM or
SIGINT (``--once``: one pass and one drain, then exit). The Jira connection comes from the
same places as ``stacklens jira ...``: the profile's settings with ``JIRA_*`` winning, the
token from ``JIRA_API_TOKEN`` or the keyring; the policy from the team store's settings.
"""

from __future__ import annotations

import signal
import sys
import threading

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.ticket_service import TickReport
from stacklens_desktop.store import outbox
from stacklens_desktop.team.automation_pass import PassReport
from stacklens_desktop.team.automation_runner import (
    RunnerEvents,
    TeamAutomationRunner,
    jira_runner,
)
from stacklens_desktop.wording import plural

EXIT_OK = 0
EXIT_FAIL = 1


class CommandError(Exception):
    """One readable line (the CLI shows it and exits 2)."""


class PrintedEvents(RunnerEvents):
    """The state in one line when it changes; each ticket filed or updated."""

    def role(self, held: bool, holder: str) -> None:
        if held:
            print("automation role: held by this process", flush=True)
        elif holder:
            print(f"automation role: held by {holder}; waiting to take over", flush=True)
        else:
            print("automation role: free; taking it", flush=True)

    def passed(self, report: PassReport, tick: TickReport | None) -> None:
        if report.enqueued:
            print(f"decided: {plural(report.enqueued, 'Jira operation')} queued", flush=True)
        for kind, _pattern, key, url in tick.drain.events if tick else ():
            print(f"{kind} {key} {url}", flush=True)

    def failed(self, message: str) -> None:
        print(f"problem: {message}", file=sys.stderr, flush=True)


def automate(url: URL, password: str | None, engine: Engine, settings: JiraSettings,
             once: bool) -> int:
    """``settings``: the Jira connection in effect (the CLI's ``profile_settings``)."""
    problems = settings.problems()
    if problems:
        raise CommandError("Jira is not set up: " + " ".join(problems))
    runner = jira_runner(engine, url, password, settings, TokenStore(), PrintedEvents())
    try:
        return _once(runner) if once else _serve(runner)
    finally:
        runner.close()


def _serve(runner: TeamAutomationRunner) -> int:
    stop = threading.Event()

    def on_signal(*_: object) -> None:
        stop.set()
        runner.request_stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    runner.run(stop)
    print("automation stopped", flush=True)
    return EXIT_OK


def _once(runner: TeamAutomationRunner) -> int:
    runner.step()
    if not runner.held:
        return EXIT_FAIL
    waiting, failed = outbox.counts(runner.engine)
    print(f"outbox: {waiting} waiting, {failed} failed", flush=True)
    return EXIT_OK
