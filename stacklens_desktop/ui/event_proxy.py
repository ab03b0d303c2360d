"""The per-event view's filter: the same severity, type, status, source, run patterns and
text as the pattern table (the text is looked for in the event's message)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from stacklens_desktop.ui.event_model import EventTableModel
from stacklens_desktop.ui.pattern_proxy import RowFilter
from stacklens_desktop.ui.rows import EventRow

Index = QModelIndex | QPersistentModelIndex


def event_matches(row: EventRow, rule: RowFilter) -> bool:
    return ((rule.severities is None or row.severity in rule.severities)
            and (rule.types is None or row.error_type in rule.types)
            and (rule.statuses is None or row.status in rule.statuses)
            and (rule.source is None or row.source == rule.source)
            and (rule.host is None or row.host == rule.host)
            and (rule.ids is None or row.pattern_id in rule.ids)
            and (not rule.needle or rule.needle in f"{row.message} {row.error_type}".lower()))


class EventFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self.rule = RowFilter()

    def set_rule(self, rule: RowFilter) -> None:
        self.beginFilterChange()
        self.rule = rule
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, EventTableModel)
        return event_matches(model.row_at(source_row), self.rule)
