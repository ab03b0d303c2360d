"""The per-event view: the newest stored events first, paged like the pattern table
(``fetchMore`` asks the store worker for the next page), new ones inserted at the top."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import PagedRowModel
from stacklens_desktop.ui.rows import EventRow

PAGE_SIZE = 500
#: newest events taken per live refresh (a burst beyond it shows after a re-open)
LIVE_LIMIT = 2000
COLUMNS = ("Time", "Severity", "Level", "Type", "Message", "Source", "Host")
COL_TIME, COL_SEVERITY, COL_LEVEL, COL_TYPE, COL_MESSAGE, COL_SOURCE, COL_HOST = \
    range(len(COLUMNS))
EVENT_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class EventTableModel(PagedRowModel[EventRow]):
    #: (above_id, limit): events newer than the newest shown.
    newer_wanted = Signal(int, int)

    columns = COLUMNS
    page_size = PAGE_SIZE

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        #: pages may be read (False while the per-event view was never shown: its view
        #: asked for 500 events at every start, during the first paint: issue 13)
        self.wanted = True

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.wanted and super().canFetchMore(parent)

    def cell(self, row: EventRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == EVENT_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and column == COL_SEVERITY:
            return theme.severity_icon(row.severity)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_MESSAGE, COL_SOURCE):
            return row.message if column == COL_MESSAGE else row.source
        return None

    def cursor(self) -> int | None:
        return self._rows[-1].id if self._rows else None

    def add_page(self, rows: list[EventRow], exhausted: bool) -> None:
        """An older page, appended at the end."""
        self._fetching = False
        self._exhausted = exhausted
        known = self._rows[-1].id if self._rows else None
        rows = [r for r in rows if known is None or r.id < known]
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def ask_newer(self) -> None:
        """Ask for what was stored since the newest row (nothing loaded: the newest ones)."""
        self.newer_wanted.emit(self._rows[0].id if self._rows else 0, LIVE_LIMIT)

    def add_newer(self, rows: list[EventRow]) -> None:
        """Newer events (newest first) inserted at the top."""
        top = self._rows[0].id if self._rows else 0
        if not self._rows and len(rows) >= LIVE_LIMIT:
            self._exhausted = False  # older ones than these: paged in as the view scrolls
        rows = [r for r in rows if r.id > top]
        if rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows[0:0] = rows
            self.endInsertRows()


def _display(row: EventRow, column: int) -> str | None:
    values = (theme.short_time(row.time), row.severity.upper(), row.level or "",
              row.error_type, row.message.splitlines()[0] if row.message else "",
              (row.source or "").rsplit("/", 1)[-1], row.host or "")
    return values[column]
