"""The team's Jira automation loop (plain Python): contend for the automation role; while
this process holds it, run automation passes and drain the team store's outbox to Jira.

Used by ``stacklens team automate`` (a service next to the agents) and by the Qt worker
:mod:`stacklens_desktop.workers.team_automation`. It wakes on the team store's NOTIFY (an
agent's shipment commits), at the outbox's next due time, and on a slow safety tick; a
process that does not hold the role tries to take it over every :data:`CONTEND_S` seconds
(the holder's session ends when it dies, which frees the role).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from stacklens_desktop.core.escalation.fleet import FLEET_SPREAD_HOSTS
from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.stamps import utcnow
from stacklens_desktop.jira.ticket_service import (
    TicketService,
    TickReport,
    client_factory,
    describe_sync,
)
from stacklens_desktop.settings.access import load_policy
from stacklens_desktop.store import outbox
from stacklens_desktop.store.executor import write
from stacklens_desktop.store.team.engine import display_address
from stacklens_desktop.store.team.ingest import announce_tickets
from stacklens_desktop.store.team.lease import AutomationLease, holder_name
from stacklens_desktop.store.team.notify import Listener
from stacklens_desktop.store.team.triage import SYNC_KIND, announce_sync
from stacklens_desktop.team.automation_pass import PassReport, run_pass
from stacklens_desktop.team.fleet_merge import FleetMerger

log = logging.getLogger("stacklens.team.automation")

#: Seconds between takeover attempts while another process holds the role.
CONTEND_S = 1.0
#: The holder's safety tick: a pass and a drain at least this often without any NOTIFY.
SAFETY_TICK_S = 30.0
#: Shortest wait (a row due "now" that Jira postponed is not retried in a tight loop).
MIN_WAIT_S = 0.5


class RunnerEvents:
    """What the loop tells its owner (the CLI prints, the Qt worker emits signals)."""

    def role(self, held: bool, holder: str) -> None:
        """The role changed hands: held by this process, or by ``holder`` ("" : nobody)."""

    def passed(self, report: PassReport, tick: TickReport | None) -> None:
        """A pass decided something, or a drain did something."""

    def failed(self, message: str) -> None:
        """One readable line, once per change of message."""


@dataclass
class _Role:
    held: bool | None = None
    holder: str = ""


class TeamAutomationRunner:
    """One contender. ``service_factory`` makes the Jira side on the same engine (None:
    passes only, the outbox waits for a holder that has Jira settings)."""

    def __init__(self, engine: Engine, conninfo: str, password: str | None,
                 service_factory: Callable[[Engine], TicketService] | None,
                 events: RunnerEvents | None = None, *, clock: Callable[[], datetime] = utcnow,
                 min_hosts: int = FLEET_SPREAD_HOSTS, safety_tick_s: float = SAFETY_TICK_S,
                 contend_s: float = CONTEND_S, owns_engine: bool = False) -> None:
        """``owns_engine``: :meth:`close` disposes of ``engine`` (made for this runner)."""
        self.engine = engine
        self._owns_engine = owns_engine
        self._conninfo, self._password = conninfo, password
        self._service_factory = service_factory
        self._events = events or RunnerEvents()
        self._clock = clock
        self._min_hosts = min_hosts
        self._safety_tick_s = safety_tick_s
        self._contend_s = contend_s
        self._lease = AutomationLease(engine)
        #: the fleet merge's miner, rebuilt from the store each time the role is taken
        self._merger = FleetMerger()
        self._listener: Listener | None = None
        self._service: TicketService | None = None
        self._role = _Role()
        self._last_error: str | None = None
        #: Jira is paused (credentials, settings): due rows wait for the safety tick
        self._halted = False
        #: a desktop asked for the tickets' statuses now (its Jira panel's "Sync now")
        self._sync_wanted = False

    @property
    def held(self) -> bool:
        return bool(self._role.held)

    def run(self, stop: threading.Event) -> None:
        """Until ``stop`` is set: contend, and while holding pass, drain and wait."""
        while not stop.is_set():
            wait = self.step()
            self._wait(wait, stop)

    def step(self) -> float:
        """Take (or keep) the role; when held run a pass and a drain. Returns how long to
        wait before the next step (a NOTIFY cuts the wait short)."""
        try:
            if not self._contend():
                return self._contend_s
            self.run_once()
            return self._next_wait()
        except (SQLAlchemyError, psycopg.Error, OSError) as exc:
            self._failed(f"team automation: {_line(exc)}")
            return self._contend_s
        except Exception as exc:  # noqa: BLE001 - a service keeps running; logged in full
            log.exception("team automation step failed")
            self._failed(f"team automation: {_line(exc)}")
            return self._safety_tick_s

    def run_once(self) -> tuple[PassReport, TickReport | None]:
        """One pass and one drain (the caller holds the role)."""
        config = load_policy(self.engine)
        try:
            report = write(self.engine, lambda conn: run_pass(
                conn, config, self._clock(), self._min_hosts, self._merger))
        except BaseException:
            self._merger = FleetMerger()  # its memory may hold folds that were rolled back
            raise
        tick = self._drain()
        self._halted = tick is not None and tick.drain.halted is not None
        touched = _ticket_patterns(tick)
        if touched:  # every desktop shows the new keys and statuses
            write(self.engine, lambda conn: announce_tickets(conn, touched))
        if report.decisions or (tick is not None and _busy(tick)):
            self._events.passed(report, tick)
        problem = _problem(tick)
        if problem:
            self._failed(problem)
        else:
            self._last_error = None
        return report, tick

    def close(self) -> None:
        self._close_service()
        self._lease.release()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._owns_engine:
            self.engine.dispose()

    def request_stop(self) -> None:
        """Thread-safe: a drain in progress ends after its current row."""
        if self._service is not None:
            self._service.stop()

    # -- the role ------------------------------------------------------------------------

    def _contend(self) -> bool:
        held = self._lease.try_acquire()
        holder = "" if held else self._holder()
        if (held, holder) != (self._role.held, self._role.holder):
            if held:  # another holder may have folded patterns meanwhile
                self._merger = FleetMerger()
            else:
                self._close_service()  # a successor resumes what was in flight
            self._role = _Role(held, holder)
            self._events.role(held, holder)
        return held

    def _holder(self) -> str:
        with self.engine.connect() as conn:
            return holder_name(conn) or ""

    # -- Jira ------------------------------------------------------------------------------

    def _drain(self) -> TickReport | None:
        if self._service_factory is None:
            return None
        if self._service is None:
            self._service = self._service_factory(self.engine)
        force, self._sync_wanted = self._sync_wanted, False
        tick = self._service.tick(self._clock(), force_sync=force)
        if force:  # the desktop that asked says what came of it
            line = describe_sync(tick)
            write(self.engine, lambda conn: announce_sync(conn, line))
        return tick

    def _close_service(self) -> None:
        if self._service is not None:
            self._service.stop()
            self._service.close()
            self._service = None

    def _next_wait(self) -> float:
        if self._merger.behind:  # a large fold goes on over several short passes
            return MIN_WAIT_S
        wait = self._safety_tick_s
        if self._service is not None and not self._halted:
            due = outbox.next_due(self.engine)
            if due is not None:
                until = (_parse(due) - self._clock()).total_seconds()
                wait = min(wait, max(MIN_WAIT_S, until))
        return wait

    # -- waiting ---------------------------------------------------------------------------

    def _wait(self, seconds: float, stop: threading.Event) -> None:
        """Up to ``seconds``, ended early by a NOTIFY on the team channel or by ``stop``
        (looked at every quarter second). After a NOTIFY the others that arrive within
        :data:`MIN_WAIT_S` are taken with it: a busy fleet gets one pass per half second,
        not one per shipment."""
        started = time.monotonic()
        woken = False
        while not stop.is_set():
            left = started + (MIN_WAIT_S if woken else seconds) - time.monotonic()
            if left <= 0:
                return
            listener = self._listening()
            if listener is None:
                stop.wait(min(left, 0.25))
                continue
            try:
                heard = listener.wait(timeout=min(left, 0.25),
                                      stop_after=None if woken else 1)
                woken = woken or bool(heard)
                if any(m.get("kind") == SYNC_KIND for m in heard):
                    self._sync_wanted = True  # a desktop's "Sync now"
            except psycopg.Error:
                listener.close()
                self._listener = None

    def _listening(self) -> Listener | None:
        if self._listener is None:
            try:
                self._listener = Listener(self._conninfo, self._password)
            except psycopg.Error:
                return None
        return self._listener

    def _failed(self, message: str) -> None:
        if message != self._last_error:
            self._last_error = message
            log.warning("%s", message)
            self._events.failed(message)


def jira_runner(engine: Engine, url: URL, password: str | None, settings: JiraSettings,
                tokens: TokenStore, events: RunnerEvents | None = None, *,
                owns_engine: bool = False) -> TeamAutomationRunner:
    """A runner that drains to the Jira site of ``settings`` (token from ``tokens``), with
    the policy read from the team store at every tick. ``engine`` stays the caller's."""

    def service(team: Engine) -> TicketService:
        return TicketService(team, client_factory(settings, tokens),
                             lambda: load_policy(team), settings)

    return TeamAutomationRunner(engine, display_address(url), password, service, events,
                                owns_engine=owns_engine)


def _ticket_patterns(tick: TickReport | None) -> list[int]:
    """The patterns whose ticket this tick filed, updated, or read a new status of (a done
    ticket resolves its pattern)."""
    if tick is None:
        return []
    ids = {pattern_id for _kind, pattern_id, _key, _url in tick.drain.events}
    if tick.sync is not None:
        ids.update(pattern_id for pattern_id, _key, _status, _category in tick.sync.changed)
        ids.update(tick.sync.resolved)
    return sorted(ids)


def _busy(tick: TickReport) -> bool:
    return bool(tick.drain.attempted or (tick.sync is not None and tick.sync.changed))


def _problem(tick: TickReport | None) -> str | None:
    if tick is None:
        return None
    drain = tick.drain
    return drain.halted or (drain.errors[-1] if drain.errors else None) or tick.sync_error


def _parse(stamp: str) -> datetime:
    from stacklens_desktop.jira.stamps import parse

    parsed = parse(stamp)
    return parsed if parsed is not None else utcnow()


def _line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
