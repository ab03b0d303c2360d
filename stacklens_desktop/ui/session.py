"""The running parts behind one window, started and stopped in order.

Live monitor (watcher + analysis threads), the window's store worker (which opens the profile
off the GUI thread and says its settings), and Jira automation (hook + Jira worker thread) on
that profile's store, started once the profile's settings are read — at start, or later when
a valid Jira connection is saved from the settings dialog (a changed one restarts it).
Jira automation and the analysis thread wait for :meth:`Session.start_background` as well: the
window calls it once its pattern table is loaded and painted, so loading the classifier (the
analysis thread holds the GIL for most of it) does not compete with the first paint and pages.
``stop()`` joins every thread, so no ``QThread`` is destroyed while running.

Team mode (the profile has ``team.json``): the store worker reads the team store; the
session listens for its announcements (``workers/team_updates``: LISTEN/NOTIFY, no polling)
and relays them as ``team_changed``. The local monitor does not run (agents read the logs)
and neither does the SQLite Jira automation (the team store's is another worker's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.settings.app_settings import AppSettings
from stacklens_desktop.settings.versions import JIRA_KEY
from stacklens_desktop.store import Store
from stacklens_desktop.ui.store_worker import StoreClient
from stacklens_desktop.workers.jira_automation import (
    AutomationRelay,
    JiraAutomation,
    build_automation,
)
from stacklens_desktop.workers.live_monitor import LiveMonitor

if TYPE_CHECKING:  # the window loads no SQLAlchemy before its first paint
    from stacklens_desktop.ui.team_link import TeamLink

    # team mode only (psycopg, the team runner): imported when a team store opens
    from stacklens_desktop.workers.team_automation import TeamAutomation
    from stacklens_desktop.workers.team_updates import TeamUpdates

log = logging.getLogger("stacklens.ui.session")

#: After the live updates' connection is lost (a server restart), listening starts again
#: this much later (and again after each failed attempt).
RELISTEN_MS = 1000


class Session(QObject):
    #: the Jira settings in effect were read or changed (``jira`` may have started).
    jira_changed = Signal()
    #: team mode: an announcement of the team store
    #: (``{"kind": "events" | "triage" | "correction" | "merge" | "agent" | "ticket" |
    #: "tickets" | "retry" | "sync" | "synced", ...}``)
    team_changed = Signal(dict)
    #: team mode: the live updates stopped or could not start (a readable line)
    team_updates_failed = Signal(str)
    #: team mode: the live updates listen (announcements from now on reach the window)
    team_listening = Signal()

    def __init__(self, data_dir: Path, settings: JiraSettings | None = None,
                 tokens: TokenStore | None = None, *, use_inotify: bool = True,
                 poll_interval: float = 0.5, parent: QObject | None = None) -> None:
        """``settings``: a fixed Jira site (the demo's sandbox) instead of the profile's."""
        super().__init__(parent)
        self.data_dir = data_dir
        self._fixed = settings
        self.settings = settings if settings is not None else JiraSettings()
        #: where the Jira client finds its token (the dialog stores a new one here too)
        self.tokens = tokens if tokens is not None else TokenStore()
        #: the profile's settings as last read or saved (defaults until the profile is open)
        self.app_settings = AppSettings()
        #: the profile's settings were read (``app_settings`` holds them, not the defaults)
        self.settings_read = False
        self.jira: JiraAutomation | None = None
        self.relay = AutomationRelay()
        self.monitor = LiveMonitor(data_dir, automation=self.relay,
                                   use_inotify=use_inotify, poll_interval=poll_interval)
        self.store = StoreClient(data_dir, self)
        self._profile_store: Store | None = None
        self.store.worker.profile_opened.connect(self._profile_opened)
        self.store.worker.settings_loaded.connect(self._settings_loaded)
        self.store.worker.settings_changed.connect(self._settings_changed)
        self.store.worker.team_opened.connect(self._team_opened)
        self.store.worker.team_failed.connect(self._team_failed)
        #: the profile is connected to a team store (whether or not it answered)
        self.team_mode = False
        self.team_updates: TeamUpdates | None = None
        #: team mode with a complete Jira connection: this desktop's contender for the role
        self.team_jira: TeamAutomation | None = None
        self._team_link: TeamLink | None = None
        self._running = False
        #: start_background() was called: Jira automation and the analysis may start
        self._background = False
        self._profile_failed_to_open = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self, pace: Callable[[Callable[[], None]], object] | None = None) -> None:
        """The store worker opens the profile (the window's first reads need only that); the
        watcher starts once its settings are read (or it failed to open). ``pace(go)`` calls
        ``go`` when the store worker may start: the window passes "after my next paint", so
        that the profile opens while the GUI thread is idle, not during the repaint the
        start itself asked for (issue 13: that paint's every call into Python waited for
        the GIL the opening held, 20–27 ms instead of 8–11). None: at once. Requests made
        meanwhile wait in the worker's queue."""
        self._running = True
        self.store.worker.failed.connect(self._profile_failed)
        if pace is None:
            self._start_store()
        else:
            pace(self._start_store)

    def _start_store(self) -> None:
        if self._running:  # not stopped before the paint came
            self.store.start()

    def start_background(self) -> None:
        """Start what the window's first view does not need: Jira automation, then the
        analysis thread (which loads the classifier), once the profile's settings are read
        too (or the profile could not open). Jira first, so no batch is decided on before its
        hook is attached: an error read in the first milliseconds would otherwise not be
        ticketed until it came back. What the watcher read meanwhile waits in the analysis
        thread's queue."""
        if not self._running or self._background:
            return
        self._background = True
        if self.settings_read:
            self._use(self.app_settings)
            self._start_monitor()
        elif self._profile_failed_to_open:
            self._start_monitor()

    def _profile_failed(self, *_args: object) -> None:
        if not self.settings_read:
            self._profile_failed_to_open = True
            self._start_monitor()

    def _start_monitor(self) -> None:
        """The watcher at once (sources added before the settings were read waited in its
        queue), so a source added at start is followed from then on; the analysis only after
        :meth:`start_background`."""
        if not self._running or self.team_mode:  # team mode: the agents read the logs
            return
        self.monitor.start_watcher()
        if self._background:
            self.monitor.start_analysis()

    def _profile_opened(self, store: Store) -> None:
        self._profile_store = store

    def _team_opened(self, link) -> None:  # noqa: ANN001 - ui.team_link.TeamLink
        self.team_mode = True
        self._team_link = link
        if not self._running or self.team_updates is not None:
            return
        from stacklens_desktop.workers.team_updates import TeamUpdates

        updates = TeamUpdates(link.conninfo, link.password)
        updates.worker.changed.connect(self.team_changed)
        updates.worker.failed.connect(self._team_updates_failed)
        updates.worker.listening.connect(self.team_listening)
        self.team_updates = updates
        updates.start()
        log.info("listening for the team store's changes (%s)", link.address)

    def _team_updates_failed(self, line: str) -> None:
        """Say so, and listen again a little later (the window re-reads its rows then)."""
        self.team_updates_failed.emit(line)
        if self._running:
            QTimer.singleShot(RELISTEN_MS, self, self._listen_again)

    def _listen_again(self) -> None:
        old, self.team_updates = self.team_updates, None
        if old is not None:
            old.stop()
        if self._running and self._team_link is not None:
            self._team_opened(self._team_link)

    def _team_failed(self, _address: str, _why: str) -> None:
        self.team_mode = True

    def _settings_loaded(self, settings: AppSettings) -> None:
        self.app_settings = settings
        self.settings_read = True
        if self._background:
            self._use(settings)
        self._start_monitor()

    def _settings_changed(self, key: str, settings: AppSettings) -> None:
        self.app_settings = settings
        if key == JIRA_KEY and self._background:
            self._use(settings)

    def _use(self, settings: AppSettings) -> None:
        """Take the profile's Jira settings: start automation when they are complete, and
        start it again on the new ones when they changed while it ran."""
        if not self._running:
            return
        wanted = self._fixed if self._fixed is not None else settings.jira_settings()
        if (self.jira is not None or self.team_jira is not None) and wanted != self.settings:
            self._stop_jira()
        if self.jira is None:
            self.settings = wanted
            self._start_jira()
        self.jira_changed.emit()

    def _start_jira(self) -> None:
        if self._profile_store is None:  # the profile did not open: its error is shown
            return
        if self.team_mode:  # never the SQLite automation on the team store's patterns
            self._start_team_jira()
            return
        self.jira = build_automation(self.data_dir, self.settings, self.tokens,
                                     self._profile_store)
        if self.jira is None:
            return
        self.relay.attach(self.jira.hook)
        self.monitor.analysis.automation_decided.connect(self.jira.worker.wake)
        self.jira.start()
        log.info("Jira automation started (%s, project %s)", self.settings.site,
                 self.settings.project_key)

    def _start_team_jira(self) -> None:
        """Team mode: contend for the team's automation role with this profile's Jira site
        (the policy is the team store's). One desktop of the team holds it at a time; the
        others take over when it goes."""
        link = self._team_link
        if link is None or self.team_jira is not None or self.settings.problems():
            return
        from stacklens_desktop.workers.team_automation import TeamAutomation, team_runner_factory

        self.team_jira = TeamAutomation(team_runner_factory(link, self.settings, self.tokens))
        self.team_jira.start()
        log.info("team automation: contending for the role (%s, project %s)",
                 self.settings.site, self.settings.project_key)

    def _stop_team_jira(self) -> None:
        team_jira, self.team_jira = self.team_jira, None
        if team_jira is not None and not team_jira.stop():
            log.warning("team automation did not stop in time")

    def _stop_jira(self) -> None:
        """The analysis stops handing batches to it first, then its thread ends."""
        self._stop_team_jira()
        jira, self.jira = self.jira, None
        if jira is None:
            return
        self.relay.attach(None)
        self.monitor.analysis.automation_decided.disconnect(jira.worker.wake)
        jira.stop()
        log.info("Jira automation stopped (settings changed)")

    def stop(self) -> None:
        """Reading stops first (every batch read is committed), then Jira, then the UI reads."""
        if not self._running:
            return
        self._running = False
        self.monitor.stop()
        if self.jira is not None:
            self.jira.stop()
        self._stop_team_jira()  # the role is released: another desktop takes over
        if self.team_updates is not None:
            self.team_updates.stop()
        self.store.stop()
        log.info("session stopped")
