"""Jira: the site and the automation switch; the tickets the app filed (Sync now, open in
the browser); the automation log (every decision with its reason, filterable); the outbox
(what waits to go to Jira, with its error; Retry any of it)."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.jira.outcomes import OUTCOMES
from stacklens_desktop.jira.panel_rows import JiraPanelData
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.ui.automation_log_model import (
    PATTERN_ID_ROLE,
    AutomationLogFilter,
    AutomationLogModel,
)
from stacklens_desktop.ui.empty_hint import EmptyHint
from stacklens_desktop.ui.outbox_model import ID_ROLE, OutboxModel
from stacklens_desktop.ui.patterns_tab import row_table
from stacklens_desktop.ui.theme import SEVERITY_ORDER, short_time
from stacklens_desktop.ui.ticket_model import KEY, URL_ROLE, LinkDelegate, TicketModel
from stacklens_desktop.wording import plural

ERROR_COLOR = "#e53935"
NO_TICKETS = ("No tickets yet. StackLens files one when a pattern meets the automation policy "
              "above, or when you choose Pattern → Create/update ticket now.")
NO_DECISIONS = "No automation decisions yet, or none matches the filter."
NOTHING_WAITING = "Nothing waiting: every operation reached Jira."
SYNC_EVERY_NOTE = "statuses are read from Jira every 5 minutes"


def describe_policy(config: AutomationConfig) -> str:
    """The thresholds as one readable sentence per line."""
    lines = []
    for severity in SEVERITY_ORDER:
        rule = config.rules.get(severity)
        if rule is None or not rule.file:
            lines.append(f"{severity}: never filed")
        elif rule.confidence_above is None:
            lines.append(f"{severity}: always filed")
        else:
            lines.append(f"{severity}: filed above {rule.confidence_above:.0%} confidence")
    minutes = int(config.window.total_seconds() // 60)
    throttle = int(config.comment_throttle.total_seconds() // 60)
    lines.append(f"at least {plural(config.min_occurrences, 'occurrence')} within {minutes} min")
    lines.append(f"one comment per ticket per {throttle} min; regressions: "
                 f"{config.regression_mode.value.replace('_', ' ')}")
    return "\n".join(lines)


def quiet_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # grey on light and dark
    return label


def heading(text: str) -> QLabel:
    label = QLabel(f"<b>{html.escape(text)}</b>")
    return label


def section(bar: QHBoxLayout, *widgets: QWidget, top: int = 6) -> QWidget:
    """A tool bar over its widgets; the last one takes the free height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, top, 0, 0)
    layout.addLayout(bar)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is widgets[-1] else 0)
    return box


class JiraPanel(QWidget):
    #: (enabled) the user flipped the automation switch.
    automation_toggled = Signal(bool)
    #: (outbox ids; empty: all) the user wants these operations sent now, failed or waiting.
    retry_requested = Signal(list)
    #: the user wants every ticket's status read from Jira now.
    sync_requested = Signal()
    #: (pattern id) show this pattern in the Patterns tab.
    pattern_wanted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = QLabel()
        self.site.setTextFormat(Qt.TextFormat.RichText)
        self.site.setOpenExternalLinks(True)
        self.site.setWordWrap(True)
        self.automation = QCheckBox("File and update tickets automatically")
        self.automation.toggled.connect(self._toggled)
        self.policy = quiet_label()
        self.policy.setWordWrap(True)  # never widens the window
        self._site: tuple[str | None, str, list[str]] = (None, "", [])
        self.tickets_model = TicketModel(self)
        self.tickets = self._tickets_view()
        self.open_button = QPushButton("Open in browser")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.pattern_button = QPushButton("Show pattern")
        self.pattern_button.setEnabled(False)
        self.pattern_button.clicked.connect(self._show_selected_pattern)
        self.sync = QPushButton("Sync now")
        self.sync.setToolTip("Read every ticket's status from Jira now (it is also read every "
                             "5 minutes)")
        self.sync.clicked.connect(self._sync_clicked)
        self.sync_state = quiet_label(SYNC_EVERY_NOTE)
        self._sync_message = ""
        self.sync_state.setSizePolicy(QSizePolicy.Policy.Ignored,  # never widens the window
                                      QSizePolicy.Policy.Preferred)
        self.log_model = AutomationLogModel(self)
        self.log_filter = AutomationLogFilter(self)
        self.log_filter.setSourceModel(self.log_model)
        self.log_view = row_table(self.log_filter, {0: 150, 1: 190, 2: 300}, 3)
        self.log_view.setToolTip("Double-click a row to show its pattern")
        self.log_view.doubleClicked.connect(self._log_double_clicked)
        self.outcome_filter = QComboBox()
        self.outcome_filter.addItem("All outcomes", "")
        for group in OUTCOMES:
            self.outcome_filter.addItem(group.capitalize(), group)
        self.outcome_filter.currentIndexChanged.connect(
            lambda _i: self.log_filter.set_group(self.outcome_filter.currentData()))
        self.log_search = QLineEdit()
        self.log_search.setPlaceholderText("Filter the log: reason, pattern, #id…")
        self.log_search.setClearButtonEnabled(True)
        self.log_search.textChanged.connect(self.log_filter.set_text)
        self.outbox_model = OutboxModel(self)
        self.outbox_view = row_table(self.outbox_model, {0: 170, 1: 260, 2: 90, 3: 70,
                                                         4: 120}, 5)
        self.outbox_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.outbox_view.selectionModel().selectionChanged.connect(self._update_retry)
        self.outbox = QLabel("Outbox: —")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color:{ERROR_COLOR}")
        self.retry = QPushButton("Retry all")
        self.retry.setToolTip("Send every waiting or failed operation now")
        self.retry.setEnabled(False)
        self.retry.clicked.connect(lambda: self.retry_requested.emit([]))  # [] = all open
        self.retry_selected = QPushButton("Retry selected")
        self.retry_selected.setToolTip("Send the selected operations now, failed or waiting")
        self.retry_selected.setEnabled(False)
        self.retry_selected.clicked.connect(self._retry_selected)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self._waiting = self._failed = 0
        self._quiet = False
        self._layout()

    # -- building ----------------------------------------------------------------------
    def _tickets_view(self) -> QTableView:
        view = row_table(self.tickets_model, {0: 90, 1: 380, 2: 115, 3: 80, 4: 95, 5: 110,
                                              6: 125, 7: 150}, 1)
        view.setItemDelegateForColumn(KEY, LinkDelegate(view))
        view.clicked.connect(self._ticket_clicked)
        view.doubleClicked.connect(lambda index: self._open(index.row()))
        view.selectionModel().currentRowChanged.connect(self._ticket_selected)
        view.setMouseTracking(True)
        return view

    def _header(self) -> QFrame:
        """One compact band: the site, the automation switch and its policy in a line."""
        band = QFrame()
        band.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout()
        row.addWidget(self.site, 1)
        row.addWidget(self.automation)
        layout = QVBoxLayout(band)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.policy)
        return band

    def _tickets_box(self) -> QWidget:
        bar = QHBoxLayout()
        bar.addWidget(heading("Tickets filed by StackLens"))
        bar.addSpacing(12)
        bar.addWidget(self.sync_state, 1)
        bar.addWidget(self.pattern_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.sync)
        return section(bar, EmptyHint(self.tickets, NO_TICKETS), top=0)

    def _log_box(self) -> QWidget:
        bar = QHBoxLayout()
        bar.addWidget(self.outcome_filter)
        bar.addWidget(self.log_search, 1)
        return section(bar, EmptyHint(self.log_view, NO_DECISIONS))

    def _outbox_box(self) -> QWidget:
        bar = QHBoxLayout()
        bar.addWidget(self.outbox)
        bar.addStretch(1)
        bar.addWidget(self.retry_selected)
        bar.addWidget(self.retry)
        return section(bar, self.error, EmptyHint(self.outbox_view, NOTHING_WAITING))

    def _layout(self) -> None:
        self.sections.addTab(self._log_box(), "Automation log")
        self.sections.addTab(self._outbox_box(), "Outbox")
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("jira_split")
        split.addWidget(self._tickets_box())
        split.addWidget(self.sections)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        layout.addWidget(split, 1)

    # -- content -----------------------------------------------------------------------
    def set_site(self, url: str | None, project: str, problems: list[str]) -> None:
        self._site = (url, project, list(problems))
        if url:
            link = self.palette().color(QPalette.ColorRole.Link).name()
            self.site.setText(f"<b>Jira</b> &nbsp;<a style='color:{link}' "
                              f"href='{html.escape(url)}'>{html.escape(url)}</a> · project "
                              f"<b>{html.escape(project)}</b>")
        else:
            why = html.escape(" ".join(problems)) or "not configured"
            self.site.setText(f"Jira is off: {why}<br><small>Configure it with "
                              "<code>stacklens jira configure</code>.</small>")
        self.automation.setEnabled(bool(url))
        self.sync.setEnabled(bool(url))

    def set_priorities(self, priority_map: Mapping[str, str]) -> None:
        self.tickets_model.set_priorities(priority_map)

    def set_automation(self, config: AutomationConfig) -> None:
        self._quiet = True
        self.automation.setChecked(config.enabled)
        self._quiet = False
        text = describe_policy(config)
        self.policy.setText("Policy: " + " · ".join(text.splitlines()))
        self.policy.setToolTip(text)

    def show_data(self, data: JiraPanelData) -> None:
        """A fresh read of the tickets, the log and the outbox (the selection is kept)."""
        key = self.selected_key()
        self.tickets_model.set_tickets(data.tickets)
        self._show_sync_state()
        if key:
            self.select_ticket(key)
        selected = set(self.selected_outbox_ids())
        self.log_model.set_entries(data.log)
        self.outbox_model.set_items(data.outbox)
        self._reselect_outbox(selected)
        self._update_retry()

    def set_outbox(self, waiting: int, failed: int) -> None:
        self._waiting, self._failed = waiting, failed
        self.outbox.setText(f"Outbox: <b>{waiting:,}</b> waiting · <b>{failed:,}</b> failed")
        title = "Outbox" if not (waiting or failed) else \
            f"Outbox ({waiting:,} waiting · {failed:,} failed)"
        self.sections.setTabText(1, title)
        self._update_retry()

    def set_error(self, message: str) -> None:
        """The last Jira problem; empty clears it (Jira answers again, the outbox drained)."""
        self.error.setText(f"Last error: {message}" if message else "")
        self.error.setVisible(bool(message))

    def sync_finished(self, message: str) -> None:
        self.sync.setEnabled(True)
        self.sync.setText("Sync now")
        self._sync_message = message
        self._show_sync_state()

    def _show_sync_state(self) -> None:
        """The last Sync now's result, and when statuses were last read (any sync)."""
        read = [t.synced_at for t in self.tickets_model.tickets() if t.synced_at]
        when = f"statuses read {short_time(max(read))[11:]} UTC" if read else SYNC_EVERY_NOTE
        self.sync_state.setText(f"{self._sync_message} · {when}" if self._sync_message
                                else when)
    # -- tickets -----------------------------------------------------------------------
    def ticket_keys(self) -> list[str]:
        """The filed tickets' keys as listed (newest filed first)."""
        return self.tickets_model.keys()

    def ticket_url(self, key: str) -> str | None:
        row = self.tickets_model.row_of(key)
        return self.tickets_model.index(row, KEY).data(URL_ROLE) if row >= 0 else None

    def ticket_status(self, key: str) -> str | None:
        row = self.tickets_model.row_of(key)
        return self.tickets_model.index(row, 2).data() if row >= 0 else None

    def selected_key(self) -> str | None:
        index = self.tickets.currentIndex()
        return self.tickets_model.index(index.row(), KEY).data() if index.isValid() else None

    def select_ticket(self, key: str) -> bool:
        row = self.tickets_model.row_of(key)
        if row < 0:
            return False
        self.tickets.setCurrentIndex(self.tickets_model.index(row, KEY))
        return True

    def open_selected(self) -> None:
        index = self.tickets.currentIndex()
        if index.isValid():
            self._open(index.row())

    def _ticket_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.open_button.setEnabled(current.isValid())
        self.pattern_button.setEnabled(current.isValid())

    def _show_selected_pattern(self) -> None:
        index = self.tickets.currentIndex()
        if index.isValid():
            self.pattern_wanted.emit(self.tickets_model.row_at(index.row()).pattern_id)

    def _log_double_clicked(self, index: QModelIndex) -> None:
        pattern_id = index.siblingAtColumn(0).data(PATTERN_ID_ROLE)
        if pattern_id:
            self.pattern_wanted.emit(int(pattern_id))

    def _ticket_clicked(self, index: QModelIndex) -> None:
        if index.column() == KEY:  # the key is a link: one click opens it
            self._open(index.row())

    def _open(self, row: int) -> None:
        url = self.tickets_model.index(row, KEY).data(URL_ROLE)
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def _sync_clicked(self) -> None:
        self.sync.setEnabled(False)
        self.sync.setText("Syncing…")
        self.sync_requested.emit()

    # -- outbox ------------------------------------------------------------------------
    def selected_outbox_ids(self) -> list[int]:
        rows = self.outbox_view.selectionModel().selectedRows()
        return sorted(int(index.data(ID_ROLE)) for index in rows)

    def select_outbox(self, ids: list[int]) -> None:
        self._reselect_outbox(set(ids))

    def _reselect_outbox(self, ids: set[int]) -> None:
        selection = self.outbox_view.selectionModel()
        selection.clearSelection()
        for row in range(self.outbox_model.rowCount()):
            index = self.outbox_model.index(row, 0)
            if index.data(ID_ROLE) in ids:
                selection.select(index, selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)

    def _retry_selected(self) -> None:
        ids = self.selected_outbox_ids()
        if ids:
            self.retry_requested.emit(ids)

    def _update_retry(self) -> None:
        """Any open operation can be retried: failed ones, and waiting ones (a back-off
        after an error, or a throttled update) are sent now."""
        self.retry.setEnabled(self._waiting + self._failed > 0)
        self.retry_selected.setEnabled(bool(self.selected_outbox_ids()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new palette (light/dark): the site link takes its link colour."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._site[1]:
            self.set_site(*self._site)

    def _toggled(self, checked: bool) -> None:
        if not self._quiet:
            self.automation_toggled.emit(checked)
