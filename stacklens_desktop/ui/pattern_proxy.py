"""Sorting and filtering of the pattern table (severity set + free text)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui.reads import PatternRow
from stacklens_desktop.ui.theme import SEVERITY_RANK

Index = QModelIndex | QPersistentModelIndex


def sort_key(row: PatternRow, column: int) -> tuple:
    """What a column sorts by; ties go to the more frequent, then the newer pattern."""
    tail = (-row.count, -row.id)
    if column == pm.COL_SEVERITY:
        return (SEVERITY_RANK.get(row.severity, 9), *tail)
    if column == pm.COL_TYPE:
        return (row.error_type, *tail)
    if column == pm.COL_CONFIDENCE:
        return (row.confidence, *tail)
    if column == pm.COL_COUNT:
        return (row.count, -row.id)
    if column == pm.COL_LAST_SEEN:
        return (row.last_seen or "", *tail)
    if column == pm.COL_TEMPLATE:
        return (row.template.lower(), *tail)
    if column == pm.COL_STATUS:
        return (row.status, *tail)
    return (row.ticket_key or "~", *tail)


def matches(row: PatternRow, needle: str) -> bool:
    """Case-insensitive substring of the template, type, fingerprint, ticket or status."""
    if not needle:
        return True
    hay = " ".join((row.template, row.error_type, row.fingerprint, row.ticket_key or "",
                    row.status, row.severity)).lower()
    return needle in hay


class PatternFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._severities: frozenset[str] | None = None  # None: all
        self._needle = ""
        self.setDynamicSortFilter(True)

    def set_severities(self, severities: Iterable[str] | None) -> None:
        """Show only these severities (None: all)."""
        self.beginFilterChange()
        self._severities = None if severities is None else frozenset(severities)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _row(self, source_row: int) -> PatternRow:
        model = self.sourceModel()
        assert isinstance(model, pm.PatternTableModel)
        return model.row_at(source_row)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        row = self._row(source_row)
        if self._severities is not None and row.severity not in self._severities:
            return False
        return matches(row, self._needle)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        column = left.column()
        return sort_key(self._row(left.row()), column) < sort_key(self._row(right.row()), column)
