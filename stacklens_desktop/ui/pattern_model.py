"""The pattern table: a lazy model over the store, fed by the store worker.

Rows arrive in pages, newest pattern first (``canFetchMore``/``fetchMore``: the view asks for
more as it scrolls). Live changes re-read only the touched rows: a known row gets a
row-level ``dataChanged``, a new one is inserted at the end; the proxy sorts. The model
never resets for an event. Rows merged away by the miner (or written by another process)
are found by comparing counts of the loaded id window and removed with ``beginRemoveRows``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import PagedRowModel
from stacklens_desktop.ui.rows import PatternRefresh, PatternRow
from stacklens_desktop.ui.theme import SEVERITY_RANK

PAGE_SIZE = 500
COLUMNS = ("Severity", "Type", "Confidence", "Count", "Last seen", "Template", "Status",
           "Ticket", "Host")
COL_SEVERITY, COL_TYPE, COL_CONFIDENCE, COL_COUNT, COL_LAST_SEEN, COL_TEMPLATE, COL_STATUS, \
    COL_TICKET, COL_HOST = range(len(COLUMNS))
#: Qt.UserRole: the PatternRow of a row (for the proxy and the window).
ROW_ROLE = Qt.ItemDataRole.UserRole
#: More rows than this moving in one refresh are re-sorted at once (one layout change)
#: instead of each taken out and inserted again.
MOVE_LIMIT = 50
#: Columns whose first click sorts the largest / newest first (Qt.InitialSortOrderRole).
DESCENDING_FIRST = frozenset({COL_CONFIDENCE, COL_COUNT, COL_LAST_SEEN})

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _ROW, _DECORATION, _FONT, _TOOLTIP, _ALIGNMENT, _FOREGROUND = (
    int(role.value) for role in (
        Qt.ItemDataRole.DisplayRole, ROW_ROLE, Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole))
#: The roles :meth:`PatternTableModel.cell` answers (the others, None at once).
_ANSWERED = frozenset({_DISPLAY, _ROW, _DECORATION, _FONT, _TOOLTIP, _ALIGNMENT, _FOREGROUND})
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


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
        #: with a sort: each row's sort key, in row order (new rows find their place)
        self._keys: list[tuple] = []
        #: rows are being inserted or re-sorted: no page may be asked for meanwhile (a
        #: listener fetching from a change signal would change the rows inside the change)
        self._changing = False
        #: the pattern selected in the view: kept in place when it moves (its selection and
        #: the current row follow a re-sort, not a removal)
        self.selected_id = 0
        #: eager loading asks for the next page from here (a zero timer) ...
        self._next_page = QTimer(self)
        self._next_page.setSingleShot(True)
        self._next_page.setInterval(0)
        self._next_page.timeout.connect(self.fetchMore)
        #: ... once the view has painted the page (:meth:`set_pacer`); alone, at once
        self._pace: Callable[[Callable[[], None]], object] = _at_once

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
        """Roles compared as plain ints, the roles never answered first: each paint asks
        every visible cell for seven roles from C++ (a proxy ``data`` per role), so this
        runs hundreds of times per paint, and enum members cost an attribute look-up each."""
        if role not in _ANSWERED:
            return None
        if role == _DISPLAY:
            return _display(row, column)
        if role == _ROW:
            return row
        if role == _DECORATION:
            if column == COL_SEVERITY:
                return theme.severity_icon(row.severity)
            return theme.status_icon(row.status) if column == COL_STATUS else None
        if role == _FONT:
            return theme.bold_font() if row.status == "regression" else None
        if role == _TOOLTIP:
            if column == COL_HOST:
                return ", ".join(row.hosts) if row.hosts else None
            return (row.template if column == COL_TEMPLATE
                    else row.ticket_url if column == COL_TICKET else None)
        if role == _ALIGNMENT:
            return _RIGHT if column in (COL_CONFIDENCE, COL_COUNT) else None
        if column == COL_TICKET and row.ticket_key:  # the foreground
            return theme.link_brush()
        return theme.quiet_brush() if row.status in theme.QUIET_STATUSES else None

    def cursor(self) -> int | None:
        return self._cursor

    def colours_changed(self) -> None:
        """The palette changed: the views ask again for the colours (links, quiet rows)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.ForegroundRole])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not self._changing and super().canFetchMore(parent)

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
        self._changing = True
        try:
            self._resort()
        finally:
            self._changing = False

    @property
    def eager(self) -> bool:
        """Every page is loaded one after the other (:meth:`set_eager`)."""
        return self._eager

    def set_eager(self, eager: bool) -> None:
        """Load every page, one after the other, without waiting for the view to scroll:
        sorting and filtering then cover all patterns (the view sorts only loaded rows).
        Each page is asked for from the event loop, so the window stays responsive."""
        self._eager = eager
        if eager:
            self.fetchMore()

    def set_pacer(self, pace: Callable[[Callable[[], None]], object]) -> None:
        """``pace(go)`` calls ``go`` when the next page may be asked for: the view passes
        "after my next paint". The store worker then reads the next page while the GUI
        thread is idle, not during the paint, whose every call into Python would wait for
        the GIL the page's row building holds (issue 13: a paint took twice its CPU time
        in wall time; a window's repaint comes from a timer, so a zero timer started with
        the page fired before it)."""
        self._pace = pace

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
            self._pace(self._next_page.start)

    def loaded_ids(self) -> list[int]:
        """Every row held now (a change too large to be named is read again whole)."""
        return [r.id for r in self._rows]

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
        """Known rows are updated in place; new rows are inserted where the order puts them
        (a page never re-sorts or re-filters the rows already shown). A known row whose sort
        key changed moves: taken out and inserted at its new place; only when it is the
        selected one (its selection would be lost) or many moved, one re-sort."""
        new: list[PatternRow] = []
        moved: list[PatternRow] = []
        last = len(COLUMNS) - 1
        for row in rows:
            at = self._index.get(row.id)
            if at is None:
                new.append(row)
            elif self._rows[at] != row:
                self._rows[at] = row
                if self._sort is not None:
                    key = sort_key(row, self._sort[0])
                    if key != self._keys[at]:
                        moved.append(row)
                    self._keys[at] = key
                self.dataChanged.emit(self.index(at, 0), self.index(at, last))
        moved = [r for r in moved if not self._in_order(self._index[r.id])]
        self._changing = True
        try:
            if moved and (len(moved) > MOVE_LIMIT
                          or any(r.id == self.selected_id for r in moved)):
                self._resort()
                moved = []
            self._take_out([self._index[r.id] for r in moved])
            if new or moved:
                self._insert(moved + new)
        finally:
            self._changing = False

    def _in_order(self, at: int) -> bool:
        """The row at ``at`` sorts between its neighbours (then it need not move)."""
        assert self._sort is not None
        keys, descending = self._keys, self._sort[1]

        def ordered(a: tuple, b: tuple) -> bool:
            return a >= b if descending else a <= b

        return ((at == 0 or ordered(keys[at - 1], keys[at]))
                and (at == len(keys) - 1 or ordered(keys[at], keys[at + 1])))

    def _take_out(self, rows: list[int]) -> None:
        """Remove rows (by position) that are inserted again at once: last first, so that
        the positions stay right."""
        for at in sorted(rows, reverse=True):
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._rows[at]
            del self._keys[at]
            self.endRemoveRows()

    def _insert(self, new: list[PatternRow]) -> None:
        """New rows in runs at their sorted places (appended when unsorted), from the last
        place to the first so that the places found stay right; each run is one insert,
        which the proxy filters alone."""
        runs: list[tuple[int, list[PatternRow], list[tuple]]] = []
        if self._sort is None:
            runs.append((len(self._rows), new, []))
        else:
            column, descending = self._sort
            keyed = sorted(((sort_key(r, column), r) for r in new), key=lambda kr: kr[0],
                           reverse=descending)
            for key, row in keyed:
                at = self._place(key)
                if runs and runs[-1][0] == at:
                    runs[-1][1].append(row)
                    runs[-1][2].append(key)
                else:
                    runs.append((at, [row], [key]))
        for at, run_rows, run_keys in reversed(runs):
            self.beginInsertRows(QModelIndex(), at, at + len(run_rows) - 1)
            self._rows[at:at] = run_rows
            if self._sort is not None:
                self._keys[at:at] = run_keys
            self.endInsertRows()
        self._index = {r.id: i for i, r in enumerate(self._rows)}

    def _place(self, key: tuple) -> int:
        """Where a row of ``key`` goes among the sorted rows (binary search)."""
        assert self._sort is not None
        descending = self._sort[1]
        low, high = 0, len(self._keys)
        while low < high:
            mid = (low + high) // 2
            if (self._keys[mid] > key) if descending else (self._keys[mid] < key):
                low = mid + 1
            else:
                high = mid
        return low

    def _resort(self) -> None:
        """Rows in the chosen order, as one layout change that moves the persistent indexes
        (selection, current row) with their rows."""
        if self._sort is None:
            return
        column, descending = self._sort
        keys = [sort_key(r, column) for r in self._rows]
        order = sorted(range(len(self._rows)), key=keys.__getitem__, reverse=descending)
        if order == list(range(len(self._rows))):
            self._keys = keys
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in old]
        self._rows = [self._rows[i] for i in order]
        self._keys = [keys[i] for i in order]
        self._index = {r.id: i for i, r in enumerate(self._rows)}
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
            if self._sort is not None:
                del self._keys[at]
            self._index = {r.id: i for i, r in enumerate(self._rows)}
            self.endRemoveRows()


def _at_once(go: Callable[[], None]) -> None:
    go()


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
    if column == COL_HOST:
        return (len(row.hosts) != 1, row.host_text.lower(), *tail)
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
    if column == COL_HOST:
        return row.host_text
    return None
