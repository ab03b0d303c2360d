"""The automation log as a table model (newest first) and its filter: by outcome group
(created, updated, skipped ...) and by text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from stacklens_desktop.jira.outcomes import (
    CREATED,
    FAILED,
    QUEUED,
    SKIPPED,
    STATUS,
    UPDATED,
    Outcome,
    outcome,
)
from stacklens_desktop.jira.panel_rows import LogEntry
from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import RowListModel

COLUMNS = ("Time (UTC)", "Outcome", "Pattern", "Reason")
TIME, OUTCOME, PATTERN, REASON = range(len(COLUMNS))
GROUP_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
PATTERN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_COLORS = {CREATED: "#43a047", UPDATED: "#1e88e5", QUEUED: "#8e24aa",
                SKIPPED: "#9e9e9e", FAILED: "#e53935", STATUS: "#00897b"}


class AutomationLogModel(RowListModel[tuple[LogEntry, Outcome]]):
    columns = COLUMNS

    def set_entries(self, entries: list[LogEntry]) -> None:
        """A fresh read, newest first. Rows new since the last read are inserted on top
        (the view keeps its scroll position and selection); anything else resets."""
        old = [e for e, _o in self._rows]
        if entries == old:
            return
        newest = old[0].id if old else None
        added = sum(1 for e in entries if newest is not None and e.id > newest)
        kept = entries[added:]
        if not old or kept != old[: len(kept)]:
            self.beginResetModel()
            self._rows = [_described(e) for e in entries]
            self.endResetModel()
            return
        if len(kept) < len(old):  # the oldest fell off the end (the read's limit)
            self.beginRemoveRows(QModelIndex(), len(kept), len(old) - 1)
            del self._rows[len(kept):]
            self.endRemoveRows()
        if added:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._rows[:0] = [_described(e) for e in entries[:added]]
            self.endInsertRows()

    def labels(self) -> list[str]:
        return [o.label for _e, o in self._rows]

    def cell(self, row: tuple[LogEntry, Outcome], column: int, role: int) -> object:
        entry, result = row
        if role == Qt.ItemDataRole.DisplayRole:
            pattern = f"#{entry.pattern_id} {' '.join((entry.template or '').split())}" \
                if entry.pattern_id is not None else "—"
            return (theme.short_time(entry.time), result.label, pattern, entry.reason)[column]
        if role == GROUP_ROLE:
            return result.group
        if role == PATTERN_ID_ROLE:
            return entry.pattern_id
        if role == SEARCH_ROLE:
            return f"{result.label}\n{entry.reason}\n{entry.template or ''}\n" \
                   f"#{entry.pattern_id}".casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return (None, result.label, entry.template, entry.reason)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == OUTCOME:
            return theme.dot_icon(GROUP_COLORS.get(result.group, "#9e9e9e"))
        return None


def _described(entry: LogEntry) -> tuple[LogEntry, Outcome]:
    return entry, outcome(entry.decision, entry.code, entry.reason)


class AutomationLogFilter(QSortFilterProxyModel):
    """Rows of one outcome group (or all) whose label, reason or pattern holds the text."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._group = ""
        self._text = ""

    def set_group(self, group: str) -> None:
        """``""``: every outcome."""
        self.beginFilterChange()
        self._group = group
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt override
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._group and index.data(GROUP_ROLE) != self._group:
            return False
        return not self._text or self._text in str(index.data(SEARCH_ROLE))
