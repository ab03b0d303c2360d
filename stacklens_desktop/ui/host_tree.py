"""Team mode's sources: one top-level item per host (its agent's state, last contact and the
lines its sources shipped), its sources as children. Filled into the sources panel's tree."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.rows import HostGroup, HostSourceRow
from stacklens_desktop.wording import plural

COLUMNS = ("Host / source", "State", "Lines", "Last contact")
#: An agent's state (``store/team/ingest.report_agent_state``) as a coloured dot.
AGENT_COLORS: dict[str, str] = {
    "shipping": "#2e7d32",
    "watching": "#2e7d32",
    "spooling": "#f9a825",
    "spool_full": "#c62828",
    "error": "#c62828",
}
HOST_ROLE = Qt.ItemDataRole.UserRole + 1


def fill_hosts(tree: QTreeWidget, groups: list[HostGroup]) -> None:
    """Replace the tree's items with the hosts (expanded) and their sources."""
    tree.setHeaderLabels(list(COLUMNS))
    tree.clear()
    for group in groups:
        lines = sum(s.lines for s in group.sources)
        item = QTreeWidgetItem([group.host, group.state.replace("_", " "), f"{lines:,}",
                                compact_time(group.last_contact)])
        item.setIcon(1, theme.dot_icon(AGENT_COLORS.get(group.state, "#9e9e9e")))
        item.setData(0, HOST_ROLE, group.host)
        item.setToolTip(0, host_tip(group))
        item.setToolTip(1, host_tip(group))
        for source in group.sources:
            item.addChild(_source_item(source))
        _align(item)
        tree.addTopLevelItem(item)
        item.setExpanded(True)


def compact_time(iso: str | None, today: str | None = None) -> str:
    """A UTC time as the narrow panel shows it: the time of day when it is today (UTC),
    else month, day and minute."""
    full = theme.short_time(iso)
    if not full:
        return ""
    today = today or datetime.now(UTC).strftime("%Y-%m-%d")
    return full[11:19] if full[:10] == today else full[5:16]


def host_tip(group: HostGroup) -> str:
    agent = "no agent" if group.state == "no agent" else f"agent {group.state}"
    why = f": {group.reason}" if group.reason else ""
    contact = (f"last contact {theme.short_time(group.last_contact)} UTC"
               if group.last_contact else "never in contact")
    spooled = f" · {plural(group.spooled, 'shipment')} spooled" if group.spooled else ""
    return (f"{group.host}\n{agent}{why}\n{contact}{spooled}\n"
            f"{plural(len(group.sources), 'source')}")


def _source_item(source: HostSourceRow) -> QTreeWidgetItem:
    child = QTreeWidgetItem([os.path.basename(source.path) or source.path, source.state,
                             f"{source.lines:,}", compact_time(source.updated_at)])
    child.setIcon(1, theme.state_icon(source.state))
    why = f": {source.reason}" if source.reason else ""
    child.setToolTip(0, f"{source.path}\n{source.state}{why}")
    _align(child)
    return child


def _align(item: QTreeWidgetItem) -> None:
    item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
