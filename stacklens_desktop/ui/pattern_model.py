"""The pattern table: a lazy model over the store, fed by the store worker.

Rows arrive in pages, newest pattern first (``canFetchMore``/``fetchMore``: the view asks for
more as it scrolls). Live changes re-read only the touched rows: a known row gets a
row-level ``dataChanged``, a new one is inserted at the end; the proxy sorts. The model
never resets for an event. Rows merged away by the miner (or written by another process)
are found by comparing counts of the loaded id window and removed with ``beginRemoveRows``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import PagedRowModel
from stacklens_desktop.ui.rows import PatternRefresh, PatternRow
from stacklens_desktop.ui.theme import SEVERITY_RANK

PAGE_SIZE = 500
COLUMNS = ("Severity", "Type", "Confidence", "Count", "Last seen", "Template", "Status",
           "Ticket")
COL_SEVERITY, COL_TYPE, COL_CONFIDENCE, COL_COUNT, COL_LAST_SEEN, COL_TEMPLATE, COL_STATUS, \
    COL_TICKET = range(len(COLUMNS))
#: Qt.UserRole: the PatternRow of a row (for the proxy and the window).
ROW_ROLE = Qt.ItemDataRole.UserRole
#: Columns whose first click sorts the largest / newest first (Qt.InitialSortOrderRole).
DESCENDING_FIRST = frozenset({COL_CONFIDENCE, COL_COUNT, COL_LAST_SEEN})

Index = QModelIndex | QPersistentModelIndex


class PatternTableModel(PagedRowModel[PatternRow]):
    #: (ids, low_id, known_count): the model wants these rows re-read.
    refresh_wanted = Signal(list, int, int)

    columns = COLUMNS
    page_size = PAGE_SIZE

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._index: dict[int, int] = {}
        self._cursor: int | None = None  # smallest id of the loaded pages
        self._eager = False
        self._sort: tuple[int, bool] | None = None  # (column, descending)
        #: patterns changed while the first page was on its way (read maybe before them)
        self._owed: set[int] = set()

    # -- Qt model API ------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.InitialSortOrderRole
                and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS)):
            descending = section in DESCENDING_FIRST
            return (Qt.SortOrder.DescendingOrder if descending
                    else Qt.SortOrder.AscendingOrder).value
        return super().headerData(section, orientation, role)

    def cell(self, row: PatternRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and column == COL_SEVERITY:
            return theme.severity_icon(row.severity)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return theme.status_icon(row.status)
        if role == Qt.ItemDataRole.FontRole and row.status == "regression":
            return theme.bold_font()
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TEMPLATE, COL_TICKET):
            return row.template if column == COL_TEMPLATE else row.ticket_url
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_CONFIDENCE, COL_COUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TICKET and row.ticket_key:
            return theme.link_brush()
        if role == Qt.ItemDataRole.ForegroundRole and row.status in theme.QUIET_STATUSES:
            return theme.quiet_brush()
        return None

    def cursor(self) -> int | None:
        return self._cursor

    # -- feeding -----------------------------------------------------------------------
    def row_of(self, pattern_id: int) -> int | None:
        return self._index.get(pattern_id)

    @property
    def fully_loaded(self) -> bool:
        return self._exhausted

    def sort(self, column: int,
             order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # Qt override
        """Keep the rows sorted by ``column`` from now on (new and changed rows too)."""
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._resort()

    def set_eager(self, eager: bool) -> None:
        """Load every page, one after the other, without waiting for the view to scroll:
        sorting and filtering then cover all patterns (the view sorts only loaded rows).
        Each page is asked for from the event loop, so the window stays responsive."""
        self._eager = eager
        if eager:
            self.fetchMore()

    def add_page(self, rows: list[PatternRow], exhausted: bool) -> None:
        """A page from the store (newest first, below the previous page)."""
        self._fetching = False
        self._exhausted = exhausted
        if rows:
            low = min(r.id for r in rows)
            self._cursor = low if self._cursor is None else min(self._cursor, low)
        self._merge(rows)
        if self._owed and self._low_id() is not None:
            owed, self._owed = self._owed, set()
            self.patterns_changed(owed)
        if self._eager and not exhausted:
            QTimer.singleShot(0, self, self.fetchMore)

    def patterns_changed(self, pattern_ids: Iterable[int]) -> None:
        """Ask for the touched rows (and a count check of the loaded window)."""
        ids = sorted(set(pattern_ids))
        low = self._low_id()
        if low is None:  # nothing loaded yet: the first page brings them, unless it was
            self._owed.update(ids)  # read before they were stored: asked again when it comes
            if not self._fetching and not self._exhausted:
                self.fetchMore()
            return
        self.refresh_wanted.emit(ids, low, self._count_from(low))

    def apply_refresh(self, refresh: PatternRefresh) -> None:
        if refresh.complete:
            present = {r.id for r in refresh.rows}
            gone = [r.id for r in self._rows if r.id >= refresh.low_id and r.id not in present]
            self._remove(gone)
        self._merge(refresh.rows)

    # -- internals ---------------------------------------------------------------------
    def _low_id(self) -> int | None:
        if self._exhausted:
            return 0
        return self._cursor

    def _count_from(self, low: int) -> int:
        return sum(1 for r in self._rows if r.id >= low)

    def _merge(self, rows: list[PatternRow]) -> None:
        new: list[PatternRow] = []
        last = len(COLUMNS) - 1
        for row in rows:
            at = self._index.get(row.id)
            if at is None:
                new.append(row)
            elif self._rows[at] != row:
                self._rows[at] = row
                self.dataChanged.emit(self.index(at, 0), self.index(at, last))
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, row in enumerate(new):
                self._index[row.id] = first + offset
                self._rows.append(row)
            self.endInsertRows()
        if new or rows:
            self._resort()

    def _resort(self) -> None:
        """Rows in the chosen order, as one layout change that moves the persistent indexes
        (selection, current row) with their rows."""
        if self._sort is None or len(self._rows) < 2:
            return
        column, descending = self._sort
        order = sorted(self._rows, key=lambda r: sort_key(r, column), reverse=descending)
        if [r.id for r in order] == [r.id for r in self._rows]:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in old]
        self._rows = order
        self._index = {r.id: i for i, r in enumerate(order)}
        self.changePersistentIndexList(
            old, [self.index(self._index[pid], i.column()) for pid, i in zip(ids, old,
                                                                          strict=True)])
        self.layoutChanged.emit()

    def _remove(self, ids: list[int]) -> None:
        for pattern_id in ids:
            at = self._index.get(pattern_id)
            if at is None:
                continue
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._rows[at]
            self._index = {r.id: i for i, r in enumerate(self._rows)}
            self.endRemoveRows()


def sort_key(row: PatternRow, column: int) -> tuple:
    """What a column sorts by; ties go to the more frequent, then the newer pattern."""
    tail = (-row.count, -row.id)
    if column == COL_SEVERITY:
        return (SEVERITY_RANK.get(row.severity, 9), *tail)
    if column == COL_TYPE:
        return (row.error_type, *tail)
    if column == COL_CONFIDENCE:
        return (row.confidence, *tail)
    if column == COL_COUNT:
        return (row.count, -row.id)
    if column == COL_LAST_SEEN:
        return (row.last_seen or "", *tail)
    if column == COL_TEMPLATE:
        return (row.template.lower(), *tail)
    if column == COL_STATUS:
        return (row.status, *tail)
    return (row.ticket_key or "~", *tail)


def _display(row: PatternRow, column: int) -> str | None:
    if column == COL_SEVERITY:
        return row.severity.upper()
    if column == COL_TYPE:
        return row.error_type
    if column == COL_CONFIDENCE:
        return f"{row.confidence:.0%}"
    if column == COL_COUNT:
        return f"{row.count:,}"
    if column == COL_LAST_SEEN:
        return theme.short_time(row.last_seen)
    if column == COL_TEMPLATE:
        return row.template
    if column == COL_STATUS:
        return theme.status_text(row.status, row.muted_until)
    if column == COL_TICKET:
        return row.ticket_key or ""
    return None
