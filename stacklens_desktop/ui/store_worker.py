"""The window's own store access, in one thread: reads for the views, and the few writes a
user makes (corrections, the automation switch, the watch list) — never through the
analysis writer, and never on the GUI thread.

``StoreClient`` lives in the GUI thread and owns the thread; its methods are thread-safe
requests (queued signals), and answers come back as the worker's signals.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.profile import Profile
from stacklens_desktop.settings import access
from stacklens_desktop.settings.app_settings import AppSettings
from stacklens_desktop.settings.edit import SettingsEdit
from stacklens_desktop.settings.problems import SettingsError
from stacklens_desktop.store import (
    StoreError,
    jira_reads,
    outbox,
    pattern_alerts,
    queries,
    runs,
    triage,
)
from stacklens_desktop.store.feedback import UnknownPatternError, add_correction
from stacklens_desktop.store.team import triage as shared  # team mode's shared actions
from stacklens_desktop.ui import reads, team_reads
from stacklens_desktop.ui.rows import RunRow
from stacklens_desktop.ui.team_link import (
    TeamLink,
    TeamUnavailableError,
    open_team,
    saved_address,
)
from stacklens_desktop.ui.team_triage import team_triage
from stacklens_desktop.workers.settings_signals import SettingsSignals

log = logging.getLogger("stacklens.ui.store")

STOP_TIMEOUT_MS = 10_000


class StoreWorker(QObject):
    #: (list[PatternRow], exhausted): one page of the pattern table (newest first).
    page_loaded = Signal(list, bool)
    #: PatternRefresh: rows re-read after a change.
    patterns_refreshed = Signal(object)
    #: PatternDetail, or None when the pattern is gone.
    detail_loaded = Signal(object)
    #: (pattern id) a correction was stored.
    corrected = Signal(int)
    #: list[TicketRow], outbox waiting, outbox failed, last outbox error.
    jira_loaded = Signal(list, int, int, str)
    #: JiraPanelData: the Jira panel's tickets, automation log and open outbox rows.
    jira_panel_loaded = Signal(object)
    #: (list[PatternFacts] of the asked patterns, new critical/high count): for the tray.
    alerts_loaded = Signal(list, int)
    #: dict in the shape of ``stacklens stats --json`` (after an import, at start).
    stats_loaded = Signal(dict)
    #: Timeline: events per minute (or per 10 s).
    timeline_loaded = Signal(object)
    #: AutomationConfig (after loading or saving it).
    automation_loaded = Signal(object)
    #: list[str] watched files/globs saved last time.
    sources_loaded = Signal(list)
    #: dict[str, SourceActivity]: lines, events and last read per source path.
    activity_loaded = Signal(dict)
    #: (list[EventRow], exhausted): an older page of the per-event view.
    events_loaded = Signal(list, bool)
    #: list[EventRow]: events newer than the view's newest, newest first.
    newer_events_loaded = Signal(list)
    #: Breakdown: by type, top patterns, occurrences per severity.
    breakdown_loaded = Signal(object)
    #: list[RunRow]: the analysis history, newest first.
    history_loaded = Signal(list)
    #: (RunRow, list[int]): the patterns that had events in that run of the history.
    run_patterns_loaded = Signal(object, list)
    #: (pattern id, what was done: a readable sentence) after a triage action is stored.
    triaged = Signal(int, str)
    #: (pattern id) a Jira operation was queued or made due now: the Jira worker may start.
    ticket_requested = Signal(int)
    #: team mode: the Jira panel's Retry made this many team outbox rows due now
    team_retried = Signal(int)
    #: Store: the profile's store, once open (its engine and writer are thread-safe: the
    #: session's Jira automation uses them, so the GUI thread never opens the store)
    profile_opened = Signal(object)
    #: AppSettings: every section, once the profile is open.
    settings_loaded = Signal(object)
    #: (section key, AppSettings) a section was saved through this profile.
    settings_changed = Signal(str, object)
    #: AppSettings after a SettingsEdit was saved.
    settings_saved = Signal(object)
    #: list[str]: why a SettingsEdit was not saved (sentences).
    settings_refused = Signal(list)
    #: TeamLink: the profile is connected to a team store and it answered (team mode: the
    #: pattern list, triage and the sources are the fleet's; sent before settings_loaded)
    team_opened = Signal(object)
    #: (address, sentences): team mode, but the store could not be opened; nothing is read
    #: from it (and nothing from the SQLite profile instead) until the window starts again
    team_failed = Signal(str, str)
    #: list[HostGroup]: the team store's hosts with their agents and sources.
    hosts_loaded = Signal(list)
    #: a readable message.
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._profile: Profile | None = None
        self._settings_signals: SettingsSignals | None = None
        #: the team store's address when the profile has one (team mode), and its link
        self._team_address: str | None = None
        self._team: TeamLink | None = None

    @Slot()
    def start(self) -> None:
        """Open the profile (in this thread: never on the GUI thread) and say its settings.
        In team mode the team store is opened first: the patterns, events and triage are
        its; the SQLite profile keeps only the settings."""
        self._team_address = saved_address(self._data_dir)
        if self._team_address is not None:
            self._open_team(self._team_address)
        try:
            self._profile = Profile.open(self._data_dir)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        self._settings_signals = SettingsSignals(self._profile)
        self._settings_signals.changed.connect(self._profile_settings_changed)
        self.profile_opened.emit(self._profile.store)
        self._guard(lambda: self.settings_loaded.emit(self._shown(self.profile().settings)))

    def _open_team(self, address: str) -> None:
        try:
            self._team = open_team(address)
        except TeamUnavailableError as exc:
            log.warning("team store unavailable: %s", exc)
            self.team_failed.emit(address, str(exc))
            return
        log.info("team store open: %s as %s", self._team.address, self._team.user)
        self.team_opened.emit(self._team)

    def profile(self) -> Profile:
        if self._profile is None:
            raise StoreError("the database is not open")
        return self._profile

    @property
    def team_mode(self) -> bool:
        return self._team_address is not None

    def _engine(self):  # noqa: ANN202 - sqlalchemy Engine
        """The store the window reads: the team store in team mode (never the SQLite
        profile instead when it is unavailable), else the profile's."""
        if self._team_address is not None:
            if self._team is None:
                raise TeamUnavailableError("the team store is not open")
            return self._team.engine
        return self.profile().engine

    @Slot(object, int)
    def load_page(self, below_id: int | None, limit: int) -> None:
        self._guard(lambda: self._page(below_id, limit))

    def _page(self, below_id: int | None, limit: int) -> None:
        source = team_reads if self.team_mode else reads
        rows = source.pattern_page(self._engine(), below_id, limit)
        self.page_loaded.emit(rows, len(rows) < limit)

    @Slot(list, int, int)
    def refresh(self, ids: list[int], low_id: int, known_count: int) -> None:
        source = team_reads if self.team_mode else reads
        self._guard(lambda: self.patterns_refreshed.emit(
            source.refresh_patterns(self._engine(), ids, low_id, known_count)))

    @Slot(int)
    def load_detail(self, pattern_id: int) -> None:
        source = team_reads if self.team_mode else reads
        self._guard(lambda: self.detail_loaded.emit(
            source.pattern_detail(self._engine(), pattern_id)))

    @Slot()
    def load_hosts(self) -> None:
        """Team mode: the hosts, their agents' state and last contact, their sources."""
        if self.team_mode:
            self._guard(lambda: self.hosts_loaded.emit(team_reads.host_groups(self._engine())))

    @Slot(int, str, object, object)
    def correct(self, pattern_id: int, fingerprint: str, severity: str | None,
                error_type: str | None) -> None:
        def run() -> None:
            if self.team_mode:  # shared, and announced to every desktop
                shared.correct(self._engine(), pattern_id, fingerprint, severity, error_type)
            else:
                add_correction(self._engine(), fingerprint, severity, error_type)
            self.corrected.emit(pattern_id)

        self._guard(run)

    @Slot(int, str, object)
    def triage(self, pattern_id: int, action: str, duration: timedelta | None) -> None:
        """``action``: acknowledge / resolve / reopen / mute (for ``duration``, None: for
        good) / ticket (file or update it now)."""
        def run() -> None:
            self.triaged.emit(pattern_id, self._triage(pattern_id, action, duration))

        self._guard(run)

    def _triage(self, pattern_id: int, action: str, duration: timedelta | None) -> str:
        engine = self._engine()
        if self.team_mode:  # logged with the login and the time, announced to every desktop
            return team_triage(engine, pattern_id, action, duration)
        if action == "ticket":
            request = triage.request_ticket(engine, pattern_id, datetime.now(UTC))
            self.ticket_requested.emit(pattern_id)
            what = "filing its ticket" if request.operation == "create" else \
                f"Jira {request.operation}"
            return f"{what} now" if request.queued else f"{what}: due now"
        if action == "mute":
            until = triage.mute(engine, pattern_id, duration, datetime.now(UTC))
            return f"muted until {until[:16].replace('T', ' ')} UTC" if until else \
                "muted for good"
        simple: dict[str, tuple[Callable, str]] = {
            "acknowledge": (triage.acknowledge, "acknowledged"),
            "resolve": (triage.resolve, "resolved (a new occurrence marks it a regression)"),
            "reopen": (triage.reopen, "marked new"),
        }
        function, done = simple[action]
        function(engine, pattern_id)
        return done

    @Slot()
    def load_jira(self) -> None:
        def run() -> None:
            engine = self._engine()
            # the lists first, the counts and the error last: a ticket listed as filed is
            # never shown beside the outbox row that filed it still counted as waiting
            panel = jira_reads.panel_data(engine)
            tickets = reads.tickets(engine)
            error = reads.last_outbox_error(engine)
            waiting, failed = outbox.counts(engine)
            self.jira_loaded.emit(tickets, waiting, failed, error)
            self.jira_panel_loaded.emit(panel)

        self._guard(run)

    @Slot(list)
    def load_alerts(self, pattern_ids: list[int]) -> None:
        def run() -> None:
            engine = self._engine()
            self.alerts_loaded.emit(pattern_alerts.pattern_facts(engine, pattern_ids),
                                    pattern_alerts.new_alert_count(engine))

        self._guard(run)

    @Slot()
    def load_activity(self) -> None:
        if self.team_mode:  # the sources are the hosts' (load_hosts)
            return
        self._guard(lambda: self.activity_loaded.emit(reads.source_activity(self._engine())))

    @Slot(object, int)
    def load_events(self, below_id: int | None, limit: int) -> None:
        def run() -> None:
            source = team_reads if self.team_mode else reads
            rows = source.event_page(self._engine(), below_id, limit)
            self.events_loaded.emit(rows, len(rows) < limit)

        self._guard(run)

    @Slot(int, int)
    def load_newer_events(self, above_id: int, limit: int) -> None:
        source = team_reads if self.team_mode else reads
        self._guard(lambda: self.newer_events_loaded.emit(
            source.events_after(self._engine(), above_id, limit)))

    @Slot()
    def load_breakdown(self) -> None:
        source = team_reads if self.team_mode else reads
        self._guard(lambda: self.breakdown_loaded.emit(source.breakdown(self._engine())))

    @Slot()
    def load_history(self) -> None:
        if self.team_mode:  # agents keep no analysis history on the team store
            self.history_loaded.emit([])
            return
        self._guard(lambda: self.history_loaded.emit(reads.analysis_runs(self._engine())))

    @Slot(object)
    def load_run_patterns(self, run: RunRow) -> None:
        """``run`` is passed back with the answer (the Patterns tab's label tells it)."""
        self._guard(lambda: self.run_patterns_loaded.emit(
            run, runs.run_pattern_ids(self._engine(), run.id)))

    @Slot()
    def load_stats(self) -> None:
        source = team_reads if self.team_mode else queries
        self._guard(lambda: self.stats_loaded.emit(source.stats(self._engine())))

    @Slot(int)
    def load_timeline(self, minutes: int) -> None:
        self._guard(lambda: self.timeline_loaded.emit(
            reads.event_timeline(self._engine(), minutes)))

    # -- the automation policy: the profile's, or in team mode the team store's ------------
    def _policy(self) -> AutomationConfig:
        return access.load_policy(self._engine()) if self.team_mode else self.profile().policy()

    def _save_policy(self, config: AutomationConfig) -> AutomationConfig:
        """Team mode: one policy for the team's automation, whichever desktop holds the role
        (a desktop login may write that setting only); else the profile's (its listeners
        hear it)."""
        if self.team_mode:
            return access.save_policy(self._engine(), config)
        return self.profile().save_policy(config)

    def _shown(self, settings: AppSettings) -> AppSettings:
        """The profile's settings, with the team's policy in team mode (what the settings
        dialog shows and edits)."""
        if not self.team_mode or self._team is None:
            return settings
        team = access.load_settings(self._team.engine)
        return settings.model_copy(update={"automation": team.automation})

    def _profile_settings_changed(self, key: str, settings: AppSettings) -> None:
        self._guard(lambda: self.settings_changed.emit(key, self._shown(settings)))

    @Slot()
    def load_automation(self) -> None:
        self._guard(lambda: self.automation_loaded.emit(self._policy()))

    @Slot(bool)
    def set_automation_enabled(self, enabled: bool) -> None:
        """Read-modify-write of the saved policy; the analysis hook reads it every batch."""
        def run() -> None:
            config = dataclasses.replace(self._policy(), enabled=enabled)
            self.automation_loaded.emit(self._save_policy(config))

        self._guard(run)

    @Slot()
    def request_team_sync(self) -> None:
        """Team mode: "Sync now" goes to the automation holder (it answers with NOTIFY
        ``synced``)."""
        self._guard(lambda: shared.request_sync(self._engine()))

    @Slot(list)
    def retry_team_outbox(self, ids: list[int]) -> None:
        """Team mode: Retry on the team outbox (the automation holder sends them)."""
        self._guard(lambda: self.team_retried.emit(
            shared.retry_outbox(self._engine(), ids, datetime.now(UTC))))

    @Slot(object)
    def save_settings(self, edit: SettingsEdit) -> None:
        """The dialog's edit, section by section through the profile (listeners hear each)."""
        def run() -> None:
            profile = self.profile()
            try:
                if edit.jira is not None:
                    profile.save_jira(edit.jira)
                self.automation_loaded.emit(self._save_policy(edit.policy))
                profile.save_scrub(edit.scrub)
            except SettingsError as exc:
                self.settings_refused.emit(exc.problems)
                return
            self.settings_saved.emit(self._shown(profile.settings))

        self._guard(run)

    @Slot()
    def load_sources(self) -> None:
        self._guard(lambda: self.sources_loaded.emit(list(
            self.profile().settings.sources.paths)))

    @Slot(list)
    def save_sources(self, paths: list[str]) -> None:
        self._guard(lambda: self.profile().save_sources(paths))

    @Slot()
    def stop(self) -> None:
        if self._settings_signals is not None:
            self._settings_signals.detach()
            self._settings_signals = None
        if self._profile is not None:
            self._profile.close()
            self._profile = None
        if self._team is not None:
            self._team.close()
            self._team = None
        self.stopped.emit()

    def _guard(self, action) -> None:  # noqa: ANN001 - a no-argument callable
        try:
            action()
        except TeamUnavailableError:
            pass  # the window already says why (team_failed); nothing is read instead
        except UnknownPatternError as exc:
            self.failed.emit(f"Not stored: {exc}")
        except triage.TriageRefusedError as exc:
            self.failed.emit(f"Not done: {exc}")
        except Exception as exc:  # noqa: BLE001 - a failed read must not end the thread
            log.exception("store request failed")
            self.failed.emit(f"Reading the database failed: {exc}")


class StoreClient(QObject):
    """GUI-side handle: owns the worker thread; each method queues one request."""

    _load_page = Signal(object, int)
    _refresh = Signal(list, int, int)
    _load_detail = Signal(int)
    _correct = Signal(int, str, object, object)
    _triage = Signal(int, str, object)
    _load_jira = Signal()
    _load_alerts = Signal(list)
    _load_timeline = Signal(int)
    _load_stats = Signal()
    _load_history = Signal()
    _load_run_patterns = Signal(object)
    _load_activity = Signal()
    _load_breakdown = Signal()
    _load_events = Signal(object, int)
    _load_newer_events = Signal(int, int)
    _load_automation = Signal()
    _set_automation = Signal(bool)
    _load_sources = Signal()
    _save_sources = Signal(list)
    _save_settings = Signal(object)
    _load_hosts = Signal()
    _retry_team_outbox = Signal(list)
    _request_team_sync = Signal()
    _stop = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = StoreWorker(data_dir)
        self._thread = QThread()
        self._thread.setObjectName("stacklens-ui-store")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.start)
        pairs = [(self._load_page, self.worker.load_page), (self._refresh, self.worker.refresh),
                 (self._load_detail, self.worker.load_detail),
                 (self._correct, self.worker.correct), (self._triage, self.worker.triage),
                 (self._load_jira, self.worker.load_jira),
                 (self._load_alerts, self.worker.load_alerts),
                 (self._load_timeline, self.worker.load_timeline),
                 (self._load_stats, self.worker.load_stats),
                 (self._load_history, self.worker.load_history),
                 (self._load_run_patterns, self.worker.load_run_patterns),
                 (self._load_activity, self.worker.load_activity),
                 (self._load_breakdown, self.worker.load_breakdown),
                 (self._load_events, self.worker.load_events),
                 (self._load_newer_events, self.worker.load_newer_events),
                 (self._load_automation, self.worker.load_automation),
                 (self._set_automation, self.worker.set_automation_enabled),
                 (self._load_sources, self.worker.load_sources),
                 (self._save_sources, self.worker.save_sources),
                 (self._save_settings, self.worker.save_settings),
                 (self._load_hosts, self.worker.load_hosts),
                 (self._retry_team_outbox, self.worker.retry_team_outbox),
                 (self._request_team_sync, self.worker.request_team_sync),
                 (self._stop, self.worker.stop)]
        for signal, slot in pairs:
            signal.connect(slot)
        # direct: the GUI thread is blocked in wait() while the worker stops
        self.worker.stopped.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.isRunning():
            self._stop.emit()
            if not self._thread.wait(STOP_TIMEOUT_MS):
                log.error("the UI store thread did not stop in time")

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def load_page(self, below_id: int | None, limit: int) -> None:
        self._load_page.emit(below_id, limit)

    def refresh(self, ids: list[int], low_id: int, known_count: int) -> None:
        self._refresh.emit(ids, low_id, known_count)

    def load_detail(self, pattern_id: int) -> None:
        self._load_detail.emit(pattern_id)

    def correct(self, pattern_id: int, fingerprint: str, severity: str | None,
                error_type: str | None) -> None:
        self._correct.emit(pattern_id, fingerprint, severity, error_type)

    def triage(self, pattern_id: int, action: str, duration: timedelta | None = None) -> None:
        self._triage.emit(pattern_id, action, duration)

    def load_jira(self) -> None:
        self._load_jira.emit()

    def load_alerts(self, pattern_ids: list[int]) -> None:
        self._load_alerts.emit(list(pattern_ids))

    def load_timeline(self, minutes: int) -> None:
        self._load_timeline.emit(minutes)

    def load_stats(self) -> None:
        self._load_stats.emit()

    def load_history(self) -> None:
        self._load_history.emit()

    def load_run_patterns(self, run: RunRow) -> None:
        self._load_run_patterns.emit(run)

    def load_activity(self) -> None:
        self._load_activity.emit()

    def load_breakdown(self) -> None:
        self._load_breakdown.emit()

    def load_events(self, below_id: int | None, limit: int) -> None:
        self._load_events.emit(below_id, limit)

    def load_newer_events(self, above_id: int, limit: int) -> None:
        self._load_newer_events.emit(above_id, limit)

    def load_automation(self) -> None:
        self._load_automation.emit()

    def set_automation_enabled(self, enabled: bool) -> None:
        self._set_automation.emit(enabled)

    def load_sources(self) -> None:
        self._load_sources.emit()

    def save_sources(self, paths: list[str]) -> None:
        self._save_sources.emit(list(paths))

    def save_settings(self, edit: SettingsEdit) -> None:
        self._save_settings.emit(edit)

    def load_hosts(self) -> None:
        self._load_hosts.emit()

    def retry_team_outbox(self, ids: list[int]) -> None:
        self._retry_team_outbox.emit(list(ids))

    def request_team_sync(self) -> None:
        self._request_team_sync.emit()
