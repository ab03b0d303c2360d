"""The open outbox rows (pending, in flight, failed) as a table model: what waits to go to
Jira, its error and when it is tried next."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from stacklens_desktop.jira.panel_rows import OutboxItem
from stacklens_desktop.jira.stamps import parse
from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import RowListModel

COLUMNS = ("Operation", "Pattern", "State", "Attempts", "Next attempt", "Error")
OPERATION, PATTERN, STATE, ATTEMPTS, NEXT, ERROR = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole
OPERATIONS = {"create": "File ticket", "comment": "Update ticket", "reopen": "Reopen ticket",
              "new_linked": "File linked ticket"}
STATE_COLORS = {"failed": "#e53935", "waiting": "#f9a825", "due": "#1e88e5",
                "sending": "#1e88e5"}


def state_of(item: OutboxItem, now: datetime) -> str:
    """failed / sending / waiting (a back-off or a throttle) / due."""
    if item.state == "failed":
        return "failed"
    if item.state == "in_flight":
        return "sending"
    due = parse(item.next_attempt_at)
    return "waiting" if due is not None and due > now else "due"


class OutboxModel(RowListModel[OutboxItem]):
    columns = COLUMNS

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._now = datetime.now(UTC)

    def set_items(self, items: list[OutboxItem]) -> None:
        if items == self._rows:  # the same rows; a waiting one may be due by now
            self._now = datetime.now(UTC)
            if items:
                self.dataChanged.emit(self.index(0, STATE), self.index(len(items) - 1, NEXT))
            return
        self.beginResetModel()
        self._rows = list(items)
        self._now = datetime.now(UTC)
        self.endResetModel()

    def ids(self) -> list[int]:
        return [item.id for item in self._rows]

    def cell(self, item: OutboxItem, column: int, role: int) -> object:
        state = state_of(item, self._now)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, state, column)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole and column in (PATTERN, ERROR):
            return item.template if column == PATTERN else item.last_error
        if role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return theme.dot_icon(STATE_COLORS.get(state, "#9e9e9e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(item: OutboxItem, state: str, column: int) -> str:
        operation = OPERATIONS.get(item.operation, item.operation)
        if item.issue_key and item.operation != "create":
            operation += f" {item.issue_key}"
        next_attempt = {"failed": "when you retry", "sending": "now"}.get(
            state, theme.short_time(item.next_attempt_at)[11:19] or "now")
        values = (operation, f"#{item.pattern_id} {' '.join(item.template.split())}", state,
                  f"{item.attempts:,}", next_attempt, item.last_error or "")
        return values[column]
