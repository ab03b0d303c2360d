"""The Patterns tab: filters (severity, type, status, source, text), the sorted table with
its context menu, the detail pane with the triage buttons."""

from __future__ import annotations

import os

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui import event_model as em
from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui import theme
from stacklens_desktop.ui.detail_pane import DetailPane
from stacklens_desktop.ui.empty_state import EmptyState
from stacklens_desktop.ui.event_model import EventTableModel
from stacklens_desktop.ui.event_proxy import EventFilterProxy
from stacklens_desktop.ui.filter_chip import FilterChip
from stacklens_desktop.ui.first_paint import AfterPaint
from stacklens_desktop.ui.pattern_proxy import PatternFilterProxy
from stacklens_desktop.ui.rows import PatternRow
from stacklens_desktop.ui.steady_label import SteadyLabel
from stacklens_desktop.ui.stretch_floor import StretchFloor
from stacklens_desktop.ui.theme import SEVERITY_ORDER
from stacklens_desktop.ui.triage_actions import TriageActions
from stacklens_desktop.ui.window_state import read_bytes, read_str

COLUMN_WIDTHS = {pm.COL_SEVERITY: 92, pm.COL_TYPE: 130, pm.COL_CONFIDENCE: 78,
                 pm.COL_COUNT: 64, pm.COL_LAST_SEEN: 140, pm.COL_STATUS: 130, pm.COL_TICKET: 80,
                 pm.COL_HOST: 120}
EVENT_COLUMN_WIDTHS = {em.COL_TIME: 160, em.COL_SEVERITY: 92, em.COL_LEVEL: 64,
                       em.COL_TYPE: 130, em.COL_SOURCE: 140, em.COL_HOST: 120}
#: The status filter's choices: (label, statuses shown; None: all).
STATUS_CHOICES: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("All statuses", None),
    ("Needs attention", frozenset({"new", "regression"})),
    ("Open", frozenset({"new", "acknowledged", "regression"})),
    ("New", frozenset({"new"})),
    ("Regression", frozenset({"regression"})),
    ("Acknowledged", frozenset({"acknowledged"})),
    ("Muted", frozenset({"muted"})),
    ("Resolved", frozenset({"resolved"})),
)
ALL = None  # the combo boxes' "all" item data
COMBO_CHARS = 10
#: the count's width is set for this text (up to 100,000 patterns: grows beyond)
WIDEST_COUNT = "88,888 of 88,888+ patterns"


def _add_choices(combo: QComboBox, values: list[str], label) -> None:  # noqa: ANN001
    """Add the values a combo box does not offer yet (its first item is "all")."""
    known = {combo.itemData(i) for i in range(1, combo.count())}
    for value in sorted(set(values) - known):
        combo.addItem(label(value), value)
        combo.setItemData(combo.count() - 1, value, Qt.ItemDataRole.ToolTipRole)


def row_table(model: QAbstractItemModel, widths: dict[int, int], stretch: int) -> QTableView:
    """A dense read-only table of whole rows, one selected at a time."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    for column, width in widths.items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    StretchFloor(view, stretch)
    return view


class PatternsTab(QWidget):
    #: (pattern id, or 0 when nothing is selected)
    selection_changed = Signal(int)
    #: the empty state's choice: "file", "import" or "pos".
    empty_action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = pm.PatternTableModel(self)
        self.proxy = PatternFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter: template, type, fingerprint, ticket…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.severity_boxes: dict[str, QAction] = {}
        self.type_filter = self._combo("All types", [], "error_type")  # filled from the store
        self.status_filter = self._combo(
            STATUS_CHOICES[0][0], [(label, chosen) for label, chosen in STATUS_CHOICES[1:]],
            "status")
        self.source_filter = self._combo("All sources", [], "source")
        self.host_filter = self._combo("All hosts", [], "host")
        self.host_filter.hide()  # until a host is known (team mode, or hosts in the logs)
        self.team = False  # team mode: no "add a log" empty state (agents read the logs)
        self.run_chip = FilterChip("Only the patterns that had events in this run of the "
                                   "history; the other filters apply on top")
        self.run_chip.removed.connect(self.clear_run)
        self.count = SteadyLabel(WIDEST_COUNT)
        self.triage = TriageActions(self)
        self.triage.attach(self)
        self.view = self._view()
        self.model.set_pacer(lambda go: AfterPaint(self.view.viewport(), go))
        self.events_model = EventTableModel(self)
        self.events_model.wanted = False  # until the per-event view is first shown
        self.event_proxy = EventFilterProxy(self)
        self.event_proxy.setSourceModel(self.events_model)
        self.proxy.filter_changed.connect(self.event_proxy.set_rule)
        self.events_view = self._events_view()
        self.events_toggle = QToolButton()
        self.events_toggle.setText("Events")
        self.events_toggle.setCheckable(True)
        self.events_toggle.setToolTip("Show each stored event instead of the patterns (E)")
        self.events_toggle.setShortcut("E")
        self.events_toggle.toggled.connect(self.show_events)
        self.detail = DetailPane(self.triage)
        self.empty = EmptyState()
        self.empty.chosen.connect(self.empty_action)
        self.pages = QStackedWidget()
        self._layout()
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged, self.proxy.modelReset,
                       self.event_proxy.rowsInserted, self.event_proxy.rowsRemoved):
            signal.connect(self.update_count)
        self.update_count()

    def _view(self) -> QTableView:
        view = row_table(self.proxy, COLUMN_WIDTHS, pm.COL_TEMPLATE)
        header = view.horizontalHeader()  # what the error is, beside its severity: in a
        header.moveSection(header.visualIndex(pm.COL_TEMPLATE), 1)  # narrow window too
        view.setSortingEnabled(True)
        view.sortByColumn(pm.COL_SEVERITY, Qt.SortOrder.AscendingOrder)
        view.setColumnHidden(pm.COL_HOST, True)  # shown in team mode (show_hosts)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        return view

    def _events_view(self) -> QTableView:
        view = row_table(self.event_proxy, EVENT_COLUMN_WIDTHS, em.COL_MESSAGE)
        view.setObjectName("events_view")
        view.setColumnHidden(em.COL_HOST, True)  # shown in team mode (show_hosts)
        view.selectionModel().currentRowChanged.connect(self._event_changed)
        return view

    def show_events(self, on: bool) -> None:
        """Each event (newest first) instead of the patterns; the filters apply to both."""
        if self.events_toggle.isChecked() != on:
            self.events_toggle.setChecked(on)
            return
        if on:
            self.events_model.wanted = True
        self.tables.setCurrentWidget(self.events_view if on else self.view)
        if on:
            self.events_model.ask_newer()
        self.update_count()

    def _event_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The detail pane shows the pattern of the selected event."""
        event = self.event_proxy.data(current, em.EVENT_ROLE) if current.isValid() else None
        if event is None:
            return
        row = self.model.row_of(event.pattern_id)
        self.triage.set_row(self.model.row_at(row) if row is not None else None)
        self.selection_changed.emit(event.pattern_id)

    def _combo(self, everything: str, items: list[tuple[str, object]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"filter_{name}")
        combo.addItem(everything, ALL)
        for label, data in items:
            combo.addItem(label, data)
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARS)
        combo.currentIndexChanged.connect(self._combos_changed)
        return combo

    def _filters(self) -> QVBoxLayout:
        """Two lines: the text filter and the count; then severity, type, status, source."""
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.count)
        first.addWidget(self.events_toggle)
        second.addWidget(self._severity_button())
        second.addSpacing(8)
        for combo in (self.type_filter, self.status_filter, self.source_filter,
                      self.host_filter):
            second.addWidget(combo)
        second.addWidget(self.run_chip)
        second.addStretch(1)
        lines = QVBoxLayout()
        lines.addLayout(first)
        lines.addLayout(second)
        return lines

    def _severity_button(self) -> QPushButton:
        """"Severity ▾": a menu of checkable severities (all checked: no filter). A push
        button: it leaves room for the menu's arrow (a tool button drew it over the text)."""
        button = QPushButton("All severities")
        menu = QMenu(button)
        for severity in SEVERITY_ORDER:
            box = menu.addAction(theme.severity_icon(severity), severity)
            box.setCheckable(True)
            box.setChecked(True)
            box.toggled.connect(self._severities_changed)
            self.severity_boxes[severity] = box
        button.setMenu(menu)
        self.severity_button = button
        return button

    def _layout(self) -> None:
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(self._filters())
        self.tables = QStackedWidget()
        self.tables.addWidget(self.view)
        self.tables.addWidget(self.events_view)
        top_layout.addWidget(self.tables, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("patterns_split")
        self.split.addWidget(top)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.split)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    # -- queries -----------------------------------------------------------------------
    def selected_row(self) -> PatternRow | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, pm.ROW_ROLE)

    def select_pattern(self, pattern_id: int) -> bool:
        """Select the row of a pattern (False when it is not loaded or filtered out)."""
        row = self.model.row_of(pattern_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def set_sources(self, paths: list[str]) -> None:
        """The source filter's choices: the files the store knows (keeps the choice)."""
        _add_choices(self.source_filter, paths, lambda p: os.path.basename(p) or p)

    def set_hosts(self, hosts: list[str]) -> None:
        """The host filter's choices (keeps the choice); it shows once there is one."""
        _add_choices(self.host_filter, hosts, lambda h: h)
        if hosts:
            self.host_filter.show()

    def show_hosts(self, on: bool) -> None:
        """Team mode: the Host column and the host filter are shown."""
        self.team = on
        self.view.setColumnHidden(pm.COL_HOST, not on)
        self.events_view.setColumnHidden(em.COL_HOST, not on)
        self.host_filter.setVisible(on or self.host_filter.count() > 1)

    def set_types(self, types: list[str]) -> None:
        """The type filter's choices: the error types the store holds (keeps the choice)."""
        _add_choices(self.type_filter, types, lambda t: t)

    def choose(self, combo: QComboBox, data: object) -> bool:
        """Select the item of ``combo`` holding ``data`` (False when there is none)."""
        for i in range(combo.count()):
            if combo.itemData(i) == data:
                combo.setCurrentIndex(i)
                return True
        return False

    def show_run(self, label: str, pattern_ids: list[int]) -> None:
        """Only these patterns (a run's), said by a removable chip reading ``label``."""
        self.proxy.set_filter(ids=frozenset(pattern_ids))
        self.run_chip.show_text(label)
        self.update_count()

    def clear_run(self) -> None:
        """Every pattern again (the run chip's ×)."""
        self.run_chip.hide()
        self.proxy.set_filter(ids=None)
        self.update_count()

    def visible_rows(self) -> list[PatternRow]:
        return [self.proxy.data(self.proxy.index(r, 0), pm.ROW_ROLE)
                for r in range(self.proxy.rowCount())]

    # -- reactions ---------------------------------------------------------------------
    def _severities_changed(self) -> None:
        chosen = [s for s, box in self.severity_boxes.items() if box.isChecked()]
        every = len(chosen) == len(SEVERITY_ORDER)
        self.proxy.set_severities(None if every else chosen)
        self.severity_button.setText("All severities" if every else
                                     ", ".join(chosen) or "No severity")
        self.update_count()

    def _combos_changed(self) -> None:
        error_type = self.type_filter.currentData()
        self.proxy.set_filter(types=None if error_type is ALL else frozenset({error_type}),
                              statuses=self.status_filter.currentData(),
                              source=self.source_filter.currentData(),
                              host=self.host_filter.currentData())
        self.update_count()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.data(current, pm.ROW_ROLE) if current.isValid() else None
        self.model.selected_id = row.id if row is not None else 0
        self.triage.set_row(row)
        self.selection_changed.emit(row.id if row is not None else 0)

    def refresh_selected(self) -> None:
        """The selected row changed in the model (a triage action, a live update)."""
        self.triage.set_row(self.selected_row())

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        self.triage.fill_menu(menu)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def save_state(self, settings: QSettings) -> None:
        """Columns (widths, order, sort), the splitter and every filter."""
        settings.setValue("patterns/header", self.view.horizontalHeader().saveState())
        settings.setValue("patterns/split", self.split.saveState())
        settings.setValue("patterns/detail_split", self.detail.split.saveState())
        chosen = [s for s, box in self.severity_boxes.items() if box.isChecked()]
        settings.setValue("patterns/severities", ",".join(chosen))
        settings.setValue("patterns/type", self.type_filter.currentData() or "")
        settings.setValue("patterns/status", self.status_filter.currentText())
        settings.setValue("patterns/source", self.source_filter.currentData() or "")
        settings.setValue("patterns/host", self.host_filter.currentData() or "")
        settings.setValue("patterns/text", self.search.text())

    def restore_state(self, settings: QSettings) -> None:
        header = self.view.horizontalHeader()
        for key, target in (("patterns/header", header), ("patterns/split", self.split),
                            ("patterns/detail_split", self.detail.split)):
            saved = read_bytes(settings, key)
            if saved is not None:
                target.restoreState(saved)
        self.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        # a state saved in team mode: the Host column waits for team mode again
        self.view.setColumnHidden(pm.COL_HOST, True)
        severities = read_str(settings, "patterns/severities", "*")
        if severities != "*":
            for severity, box in self.severity_boxes.items():
                box.setChecked(severity in severities.split(","))
        error_type = read_str(settings, "patterns/type")
        if error_type:
            self.set_types([error_type])
        self.choose(self.type_filter, error_type or None)
        status = self.status_filter.findText(read_str(settings, "patterns/status"))
        self.status_filter.setCurrentIndex(max(0, status))
        source = read_str(settings, "patterns/source")
        if source:
            self.set_sources([source])
            self.choose(self.source_filter, source)
        host = read_str(settings, "patterns/host")
        if host:
            self.set_hosts([host])
            self.choose(self.host_filter, host)
        self.search.setText(read_str(settings, "patterns/text"))

    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def update_count(self) -> None:
        shown, loaded = self.proxy.rowCount(), self.model.rowCount()
        first_start = loaded == 0 and self.model.fully_loaded and not self.team
        self.pages.setCurrentWidget(self.empty if first_start else self.split)
        more = "" if self.model.fully_loaded else "+"
        if self.tables.currentWidget() is self.events_view:
            self.count.setText(f"{self.event_proxy.rowCount():,} of "
                               f"{self.events_model.rowCount():,}+ newest events")
            return
        self.count.setText(f"{shown:,} of {loaded:,}{more} patterns")
