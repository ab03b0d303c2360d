"""The watched files and globs, with each file's state (watching / waiting / error + why)."""

from __future__ import annotations

import fnmatch
import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui import icons, theme
from stacklens_desktop.ui.host_tree import fill_hosts
from stacklens_desktop.ui.rows import HostGroup, SourceActivity
from stacklens_desktop.wording import plural

PATH_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Source", "State", "Lines", "Errors")


def is_glob(path: str) -> bool:
    return any(ch in path for ch in "*?[")


class SourcesPanel(QWidget):
    """Top-level items are what the user added; a glob's matched files are its children."""

    #: the user asked for a dialog: "file", "glob" or "import".
    add_requested = Signal(str)
    #: (path or glob) the user removed.
    remove_requested = Signal(str)
    #: (path or glob, pause) the user paused (True) or resumed (False) reading it.
    pause_requested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        # a name too long for the panel keeps its start and its end ("pos-…on.log"); the
        # tooltip holds the full path
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._activity: dict[str, SourceActivity] = {}
        #: team mode: the tree holds the team store's hosts (show_hosts)
        self.team = False
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self._imported: QTreeWidgetItem | None = None
        self.remove_button = QPushButton(icons.icon("remove"), "Remove")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._remove_selected)
        self.pause_button = QPushButton(icons.icon("pause"), "Pause")
        self.pause_button.setEnabled(False)
        self.pause_button.clicked.connect(self._pause_selected)
        self.hint = QLabel("Nothing watched yet: <b>Add file</b> (Ctrl+O) follows a log as it "
                           "grows, <b>Add glob</b> (Ctrl+Shift+O) every file a pattern "
                           "matches.")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("sources_hint")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel("<b>Sources</b>")
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reason)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        """Adding is on the toolbar and in the File menu; here what acts on a selection."""
        line = QHBoxLayout()
        line.addWidget(self.pause_button)
        line.addWidget(self.remove_button)
        return line

    # -- content -----------------------------------------------------------------------
    def paths(self) -> list[str]:
        """What the user added (files and globs), in order."""
        tops = _children(self.tree.invisibleRootItem())
        return [top.data(0, PATH_ROLE) for top in tops if top is not self._imported]

    def set_known(self, sources: list[dict]) -> None:
        """Files the store knows that are not watched (imports): listed under "Imported",
        with their lines read, from ``stats["sources"]``."""
        watched = set(self.paths())
        imported = [s for s in sources if s["path"] not in watched
                    and self._glob_of(s["path"]) is None]
        if not imported:
            if self._imported is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self._imported))
                self._imported = None
            return
        if self._imported is None:
            self._imported = QTreeWidgetItem(["Imported files", ""])
            self._imported.setIcon(0, icons.icon("import"))
            self.tree.addTopLevelItem(self._imported)
            self._imported.setExpanded(True)
        self._imported.takeChildren()
        for source in imported:
            state = "imported" if source.get("state") == "done" else source.get("state") or ""
            child = QTreeWidgetItem([os.path.basename(source["path"]), state,
                                     f"{int(source.get('lines') or 0):,}"])
            child.setData(0, PATH_ROLE, source["path"])
            child.setToolTip(0, source["path"])
            self._imported.addChild(child)
        self._imported.setText(1, plural(len(imported), "file"))
        self.set_activity(self._activity)  # the rebuilt rows get their counts back

    def show_hosts(self, groups: list[HostGroup]) -> None:
        """Team mode: every host of the team store with its agent's state and last contact,
        its sources below it, instead of the local watch list (the agents read the logs:
        nothing is added, paused or removed here)."""
        self.team = True
        self._imported = None
        for widget in (self.hint, self.pause_button, self.remove_button):
            widget.hide()
        self.title.setText(f"<b>Hosts</b> ({plural(len(groups), 'host')})")
        selected = [i.toolTip(0) for i in self.tree.selectedItems()]
        fill_hosts(self.tree, groups)
        if not groups:
            self.reason.setText("No agent has reported yet: an administrator adds one per "
                                "server (stacklens team add-agent).")
        else:
            self.reason.setText(selected[0] if selected else "")

    def add_source(self, path: str) -> bool:
        """A new top-level entry (False when it is already listed)."""
        if self._top(path) is not None:
            return False
        item = QTreeWidgetItem([_label(path), "starting"])
        item.setData(0, PATH_ROLE, path)
        item.setToolTip(0, path)
        if is_glob(path):  # until a file matches
            _show_state(item, "waiting", "no file matches this pattern yet")
        at = self.tree.indexOfTopLevelItem(self._imported) if self._imported else -1
        self.tree.insertTopLevelItem(at if at >= 0 else self.tree.topLevelItemCount(), item)
        self.hint.hide()
        return True

    def remove_source(self, path: str) -> None:
        item = self._top(path)
        if item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        self.hint.setHidden(bool(self.paths()))

    def set_state(self, path: str, state: str, reason: str) -> None:
        """A file's state from the monitor: on its own entry, or under the glob it matched."""
        item = self._top(path) or self._glob_child(path)
        if item is None:
            return
        _show_state(item, state, reason)
        if item.isSelected():
            self._selection_changed()

    def set_activity(self, activity: dict[str, SourceActivity]) -> None:
        """Lines read and events stored per file (globs: the sum of their files)."""
        self._activity = activity
        for item in self._items():
            path = item.data(0, PATH_ROLE)
            if item.childCount() and path is not None:
                found = [activity[c.data(0, PATH_ROLE)] for c in _children(item)
                         if c.data(0, PATH_ROLE) in activity]
            else:
                found = [activity[path]] if path in activity else []
            if found:
                item.setText(2, f"{sum(a.lines for a in found):,}")
                item.setText(3, f"{sum(a.errors for a in found):,}")
                for column in (2, 3):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
        selected = self.tree.selectedItems()
        if selected:
            self._show_reason(selected[0])

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for top in _children(self.tree.invisibleRootItem()):
            out.append(top)
            out.extend(_children(top))
        return out

    def state_of(self, path: str) -> str | None:
        item = self._top(path) or self._glob_child(path)
        return item.text(1) if item is not None else None

    # -- internals ---------------------------------------------------------------------
    def _top(self, path: str) -> QTreeWidgetItem | None:
        for top in _children(self.tree.invisibleRootItem()):
            if top.data(0, PATH_ROLE) == path:
                return top
        return None

    def _glob_of(self, path: str) -> str | None:
        """The watched glob that matches ``path``, if any."""
        for pattern in self.paths():
            if is_glob(pattern) and fnmatch.fnmatch(path, pattern):
                return pattern
        return None

    def _glob_child(self, path: str) -> QTreeWidgetItem | None:
        for glob in _children(self.tree.invisibleRootItem()):
            pattern = glob.data(0, PATH_ROLE)
            if glob is self._imported or not is_glob(pattern) \
                    or not fnmatch.fnmatch(path, pattern):
                continue
            for known in _children(glob):
                if known.data(0, PATH_ROLE) == path:
                    return known
            child = QTreeWidgetItem([os.path.basename(path), ""])
            child.setData(0, PATH_ROLE, path)
            child.setToolTip(0, path)
            glob.addChild(child)
            glob.setExpanded(True)
            _show_state(glob, "watching", f"{plural(glob.childCount(), 'file')} match")
            return child
        return None

    def _selection_changed(self) -> None:
        items = self.tree.selectedItems()
        if self.team:
            self.reason.setText(items[0].toolTip(0) if items else "")
            return
        top = bool(items) and items[0].parent() is None and items[0] is not self._imported
        self.remove_button.setEnabled(top)
        self.pause_button.setEnabled(top)
        paused = top and items[0].text(1) == "paused"
        self.pause_button.setText("Resume" if paused else "Pause")
        self.pause_button.setIcon(icons.icon("start" if paused else "pause"))
        if items:
            self._show_reason(items[0])
        else:
            self.reason.clear()

    def _show_reason(self, item: QTreeWidgetItem) -> None:
        """Path, state with its reason, lines, events and the last read of the selection."""
        reason = item.data(1, PATH_ROLE) or ""
        path = item.data(0, PATH_ROLE) or item.text(0)
        state = item.text(1)
        lines = [path, f"{state}: {reason}" if reason else state]
        activity = self._activity.get(path)
        if activity is not None:
            lines.append(f"{plural(activity.lines, 'line')} read · "
                         f"{plural(activity.errors, 'event')} stored")
            if activity.last_read:
                lines.append(f"last read {theme.short_time(activity.last_read)} UTC")
        self.reason.setText("\n".join(lines))

    def _pause_selected(self) -> None:
        items = self.tree.selectedItems()
        if items and items[0].parent() is None and items[0] is not self._imported:
            self.pause_requested.emit(items[0].data(0, PATH_ROLE),
                                      items[0].text(1) != "paused")

    def _remove_selected(self) -> None:
        items = self.tree.selectedItems()
        if items and items[0].parent() is None and items[0] is not self._imported:
            self.remove_requested.emit(items[0].data(0, PATH_ROLE))


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = [item.child(i) for i in range(item.childCount())]
    return [child for child in found if child is not None]


def _show_state(item: QTreeWidgetItem, state: str, reason: str) -> None:
    item.setText(1, state)
    item.setIcon(1, theme.state_icon(state))
    item.setData(1, PATH_ROLE, reason)
    item.setToolTip(1, f"{state}: {reason}" if reason else state)


def _label(path: str) -> str:
    """The file's name; a glob with its folder's name ("logs/*.log")."""
    if is_glob(path):
        folder, pattern = os.path.split(path)
        return f"{os.path.basename(folder)}/{pattern}" if os.path.basename(folder) else path
    return os.path.basename(path) or path
