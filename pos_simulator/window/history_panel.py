"""Order history: one row per order from any channel (till, HTTP, headless), newest first."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from pos_simulator.orders import OrderResult
from pos_simulator.window.money import fmt_money

HEADERS = ("Time", "Order", "Channel", "Items", "Total", "Status", "Detail")
MAX_ROWS = 500
OK_COLOR = QColor("#1b7f3b")
WARN_COLOR = QColor("#a86b00")
FAIL_COLOR = QColor("#b3261e")


class HistoryPanel(QGroupBox):
    def __init__(self, currency: str) -> None:
        super().__init__("Order history")
        self._currency = currency
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in range(len(HEADERS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def add(self, result: OrderResult) -> None:
        """Insert one row at the top (no model reset), trimming the oldest past MAX_ROWS."""
        status, color = _status(result)
        items = sum(line.quantity for line in result.lines) if result.lines else "-"
        cells = (
            datetime.now().strftime("%H:%M:%S"),
            result.order_id,
            result.channel,
            str(items),
            fmt_money(result.total, self._currency) if result.total is not None else "-",
            status,
            result.message if result.code else (result.receipt_no or ""),
        )
        self.table.insertRow(0)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 5:
                item.setForeground(color)
            self.table.setItem(0, col, item)
        if self.table.rowCount() > MAX_ROWS:
            self.table.removeRow(self.table.rowCount() - 1)

    def row_texts(self, row: int) -> list[str]:
        items = [self.table.item(row, col) for col in range(self.table.columnCount())]
        return [item.text() if item is not None else "" for item in items]


def _status(result: OrderResult) -> tuple[str, QColor]:
    if not result.ok:
        return f"FAILED · {result.code}", FAIL_COLOR
    if result.code:
        return f"COMPLETED · {result.code}", WARN_COLOR
    return "COMPLETED", OK_COLOR
