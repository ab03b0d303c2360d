"""Jira: the site, filed tickets (key, status, link), the outbox, the last error, and the
automation switch with the policy's thresholds."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.ui import theme
from stacklens_desktop.ui.rows import TicketRow
from stacklens_desktop.ui.theme import SEVERITY_ORDER
from stacklens_desktop.ui.wording import plural

TICKET_COLUMNS = ("Key", "Status", "Severity", "Pattern", "Updated", "Link")
URL_ROLE = Qt.ItemDataRole.UserRole
#: Shown until the periodic status sync has read the ticket's workflow status.
NOT_SYNCED = "filed"


def describe_policy(config: AutomationConfig) -> str:
    """The thresholds as one readable sentence per line."""
    lines = []
    for severity in SEVERITY_ORDER:
        rule = config.rules.get(severity)
        if rule is None or not rule.file:
            lines.append(f"{severity}: never filed")
        elif rule.confidence_above is None:
            lines.append(f"{severity}: always filed")
        else:
            lines.append(f"{severity}: filed above {rule.confidence_above:.0%} confidence")
    minutes = int(config.window.total_seconds() // 60)
    throttle = int(config.comment_throttle.total_seconds() // 60)
    lines.append(f"at least {plural(config.min_occurrences, 'occurrence')} within {minutes} min")
    lines.append(f"one comment per ticket per {throttle} min; regressions: "
                 f"{config.regression_mode.value.replace('_', ' ')}")
    return "\n".join(lines)


class JiraPanel(QWidget):
    #: (enabled) the user flipped the automation switch.
    automation_toggled = Signal(bool)
    #: the user wants failed outbox rows retried now.
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = QLabel()
        self.site.setTextFormat(Qt.TextFormat.RichText)
        self.site.setOpenExternalLinks(True)
        self.site.setWordWrap(True)
        self.outbox = QLabel("Outbox: —")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c62828")
        self.retry = QPushButton("Retry now")
        self.retry.setToolTip("Send failed operations again, and those waiting after an error")
        self.retry.setEnabled(False)
        self.retry.clicked.connect(self.retry_requested)
        self.automation = QCheckBox("File and update tickets automatically")
        self.automation.toggled.connect(self._toggled)
        self.policy = QLabel()
        self.policy.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # light and dark
        self.table = self._table()
        self._quiet = False
        self._waiting = self._failed = 0
        self._error = ""
        self._layout()

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(TICKET_COLUMNS))
        table.setHorizontalHeaderLabels(list(TICKET_COLUMNS))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        for column in range(len(TICKET_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.cellDoubleClicked.connect(self._open_row)
        return table

    def _layout(self) -> None:
        status = QHBoxLayout()
        status.addWidget(self.outbox)
        status.addStretch(1)
        status.addWidget(self.retry)
        automation = QGroupBox("Automation")
        auto_layout = QVBoxLayout(automation)
        auto_layout.addWidget(self.automation)
        auto_layout.addWidget(self.policy)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.site)
        left.addLayout(status)
        left.addWidget(self.error)
        left.addStretch(1)
        top.addLayout(left, 3)
        top.addWidget(automation, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("<b>Tickets</b> (double-click to open in the browser)"))
        layout.addWidget(self.table, 1)

    # -- content -----------------------------------------------------------------------
    def set_site(self, url: str | None, project: str, problems: list[str]) -> None:
        if url:
            self.site.setText(f"Site: <a href='{html.escape(url)}'>{html.escape(url)}</a> · "
                              f"project <b>{html.escape(project)}</b>")
        else:
            why = html.escape(" ".join(problems)) or "not configured"
            self.site.setText(f"Jira is off: {why}<br><small>Configure it with "
                              "<code>stacklens jira configure</code>.</small>")
        self.automation.setEnabled(bool(url))

    def set_automation(self, config: AutomationConfig) -> None:
        self._quiet = True
        self.automation.setChecked(config.enabled)
        self._quiet = False
        self.policy.setText(describe_policy(config))

    def set_outbox(self, waiting: int, failed: int) -> None:
        self._waiting, self._failed = waiting, failed
        self.outbox.setText(f"Outbox: <b>{waiting:,}</b> waiting · <b>{failed:,}</b> failed")
        self._update_retry()

    def set_error(self, message: str) -> None:
        """The last Jira problem; empty clears it (Jira answers again)."""
        self._error = message
        self.error.setText(f"Last error: {message}" if message else "")
        self._update_retry()

    def _update_retry(self) -> None:
        """Retry applies to failed rows, and to waiting ones while there is an error (they
        wait out a back-off: Jira down shows "2 waiting · 0 failed")."""
        self.retry.setEnabled(self._failed > 0 or (self._waiting > 0 and bool(self._error)))

    def set_tickets(self, rows: list[TicketRow]) -> None:
        self.table.setRowCount(len(rows))
        for r, ticket in enumerate(rows):
            values = (ticket.key, ticket.status or NOT_SYNCED, ticket.severity.upper(),
                      ticket.template,
                      theme.short_time(ticket.updated_at), ticket.url or "")
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(URL_ROLE, ticket.url)
                if c in (0, 5) and ticket.url:
                    item.setForeground(theme.link_brush())
                    item.setToolTip(ticket.url)
                if c == 2:
                    item.setIcon(theme.severity_icon(ticket.severity))
                self.table.setItem(r, c, item)

    def ticket_keys(self) -> list[str]:
        items = [self.table.item(r, 0) for r in range(self.table.rowCount())]
        return [item.text() for item in items if item is not None]

    def _open_row(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        url = item.data(URL_ROLE) if item is not None else None
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def _toggled(self, checked: bool) -> None:
        if not self._quiet:
            self.automation_toggled.emit(checked)
