"""The analysis history as a table model: one row per import or watch session."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.row_model import RowListModel
from stacklens_desktop.ui.rows import RunRow
from stacklens_desktop.wording import plural

COLUMNS = ("Started", "Kind", "Source", "Lines", "Errors", "New patterns", "Duration",
           "State")
NUMERIC = frozenset({3, 4, 5, 6})
RUN_ROLE = Qt.ItemDataRole.UserRole
STATE_COLORS = {"done": "#43a047", "running": "#1e88e5", "cancelled": "#9e9e9e",
                "interrupted": "#f9a825", "failed": "#e53935"}


def duration(run: RunRow, now: datetime | None = None) -> str:
    """``1 min 05 s`` / ``3.2 s``; a running one so far (its stored end is its last
    progress)."""
    try:
        start = datetime.fromisoformat(run.started_at.replace("Z", "+00:00"))
        end = (now or datetime.now(UTC)) if run.state == "running" else \
            datetime.fromisoformat((run.ended_at or "").replace("Z", "+00:00"))
    except ValueError:
        return ""
    seconds = (end - start).total_seconds()
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


KIND_WORDS = {"import": "import of", "watch": "watch session of"}


def run_label(run: RunRow, patterns: int) -> str:
    """``Run: import of pos.log 2026-12-07 10:04–10:05 (12 patterns)``: what the Patterns
    tab is narrowed to after opening a run (times as the history shows them, UTC)."""
    name = os.path.basename(run.source or "") or "no source"
    start = theme.short_time(run.started_at)[:16]
    end = "now" if run.state == "running" else theme.short_time(run.ended_at)[:16]
    if end[:10] == start[:10]:
        end = end[11:]
    return (f"Run: {KIND_WORDS.get(run.kind, run.kind)} {name} {start}\u2013{end} "
            f"({plural(patterns, 'pattern')})")


class HistoryModel(RowListModel[RunRow]):
    columns = COLUMNS

    def set_runs(self, runs: list[RunRow]) -> None:
        """A fresh read (a few hundred rows at most): a reset is cheap and keeps it simple."""
        self.beginResetModel()
        self._rows = list(runs)
        self.endResetModel()

    def run_at(self, row: int) -> RunRow:
        return self._rows[row]

    def cell(self, run: RunRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(run, column)
        if role == RUN_ROLE:
            return run
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 7):
            return run.source if column == 2 else (run.message or run.state)
        if role == Qt.ItemDataRole.DecorationRole and column == 7:
            return theme.dot_icon(STATE_COLORS.get(run.state, "#9e9e9e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(run: RunRow, column: int) -> str:
    values = (theme.short_time(run.started_at), run.kind,
              os.path.basename(run.source or "") or "—", f"{run.lines:,}", f"{run.errors:,}",
              f"{run.new_patterns:,}", duration(run), run.state)
    return values[column]
