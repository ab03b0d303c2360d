"""The StackLens main window: sources, patterns (table + detail), statistics, Jira.

Everything shown arrives by signal: from the live monitor and the Jira worker (what changed),
and from the window's store worker (the rows themselves). The window never reads or writes
the store on the GUI thread.
"""

from __future__ import annotations

import glob
import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from stacklens_desktop import __version__
from stacklens_desktop.core.batch import PatternChange
from stacklens_desktop.gcheap import freeze_long_lived
from stacklens_desktop.ui.coalesce import Coalescer
from stacklens_desktop.ui.first_paint import AfterPaint
from stacklens_desktop.ui.history_model import run_label
from stacklens_desktop.ui.history_tab import HistoryTab
from stacklens_desktop.ui.import_runner import ImportRunner
from stacklens_desktop.ui.jira_panel import JiraPanel
from stacklens_desktop.ui.palette import apply_theme, palette_is_dark
from stacklens_desktop.ui.patterns_tab import PatternsTab
from stacklens_desktop.ui.pipeline_barrier import after_pipeline
from stacklens_desktop.ui.pos_launcher import PosLauncher
from stacklens_desktop.ui.retrain_worker import RetrainJob
from stacklens_desktop.ui.rows import PatternDetail, RunRow
from stacklens_desktop.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from stacklens_desktop.ui.sources_panel import SourcesPanel
from stacklens_desktop.ui.stats_tab import TIMELINE_MINUTES, StatsTab
from stacklens_desktop.ui.status_bar import StatusCounters
from stacklens_desktop.ui.team_banner import add_team_banner
from stacklens_desktop.ui.tray import TRAY_SETTING, TrayNotifier, tray_enabled
from stacklens_desktop.ui.window_actions import WindowActions
from stacklens_desktop.ui.window_persistence import restore_window, save_window
from stacklens_desktop.ui.window_state import open_settings, read_str
from stacklens_desktop.wording import plural

if TYPE_CHECKING:  # the session loads the store, the classifier and the Jira client
    from stacklens_desktop.ui.session import Session
    from stacklens_desktop.ui.settings_dialog import SettingsDialog

log = logging.getLogger("stacklens.ui")

PATTERN_COALESCE_MS = 150
TIMELINE_COALESCE_MS = 2000
STATS_COALESCE_MS = 1000
STATUS_MESSAGE_MS = 8000


#: the window's size on a big screen; a smaller one gets 90% of its free area
PREFERRED_SIZE = QSize(1440, 900)
#: The sources panel's width at first start: room for a log file's whole name beside its state.
SOURCES_WIDTH = 350


def initial_size() -> QSize:
    """The preferred size, within the primary screen (a 1366x768 till-office laptop)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED_SIZE
    free = screen.availableGeometry().size() * 0.9
    return PREFERRED_SIZE.boundedTo(free)


class MainWindow(QMainWindow):
    """Built in two steps so that it can be painted before the session's libraries load:
    the widgets on a profile folder, then :meth:`attach` of the running parts. Given a
    ``session``, both steps run here."""

    def __init__(self, session: Session | None = None, *, data_dir: Path | None = None,
                 pos_log: Path | None = None, title_note: str = "") -> None:
        super().__init__()
        base = session.data_dir if session is not None else data_dir
        assert base is not None, "a session or a profile folder"
        self.data_dir = base
        self.session: Session = None  # type: ignore[assignment]  # set by attach()
        self._wired_jira: object | None = None  # the JiraAutomation whose signals are wired
        self.setWindowTitle(f"StackLens{(' — ' + title_note) if title_note else ''}")
        self.resize(initial_size())
        self.sources = SourcesPanel()
        self.patterns = PatternsTab()
        self.stats = StatsTab()
        self.history = HistoryTab()
        self.jira = JiraPanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.patterns, "Patterns")
        self.tabs.addTab(self.stats, "Statistics")
        self.tabs.addTab(self.history, "History")
        self.tabs.addTab(self.jira, "Jira")
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("main_split")
        self.split.addWidget(self.sources)
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([SOURCES_WIDTH, 1440 - SOURCES_WIDTH])
        self.setCentralWidget(self.split)
        self.team_banner = add_team_banner(self)  # hidden in single-user mode
        #: the profile is connected to a team store (set when the store worker says so)
        self.team_mode = False
        self._team_who = ("", "")  # (address, login) of the open team store
        self.settings = open_settings(base)
        self.theme = read_str(self.settings, "ui/theme", "system")
        self.last_retrain = ""
        self.tray = TrayNotifier(self, tray_enabled(self.settings))
        self.counters = StatusCounters(self.statusBar())
        self.imports = ImportRunner(base, self)
        # not "pos": that would hide QWidget.pos()
        self.pos_launcher = PosLauncher(pos_log or base / "data" / "pos-application.log", self)
        self._selected = 0
        self._wanted = 0  # a pattern to select once the table has it (show_pattern)
        self._closed = False
        self._pattern_refresh = Coalescer(PATTERN_COALESCE_MS, self._refresh_patterns, self)
        self._timeline_refresh = Coalescer(TIMELINE_COALESCE_MS, self._refresh_timeline, self)
        # the analysis worker sends stats at most every 0.5 s: the last batch of a burst
        # would stay uncounted until the next one without this trailing read
        self._stats_refresh = Coalescer(STATS_COALESCE_MS, self._refresh_stats, self)
        # a watch session's counts move while it runs, and it ends when a source pauses
        self._history_refresh = Coalescer(TIMELINE_COALESCE_MS, self._refresh_history, self)
        self.retraining = RetrainJob(base, self)
        self.monitoring = True
        #: the start's steps after the first page (the window's other reads) and after the
        #: last one (the session's background threads) were asked for: each runs once
        self._first_page_seen = False
        #: sources removed since the start: the saved list, read at the start, may arrive
        #: after a removal and must not bring them back
        self._removed_sources: set[str] = set()
        self._last_page_seen = False
        self._build_commands()
        self.stats.set_dark(palette_is_dark())
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        restore_window(self)
        if session is not None:
            self.attach(session)

    def attach(self, session: Session) -> None:
        """Connect the running parts (monitor, Jira, store worker) to the widgets."""
        self.session = session
        self.commands.actions["automation"].setEnabled(session.jira is not None)
        self._wire()

    # -- set-up ------------------------------------------------------------------------
    def _build_commands(self) -> None:
        self.commands = WindowActions(self)
        self.commands.wire({
            "monitoring": self.set_monitoring, "add_file": self.ask_add_file,
            "add_glob": self.ask_add_glob, "import": self.ask_import,
            "pos": self.open_pos_simulator, "automation": self._set_automation,
            "settings": self.open_settings, "retrain": self.retrain,
            "find": self.patterns.focus_filter, "shortcuts": self.show_shortcuts,
            "about": self._about, "quit": self.close,
            "tab_patterns": lambda: self.tabs.setCurrentWidget(self.patterns),
            "tab_stats": lambda: self.tabs.setCurrentWidget(self.stats),
            "tab_history": lambda: self.tabs.setCurrentWidget(self.history),
            "tab_jira": lambda: self.tabs.setCurrentWidget(self.jira),
        })
        self.commands.build_menus(self.patterns.triage.fill_menu)
        self.toolbar = self.commands.build_toolbar()
        self.commands.actions["automation"].setEnabled(False)  # until a session says

    def _set_automation(self, enabled: bool) -> None:
        self.session.store.set_automation_enabled(enabled)

    def _wire(self) -> None:
        analysis = self.session.monitor.analysis
        analysis.source_state_changed.connect(self.sources.set_state)
        analysis.patterns_changed.connect(self._patterns_changed)
        analysis.events_stored.connect(self._events_stored)  # a method: queued to this thread
        analysis.sessions_saved.connect(self._sessions_saved)
        analysis.stats_changed.connect(self._show_stats)
        analysis.lines_processed.connect(self.counters.lines_processed)
        analysis.failed.connect(self._problem)
        analysis.write_blocked.connect(self._writes_blocked)
        analysis.write_resumed.connect(self._writes_resumed)
        store = self.session.store
        worker = store.worker
        model = self.patterns.model
        model.page_wanted.connect(store.load_page)
        model.refresh_wanted.connect(store.refresh)
        worker.page_loaded.connect(model.add_page)
        worker.page_loaded.connect(self._page_loaded)  # a method: queued to this thread
        events = self.patterns.events_model
        events.page_wanted.connect(store.load_events)
        events.newer_wanted.connect(store.load_newer_events)
        worker.events_loaded.connect(events.add_page)
        worker.newer_events_loaded.connect(events.add_newer)
        worker.patterns_refreshed.connect(self._patterns_refreshed)
        worker.detail_loaded.connect(self._detail_loaded)
        worker.corrected.connect(self._corrected)
        worker.triaged.connect(self._triaged)
        worker.stats_loaded.connect(self._show_stats)
        worker.timeline_loaded.connect(self.stats.show_timeline)
        worker.history_loaded.connect(self.history.show_runs)
        worker.breakdown_loaded.connect(self._breakdown_loaded)
        self.history.run_opened.connect(store.load_run_patterns)
        worker.run_patterns_loaded.connect(self.show_run_patterns)
        worker.jira_loaded.connect(self._jira_loaded)
        worker.jira_panel_loaded.connect(self.jira.show_data)
        self._wire_tray()
        worker.automation_loaded.connect(self.jira.set_automation)
        worker.automation_loaded.connect(self._automation_loaded)
        worker.sources_loaded.connect(self._restore_sources)
        worker.failed.connect(self._problem)
        worker.failed.connect(self._store_failed)
        self.patterns.selection_changed.connect(self._selection_changed)
        self.patterns.triage.requested.connect(store.triage)
        self.patterns.triage.correction_requested.connect(self._ask_correction)
        self.sources.add_requested.connect(self._add_requested)
        self.sources.remove_requested.connect(self.remove_source)
        self.sources.pause_requested.connect(self.pause_source)
        worker.activity_loaded.connect(self.sources.set_activity)
        self.jira.automation_toggled.connect(store.set_automation_enabled)
        self.jira.pattern_wanted.connect(self.show_pattern)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.imports.finished.connect(self._import_finished)
        self.imports.message.connect(self._import_stopped)
        self.imports.committed.connect(self._import_committed)
        self.retraining.finished.connect(self._retrained)
        self.retraining.failed.connect(self._retrained)
        self.patterns.empty_action.connect(self._add_requested)
        self.session.jira_changed.connect(self._wire_jira)
        self._wire_jira()
        self._wire_team()

    def _wire_team(self) -> None:
        worker = self.session.store.worker
        worker.team_opened.connect(self._team_opened)
        worker.team_failed.connect(self._team_failed)
        worker.hosts_loaded.connect(self._hosts_loaded)
        self.session.team_changed.connect(self._team_changed)
        self.session.team_listening.connect(self._team_listening)
        self.session.team_updates_failed.connect(self._team_updates_failed)

    def _wire_tray(self) -> None:
        store = self.session.store
        self.session.monitor.analysis.patterns_changed.connect(self.tray.patterns_changed)
        self.tray.facts_wanted.connect(store.load_alerts)
        store.worker.alerts_loaded.connect(self.tray.facts_loaded)
        store.worker.triaged.connect(self.tray.refresh_count)
        self.tray.pattern_activated.connect(self.show_pattern)

    def _wire_jira(self) -> None:
        """Show the Jira settings in effect; connect a Jira worker once (it may start after
        the window, when the profile's settings are read or saved from the dialog)."""
        jira = self.session.jira
        settings = self.session.settings
        self.commands.actions["automation"].setEnabled(jira is not None)
        if jira is None and self.session.team_jira is not None:
            self._wire_team_jira()
            return
        if jira is None:
            self.jira.set_site(None, settings.project_key, settings.problems())
            self.counters.show_jira("Jira: off")
            self.stats.set_outbox(None)
            self.patterns.triage.set_jira(False)
            return
        self.jira.set_site(settings.site, settings.project_key, [])
        self.jira.set_priorities(settings.priority_map)
        self.counters.show_jira(f"Jira: {settings.project_key}")
        if self._wired_jira is jira:
            return
        self._wired_jira = jira
        jira.worker.ticket_filed.connect(self._ticket_changed)
        jira.worker.ticket_updated.connect(self._ticket_changed)
        jira.worker.outbox_changed.connect(self._outbox_changed)
        jira.worker.outbox_changed.connect(self._reload_jira)  # the panel lists the rows
        jira.worker.jira_error.connect(self._jira_error)
        jira.worker.recovered.connect(self._jira_recovered)
        self.session.store.worker.ticket_requested.connect(jira.worker.wake)
        self.patterns.triage.set_jira(True)
        self.jira.retry_requested.connect(jira.worker.retry)
        self.jira.sync_requested.connect(jira.worker.sync_now)
        jira.worker.sync_finished.connect(self._jira_synced)
        if self.session.running:  # started after the window: show its switch and tickets
            self.session.store.load_automation()
            self.session.store.load_jira()

    def start(self) -> bool:
        """Start the session's store worker and ask for the first page of patterns (False
        when the window was closed meanwhile: nothing is started then); the rest follows
        as the pages arrive (:meth:`_pages_arrived`)."""
        if self._closed:
            return False
        # the libraries and widgets exist: frozen now, no full collection during the start
        # rescans them (one did, on the store worker, 79 ms with the GIL held: a GUI stall
        # of 103 ms at 10,000 patterns); the analysis thread freezes the model once loaded
        freeze_long_lived()
        self.session.start(lambda go: AfterPaint(self.patterns.view.viewport(), go))
        self.patterns.model.set_eager(True)  # all patterns: sort and filter cover them all
        self.commands.set_quietly("monitoring", True)
        return True

    def _pages_arrived(self, exhausted: bool) -> None:
        """The start's two steps, each once the table has painted the page that allows it
        (at once when it cannot paint: hidden, window not exposed). After the first page:
        the window's other reads (statistics, Jira, sources ...). After the last page (or
        the first, when pages load only as the view scrolls): Jira automation and the
        analysis thread (the classifier load), and the Statistics tab's timeline when that
        tab is the one shown (0.3 s of SQLite CPU on 1,000,000 events; else it is read when
        the tab is). Before, they competed with the first paint and the pages for the GIL
        and the 2 cores (issue 13's stall of 65–100 ms at the start). Nothing is lost by
        waiting: the watcher runs from the start, and what it reads meanwhile waits in the
        analysis thread's queue."""
        viewport = self.patterns.view.viewport()
        if not self._first_page_seen:
            self._first_page_seen = True
            AfterPaint(viewport, self._first_page_shown)
        if not self._last_page_seen and (exhausted or not self.patterns.model.eager):
            self._last_page_seen = True
            AfterPaint(viewport, self._table_loaded)

    def _store_failed(self, _message: str) -> None:
        """No more pages come (the profile did not open, or a page read failed): the start's
        steps run now (their reads fail and say so; the monitor starts)."""
        self._pages_arrived(exhausted=True)

    def _first_page_shown(self) -> None:
        """The window's reads besides the pattern table (their answers queue behind the
        next page's read on the store worker)."""
        if self._closed:
            return
        store = self.session.store
        store.load_stats()
        store.load_jira()
        store.load_automation()
        store.load_sources()
        store.load_activity()
        store.load_breakdown()
        self.tray.refresh_count()

    def _table_loaded(self) -> None:
        if self._closed:
            return
        self.session.start_background()
        if self.tabs.currentWidget() is self.stats:  # else read when the tab is shown
            self.session.store.load_timeline(TIMELINE_MINUTES)

    # -- sources -----------------------------------------------------------------------
    def add_source(self, path: str, *, from_start: bool = False) -> bool:
        """Watch a file or glob (False when it is already watched); with monitoring stopped
        it is listed, and read once monitoring starts."""
        absolute = str(Path(path).expanduser().absolute())
        if not self.sources.add_source(absolute):
            return False
        self._removed_sources.discard(absolute)
        if self.monitoring:
            self.session.monitor.add(absolute, from_start=from_start)
        else:
            self.sources.set_state(absolute, "paused", "monitoring stopped")
        self.session.store.save_sources(self.sources.paths())
        return True

    def remove_source(self, path: str) -> None:
        self._removed_sources.add(path)
        self.session.monitor.remove(path)
        self.sources.remove_source(path)
        self.session.store.save_sources(self.sources.paths())
        self._message(f"Stopped watching {path}")

    def pause_source(self, path: str, pause: bool) -> None:
        """Stop reading one source, or go on from where it stopped."""
        if pause:
            self.session.monitor.remove(path)
            self.sources.set_state(path, "paused", "paused by you")
            self._history_refresh.add()  # its watch session ends
        elif self.monitoring:
            self._resume(path)
        self._message(f"{'Paused' if pause else 'Resumed'} {path}")

    def _resume(self, path: str) -> None:
        """Follow ``path`` again from its committed offset, once the lines read before the
        pause are stored (else they would be read twice)."""
        self.sources.set_state(path, "starting", "")
        monitor = self.session.monitor
        after_pipeline(monitor.watcher, monitor.analysis, self, lambda: self._readd(path))

    def _readd(self, path: str) -> None:
        if not self._closed and self.monitoring and path in self.sources.paths() \
                and self.sources.state_of(path) == "starting":
            self.session.monitor.add(path)

    def _restore_sources(self, paths: list[str]) -> None:
        if self.team_mode:  # the agents read the logs; the local list waits for single-user
            return
        for path in paths:
            if path not in self._removed_sources:
                self.add_source(path)

    def _add_requested(self, kind: str) -> None:
        {"file": self.ask_add_file, "glob": self.ask_add_glob, "import": self.ask_import,
         "pos": self.open_pos_simulator}[kind]()

    def set_monitoring(self, running: bool) -> None:
        """Stop reading every watched source, or go on where each one stopped (its committed
        offset: nothing written meanwhile is missed)."""
        if running == self.monitoring:
            return
        self.monitoring = running
        for path in self.sources.paths():
            if running:
                self._resume(path)
            else:
                self.session.monitor.remove(path)
                self.sources.set_state(path, "paused", "monitoring stopped")
                self._history_refresh.add()  # its watch session ends
        self.commands.set_quietly("monitoring", running)
        self._message("Monitoring " + ("started: reading on from where each source stopped."
                                       if running else "stopped."))

    def ask_add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Watch a log file", "",
                                              "Logs (*.log *.txt *.out);;All files (*)")
        if not path:
            return
        answer = QMessageBox.question(
            self, "Watch a log file",
            f"Analyze what {Path(path).name} already holds too?\n\n"
            "Yes: read it from the start. No: only lines written from now on.")
        self.add_source(path, from_start=answer == QMessageBox.StandardButton.Yes)

    def ask_add_glob(self) -> None:
        pattern, ok = QInputDialog.getText(
            self, "Watch files matching a pattern",
            "Glob (e.g. /var/log/pos/*.log); new matching files are followed as they appear:")
        if not ok or not pattern.strip():
            return
        pattern = str(Path(pattern.strip()).expanduser())
        matching = glob.glob(pattern)
        from_start = False
        if matching:
            answer = QMessageBox.question(
                self, "Watch files matching a pattern",
                f"{plural(len(matching), 'file')} already match{'es' if len(matching) == 1 else ''}"
                f" {pattern}.\nAnalyze what they already hold too?\n\nYes: read them from the "
                "start. No: only lines written from now on.")
            from_start = answer == QMessageBox.StandardButton.Yes
        self.add_source(pattern, from_start=from_start)

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a whole log file", "",
                                              "Logs (*.log *.txt *.gz *.out);;All files (*)")
        if path:
            self.imports.start(Path(path))

    def _import_stopped(self, message: str) -> None:
        """Cancelled or failed: say so; what was committed shows in the history."""
        self.statusBar().showMessage(message, 2 * STATUS_MESSAGE_MS)
        self.session.store.load_history()
        self._stats_refresh.add()

    def _import_committed(self, pattern_ids: list[int]) -> None:
        """A chunk of the import is stored: its patterns and the counters move now."""
        self._pattern_refresh.add(pattern_ids)
        self._stats_refresh.add()

    def _import_finished(self, summary: object) -> None:
        self._message(f"Imported {getattr(summary, 'path', '')}: "
                      f"{plural(getattr(summary, 'lines', 0), 'line')}, "
                      f"{plural(getattr(summary, 'errors', 0), 'event')}, "
                      f"{plural(getattr(summary, 'new_patterns', 0), 'new pattern')}")
        self._pattern_refresh.add()
        self.session.store.load_stats()
        self.session.store.load_history()
        self._timeline_refresh.add()
        self.tray.refresh_count()  # imported patterns count on the tray (they do not notify)

    # -- patterns ----------------------------------------------------------------------
    def _patterns_changed(self, changes: list[PatternChange]) -> None:
        self._pattern_refresh.add(c.pattern_id for c in changes)

    def _refresh_patterns(self, ids: set[int]) -> None:
        self.patterns.model.patterns_changed(ids)
        if self._selected and (self._selected in ids or not ids):
            self.session.store.load_detail(self._selected)

    def _page_loaded(self, _rows: list, exhausted: bool) -> None:
        self.patterns.update_count()  # the first page may be empty: then the empty state
        self._select_wanted()
        self._pages_arrived(exhausted)

    def _automation_loaded(self, config) -> None:  # noqa: ANN001 - AutomationConfig
        running = self.session.jira is not None or self.session.team_jira is not None
        self.commands.set_quietly("automation", config.enabled and running)

    def _patterns_refreshed(self, refresh) -> None:  # noqa: ANN001 - PatternRefresh
        self.patterns.model.apply_refresh(refresh)
        self.patterns.refresh_selected()
        self._select_wanted()

    def _selection_changed(self, pattern_id: int) -> None:
        self._selected = pattern_id
        if pattern_id:
            self.session.store.load_detail(pattern_id)
        else:
            self.patterns.detail.show_detail(None)

    def _detail_loaded(self, detail: PatternDetail | None) -> None:
        if detail is None:
            return
        if detail.row.id == self._selected:
            self.patterns.detail.show_detail(detail)

    def _ask_correction(self, pattern_id: int) -> None:
        row = self.patterns.selected_row()
        if row is None or row.id != pattern_id:
            return
        # the taxonomy's labels come with the classifier package (numpy): loaded on demand
        from stacklens_desktop.ui.correction_dialog import CorrectionDialog

        dialog = CorrectionDialog(row.template, row.severity, row.error_type, self)
        if dialog.exec() != CorrectionDialog.DialogCode.Accepted:
            return
        severity, error_type = dialog.choice()
        if severity or error_type:
            self.correct_pattern(row.id, row.fingerprint, severity, error_type)

    def correct_pattern(self, pattern_id: int, fingerprint: str, severity: str | None,
                        error_type: str | None) -> None:
        """Queued to the store worker (not the analysis writer); the row updates when stored."""
        self.session.store.correct(pattern_id, fingerprint, severity, error_type)

    def triage(self, pattern_id: int, action: str, duration: timedelta | None = None) -> None:
        """Acknowledge / mute / resolve / reopen / ticket: stored by the store worker."""
        self.session.store.triage(pattern_id, action, duration)

    def _triaged(self, pattern_id: int, done: str) -> None:
        self._message(f"Pattern #{pattern_id}: {done}.")
        self._pattern_refresh.add([pattern_id])
        self.session.store.load_stats()
        self.session.store.load_jira()

    def _corrected(self, pattern_id: int) -> None:
        self._message("Correction stored; it wins for this pattern from now on.")
        self._pattern_refresh.add([pattern_id])
        self.session.store.load_stats()

    # -- statistics --------------------------------------------------------------------
    def _show_stats(self, stats: dict) -> None:
        self.counters.show_stats(stats)
        self.stats.show_stats(stats)
        self.patterns.set_sources([s["path"] for s in stats.get("sources", ())])
        if not self.team_mode:
            self.sources.set_known(list(stats.get("sources", ())))

    def _breakdown_loaded(self, breakdown) -> None:  # noqa: ANN001 - Breakdown
        self.stats.show_breakdown(breakdown)
        self.patterns.set_types([t for t, _n, _c in breakdown.by_type])

    def _events_stored(self, _events: list) -> None:
        self._timeline_refresh.add()
        self._stats_refresh.add()
        self._history_refresh.add()

    def _sessions_saved(self) -> None:
        """A running watch session's counts were stored after the last history read."""
        self._history_refresh.add()

    def _refresh_history(self, _keys: set[int]) -> None:
        if self.tabs.currentWidget() is self.history:
            self.session.store.load_history()

    def _refresh_stats(self, _keys: set[int]) -> None:
        self.session.store.load_stats()
        if self.team_mode:
            self.session.store.load_hosts()
        self.session.store.load_activity()
        self.session.store.load_breakdown()
        if self.tabs.currentWidget() is self.jira:  # new decisions in the automation log
            self.session.store.load_jira()
        if self.patterns.tables.currentWidget() is self.patterns.events_view:
            self.patterns.events_model.ask_newer()

    def _refresh_timeline(self, _keys: set[int]) -> None:
        self.session.store.load_timeline(TIMELINE_MINUTES)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.stats:
            self.session.store.load_timeline(TIMELINE_MINUTES)
            self.session.store.load_breakdown()
        elif self.tabs.widget(index) is self.jira:
            self.session.store.load_jira()
        elif self.tabs.widget(index) is self.history:
            self.session.store.load_history()

    def show_pattern(self, pattern_id: int) -> None:
        """The Patterns tab with this pattern selected (a tray notification was clicked, or
        Show pattern in the Jira tab); a pattern the table has not read yet is selected
        when it arrives."""
        self.tabs.setCurrentWidget(self.patterns)
        self._wanted = 0
        if self.patterns.select_pattern(pattern_id):
            return
        if self.patterns.model.row_of(pattern_id) is None:
            self._wanted = pattern_id
        else:
            self._message(f"Pattern #{pattern_id} is hidden by the filters.")

    def _select_wanted(self) -> None:
        if self._wanted and self.patterns.select_pattern(self._wanted):
            self._wanted = 0

    def show_run_patterns(self, run: RunRow, pattern_ids: list[int]) -> None:
        """The Patterns tab, narrowed to the patterns a run of the history found."""
        self.patterns.show_run(run_label(run, len(pattern_ids)), pattern_ids)
        self.tabs.setCurrentWidget(self.patterns)

    # -- team mode ---------------------------------------------------------------------
    def _team_opened(self, link) -> None:  # noqa: ANN001 - ui.team_link.TeamLink
        self._team_who = (link.address, link.user)
        self.team_banner.connected(link.address, link.user, "live updates starting")
        self._enter_team_mode()
        self.session.store.load_hosts()

    def _team_failed(self, _address: str, sentence: str) -> None:
        log.warning("team mode: %s", sentence)
        self.team_banner.failed(sentence)
        self._enter_team_mode()
        self.sources.reason.setText("The hosts show once the team store answers.")

    def _enter_team_mode(self) -> None:
        """The fleet's patterns with their hosts; nothing local is watched or imported."""
        self.team_mode = True
        self.setWindowTitle("StackLens — team store")
        self.patterns.show_hosts(True)
        self.sources.show_hosts([])
        for key in ("monitoring", "add_file", "add_glob", "import", "pos"):
            self.commands.actions[key].setEnabled(False)
        self.commands.set_quietly("monitoring", False)

    def _team_listening(self) -> None:
        self.team_banner.connected(*self._team_who, "live updates on")
        model = self.patterns.model  # anything committed before LISTEN began
        self._pattern_refresh.add(model.row_at(r).id for r in range(model.rowCount()))

    def _team_updates_failed(self, line: str) -> None:
        log.warning("%s", line)
        self.team_banner.connected(*self._team_who, line)

    def _hosts_loaded(self, groups: list) -> None:
        self.sources.show_hosts(groups)
        self.patterns.set_hosts([g.host for g in groups])

    def _team_changed(self, message: dict) -> None:
        """An announcement of the team store: an agent's shipment (its patterns), another
        desktop's triage (or this one's): the rows it names are read again."""
        kind = message.get("kind")
        if message.get("truncated"):  # too many patterns to name: every held row is read
            self._pattern_refresh.add(self.patterns.model.loaded_ids())
        if kind in ("events", "merge"):  # a shipment, or the fleet merge folding patterns
            self._pattern_refresh.add(int(p) for p in message.get("patterns", ()))
            self._tell_tray(message)
            self._events_stored([])
        elif kind in ("triage", "correction"):  # another desktop's (or this one's)
            self._pattern_refresh.add([int(message["pattern"])])
            self.tray.refresh_count()
        elif kind == "agent":  # an agent's state changed without a shipment
            self.session.store.load_hosts()
        elif kind == "synced":  # the holder read the statuses a desktop asked for
            self._jira_synced(str(message.get("line", "")))
        elif kind == "tickets":  # the team's automation holder filed or updated them
            self._pattern_refresh.add(int(p) for p in message.get("patterns", ()))
            self._reload_jira()

    def _tell_tray(self, message: dict) -> None:
        """A shipment's patterns, the ones new to the fleet marked so: the tray decides
        (a new critical one notifies, as a local one does)."""
        new = {int(p) for p in message.get("new", ())}
        changes = [PatternChange(int(p), "", 0, int(p) in new)
                   for p in message.get("patterns", ())]
        self.tray.patterns_changed(changes)

    # -- Jira --------------------------------------------------------------------------
    def _ticket_changed(self, pattern_id: int, key: str, detail: str) -> None:
        self._message(f"Jira {key}: {detail}")
        self._pattern_refresh.add([pattern_id])
        self.session.store.load_jira()

    def _jira_loaded(self, _tickets: list, waiting: int, failed: int, error: str) -> None:
        self._outbox_changed(waiting, failed)
        self.jira.set_error(error)

    def _outbox_changed(self, waiting: int, failed: int) -> None:
        """One source for the three places that show the outbox (status bar, Jira tab,
        Statistics): they cannot disagree."""
        if self.session.jira is None:
            return
        self.jira.set_outbox(waiting, failed)
        self.stats.set_outbox((waiting, failed))
        self.counters.show_jira(f"Jira: {self.session.settings.project_key} · outbox "
                                f"{waiting:,} waiting · {failed:,} failed")

    def _jira_synced(self, message: str) -> None:
        self.jira.sync_finished(message)
        self._message(f"Jira: {message}")
        self.session.store.load_jira()

    def _jira_recovered(self) -> None:
        self.jira.set_error("")
        self._message("Jira: answering again.")
        self.session.store.load_jira()

    def _reload_jira(self, *_args: object) -> None:
        self.session.store.load_jira()

    def _wire_team_jira(self) -> None:
        """Team mode: this desktop contends for the team's automation role; the status bar
        says who holds it, tickets filed here refresh their rows like the local ones."""
        team = self.session.team_jira
        settings = self.session.settings
        self.jira.set_site(settings.site, settings.project_key, [])
        if team is None or self._wired_jira is team:
            return
        self._wired_jira = team
        self.counters.show_jira(f"Jira: {settings.project_key} · team automation starting")
        self.patterns.triage.set_jira(True)  # "Ticket now": the holder files it
        self.commands.actions["automation"].setEnabled(True)  # the team's policy switch
        team.worker.role_changed.connect(self._team_role)
        team.worker.ticket_changed.connect(self._ticket_changed)
        team.worker.decided.connect(self._reload_jira)
        team.worker.failed.connect(self._jira_error)
        self.jira.retry_requested.connect(self.session.store.retry_team_outbox)
        self.jira.sync_requested.connect(self.session.store.request_team_sync)
        self.session.store.worker.team_retried.connect(self._team_retried)
        self.session.store.load_automation()  # the switch shows the team's policy

    def _team_retried(self, rows: int) -> None:
        self._message(f"Jira: {plural(rows, 'operation')} due now; the team's automation "
                      "sends them.")
        self._reload_jira()

    def _team_role(self, held: bool, holder: str) -> None:
        project = self.session.settings.project_key
        where = "held here" if held else f"held by {holder}" if holder else "waiting"
        self.counters.show_jira(f"Jira: {project} · team automation {where}")
        self.jira.set_error("")

    def _jira_error(self, message: str) -> None:
        self.jira.set_error(message)
        self.session.store.load_jira()
        self._message(f"Jira: {message}")

    # -- misc --------------------------------------------------------------------------
    def open_pos_simulator(self) -> QWidget | None:
        window = self.pos_launcher.open()
        if window is not None:  # already watched in demo mode: then this is a no-op
            self.add_source(str(self.pos_launcher.log_path), from_start=True)
        return window

    def open_settings(self) -> SettingsDialog:
        # the dialog loads the Jira client and the settings schema: after the first paint
        from stacklens_desktop.ui.settings_wiring import show_settings

        return show_settings(self)

    def set_theme(self, theme: str) -> None:
        """Apply and remember a colour theme (system / light / dark)."""
        self.theme = theme
        self._apply_theme()
        self.settings.setValue("ui/theme", theme)

    def _system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The system went light or dark: followed at once with the "system" theme."""
        if self.theme == "system" and not self._closed:
            self._apply_theme(system_dark=scheme == Qt.ColorScheme.Dark)

    def _apply_theme(self, system_dark: bool | None = None) -> None:
        """The palette, then what draws its own colours: charts, icons, the detail pane's
        badges and the tables' links."""
        self.stats.set_dark(apply_theme(self.theme, system_dark=system_dark))
        self.commands.refresh_icons()
        self.patterns.triage.refresh_icons()
        self.patterns.detail.repaint_colours()
        self.patterns.model.colours_changed()

    def set_tray(self, on: bool) -> None:
        """Switch and remember the tray icon and its notifications."""
        self.tray.set_enabled(on)
        self.settings.setValue(TRAY_SETTING, on)

    def retrain(self) -> None:
        if not self.retraining.start():
            self._message("The model is already being retrained.")
            return
        self.commands.actions["retrain"].setEnabled(False)
        self.counters.show_busy("Retraining the model…")

    def _retrained(self, summary: str) -> None:
        self.retraining.wait()
        self.commands.actions["retrain"].setEnabled(True)
        self.counters.show_busy("")
        self.last_retrain = summary
        self.statusBar().showMessage(summary, 4 * STATUS_MESSAGE_MS)

    def show_shortcuts(self) -> None:
        rows = shortcut_rows([("Window", self.commands.actions.values()),
                              ("Patterns table", self.patterns.triage.actions.values())])
        ShortcutsDialog(rows, self).exec()

    def _problem(self, message: str) -> None:
        log.warning("%s", message)
        self._message(message)

    def _writes_blocked(self, reason: str, paths: list) -> None:
        """Disk full (or locked): the sources wait, the status bar says so until resumed."""
        log.warning("%s", reason)
        for path in paths:
            self.sources.set_state(path, "waiting", reason)
        self.statusBar().showMessage(reason)  # no timeout: it stays until writes resume

    def _writes_resumed(self) -> None:
        self.statusBar().showMessage("Writing again: everything read meanwhile is stored",
                                     STATUS_MESSAGE_MS)

    def _message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def _about(self) -> None:
        QMessageBox.about(self, "About StackLens",
                          f"StackLens {__version__}\nWatches logs, groups errors into patterns, "
                          f"explains them and files Jira tickets.\nProfile: "
                          f"{self.data_dir}")

    def shutdown(self) -> None:
        """Orderly stop of every thread the window started (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._pattern_refresh.stop()
        self._timeline_refresh.stop()
        self._stats_refresh.stop()
        self._history_refresh.stop()
        self.tray.set_enabled(False)
        save_window(self)
        self.imports.stop()
        self.retraining.wait()
        self.pos_launcher.close()
        if self.session is not None:
            self.session.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        event.accept()
