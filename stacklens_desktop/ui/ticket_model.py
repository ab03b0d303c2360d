"""The tickets the app filed, as a table model: key (a link), summary, status, priority,
occurrences since filing and not yet told to Jira, and when the status was last read."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from stacklens_desktop.jira.panel_rows import FiledTicket
from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import RowListModel

COLUMNS = ("Key", "Summary", "Status", "Priority", "Since filing", "Not yet in Jira", "Filed",
           "Last sync")
KEY, SUMMARY, STATUS, PRIORITY, SINCE_FILING, UNREPORTED, FILED, SYNCED = range(len(COLUMNS))
NUMERIC = frozenset({SINCE_FILING, UNREPORTED})
URL_ROLE = Qt.ItemDataRole.UserRole
TICKET_ROLE = Qt.ItemDataRole.UserRole + 1
#: Shown until a status sync has read the ticket's workflow status.
NOT_SYNCED = "filed"
#: Jira's status categories and the colour of their dot.
CATEGORY_COLORS = {"new": "#78909c", "indeterminate": "#1e88e5", "done": "#43a047"}


def summary(ticket: FiledTicket) -> str:
    """What the ticket's summary says (the shape :func:`payloads.build_summary` files)."""
    return f"[{ticket.severity.upper()}] {ticket.error_type}: {' '.join(ticket.template.split())}"


class TicketModel(RowListModel[FiledTicket]):
    columns = COLUMNS

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._priorities: Mapping[str, str] = {}

    def set_priorities(self, priority_map: Mapping[str, str]) -> None:
        """Severity -> Jira priority name, as the Jira settings map them when filing."""
        self._priorities = dict(priority_map)

    def set_tickets(self, tickets: list[FiledTicket]) -> None:
        """A fresh read (one row per filed ticket): a reset keeps it simple (none when
        nothing changed: the live refresh reads it every second while the tab shows)."""
        if tickets == self._rows:
            return
        self.beginResetModel()
        self._rows = list(tickets)
        self.endResetModel()

    def tickets(self) -> list[FiledTicket]:
        return list(self._rows)

    def keys(self) -> list[str]:
        return [t.key for t in self._rows]

    def row_of(self, key: str) -> int:
        return next((r for r, t in enumerate(self._rows) if t.key == key), -1)

    def cell(self, ticket: FiledTicket, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ticket, column)
        if role == URL_ROLE:
            return ticket.url
        if role == TICKET_ROLE:
            return ticket
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ticket, column)
        if column == KEY and ticket.url:
            return _link_role(role)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STATUS:
                return theme.dot_icon(CATEGORY_COLORS.get(ticket.status_category or "new",
                                                          "#9e9e9e"))
            if column == SUMMARY:
                return theme.severity_icon(ticket.severity)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, ticket: FiledTicket, column: int) -> str:
        values = (ticket.key, summary(ticket), ticket.status or NOT_SYNCED,
                  self._priorities.get(ticket.severity, "—"), f"{ticket.since_filing:,}",
                  f"{ticket.unreported:,}", theme.short_time(ticket.filed_at)[:16],
                  theme.short_time(ticket.synced_at) or "never")
        return values[column]

    @staticmethod
    def _tooltip(ticket: FiledTicket, column: int) -> str | None:
        if column == KEY:
            return f"Open {ticket.key} in the browser: {ticket.url}" if ticket.url else None
        if column == SUMMARY:
            return ticket.template
        if column == SINCE_FILING:
            return (f"The pattern had {ticket.count_at_filing:,} occurrences when {ticket.key} "
                    f"was filed and has {ticket.count:,} now")
        if column == UNREPORTED:
            return "Occurrences since the ticket was filed or last updated (sent with the "\
                   "next update)"
        if column == SYNCED:
            return "When the status was last read from Jira (UTC)"
        return None


class LinkDelegate(QStyledItemDelegate):
    """A link cell that stays readable when its row is selected (highlighted text)."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            highlighted = option.palette.brush(QPalette.ColorRole.HighlightedText)
            option.palette.setBrush(QPalette.ColorRole.Text, highlighted)


def _link_role(role: int) -> object:
    """The key cell reads as a link on light and dark palettes."""
    if role == Qt.ItemDataRole.ForegroundRole:
        return QGuiApplication.palette().brush(QPalette.ColorRole.Link)
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setUnderline(True)
        return font
    return None
