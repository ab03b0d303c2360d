"""The Patterns tab: severity and text filters, the sorted table, the detail pane."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.store.queries import SEVERITY_ORDER
from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui import theme
from stacklens_desktop.ui.detail_pane import DetailPane
from stacklens_desktop.ui.pattern_proxy import PatternFilterProxy
from stacklens_desktop.ui.reads import PatternRow

COLUMN_WIDTHS = {pm.COL_SEVERITY: 92, pm.COL_TYPE: 130, pm.COL_CONFIDENCE: 78,
                 pm.COL_COUNT: 64, pm.COL_LAST_SEEN: 140, pm.COL_STATUS: 70, pm.COL_TICKET: 80}


class PatternsTab(QWidget):
    #: (pattern id, or 0 when nothing is selected)
    selection_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = pm.PatternTableModel(self)
        self.proxy = PatternFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter: template, type, fingerprint, ticket…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.severity_boxes: dict[str, QCheckBox] = {}
        self.count = QLabel()
        self.view = self._view()
        self.detail = DetailPane()
        self._layout()
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged, self.proxy.modelReset):
            signal.connect(self._update_count)
        self._update_count()

    def _view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(pm.COL_SEVERITY, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(pm.COL_TEMPLATE, QHeaderView.ResizeMode.Stretch)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        return view

    def _filters(self) -> QHBoxLayout:
        line = QHBoxLayout()
        line.addWidget(QLabel("Severity:"))
        for severity in SEVERITY_ORDER:
            box = QCheckBox(severity)
            box.setChecked(True)
            box.setIcon(theme.severity_icon(severity))
            box.toggled.connect(self._severities_changed)
            self.severity_boxes[severity] = box
            line.addWidget(box)
        line.addSpacing(12)
        line.addWidget(self.search, 1)
        line.addWidget(self.count)
        return line

    def _layout(self) -> None:
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(self._filters())
        top_layout.addWidget(self.view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

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

    def visible_rows(self) -> list[PatternRow]:
        return [self.proxy.data(self.proxy.index(r, 0), pm.ROW_ROLE)
                for r in range(self.proxy.rowCount())]

    # -- reactions ---------------------------------------------------------------------
    def _severities_changed(self) -> None:
        chosen = [s for s, box in self.severity_boxes.items() if box.isChecked()]
        self.proxy.set_severities(None if len(chosen) == len(SEVERITY_ORDER) else chosen)
        self._update_count()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.data(current, pm.ROW_ROLE) if current.isValid() else None
        self.selection_changed.emit(row.id if row is not None else 0)

    def _update_count(self) -> None:
        shown, loaded = self.proxy.rowCount(), self.model.rowCount()
        more = "" if self.model.fully_loaded else "+"
        self.count.setText(f"{shown:,} of {loaded:,}{more} patterns")
