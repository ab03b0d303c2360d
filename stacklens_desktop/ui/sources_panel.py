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
from stacklens_desktop.ui.wording import plural

PATH_ROLE = Qt.ItemDataRole.UserRole


def is_glob(path: str) -> bool:
    return any(ch in path for ch in "*?[")


class SourcesPanel(QWidget):
    """Top-level items are what the user added; a glob's matched files are its children."""

    #: the user asked for a dialog: "file", "glob" or "import".
    add_requested = Signal(str)
    #: (path or glob) the user removed.
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Source", "State"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self._imported: QTreeWidgetItem | None = None
        self.remove_button = QPushButton("Remove")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._remove_selected)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel("<b>Sources</b>")
        layout.addWidget(title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reason)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        for text, kind, line in (("Add file…", "file", first), ("Add glob…", "glob", first),
                                 ("Import file…", "import", second)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=kind: self.add_requested.emit(k))
            line.addWidget(button)
        second.addWidget(self.remove_button)
        rows.addLayout(first)
        rows.addLayout(second)
        return rows

    # -- content -----------------------------------------------------------------------
    def paths(self) -> list[str]:
        """What the user added (files and globs), in order."""
        root = self.tree.invisibleRootItem()
        return [root.child(i).data(0, PATH_ROLE) for i in range(root.childCount())
                if root.child(i) is not self._imported]

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
            child = QTreeWidgetItem([os.path.basename(source["path"]),
                                     f"{state} · {plural(int(source.get('lines') or 0), 'line')}"])
            child.setData(0, PATH_ROLE, source["path"])
            child.setToolTip(0, source["path"])
            self._imported.addChild(child)
        self._imported.setText(1, plural(len(imported), "file"))

    def add_source(self, path: str) -> bool:
        """A new top-level entry (False when it is already listed)."""
        if self._top(path) is not None:
            return False
        item = QTreeWidgetItem([_label(path), "glob" if is_glob(path) else "starting"])
        item.setData(0, PATH_ROLE, path)
        item.setToolTip(0, path)
        at = self.tree.indexOfTopLevelItem(self._imported) if self._imported else -1
        self.tree.insertTopLevelItem(at if at >= 0 else self.tree.topLevelItemCount(), item)
        return True

    def remove_source(self, path: str) -> None:
        item = self._top(path)
        if item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))

    def set_state(self, path: str, state: str, reason: str) -> None:
        """A file's state from the monitor: on its own entry, or under the glob it matched."""
        item = self._top(path) or self._glob_child(path)
        if item is None:
            return
        item.setText(1, state)
        item.setIcon(1, theme.state_icon(state))
        item.setData(1, PATH_ROLE, reason)
        item.setToolTip(1, reason or state)
        if item.isSelected():
            self._show_reason(item)

    def state_of(self, path: str) -> str | None:
        item = self._top(path) or self._glob_child(path)
        return item.text(1) if item is not None else None

    # -- internals ---------------------------------------------------------------------
    def _top(self, path: str) -> QTreeWidgetItem | None:
        root = self.tree.invisibleRootItem()
        for i in range(root.childCount()):
            if root.child(i).data(0, PATH_ROLE) == path:
                return root.child(i)
        return None

    def _glob_of(self, path: str) -> str | None:
        """The watched glob that matches ``path``, if any."""
        for pattern in self.paths():
            if is_glob(pattern) and fnmatch.fnmatch(path, pattern):
                return pattern
        return None

    def _glob_child(self, path: str) -> QTreeWidgetItem | None:
        root = self.tree.invisibleRootItem()
        for i in range(root.childCount()):
            glob = root.child(i)
            pattern = glob.data(0, PATH_ROLE)
            if glob is self._imported or not is_glob(pattern) \
                    or not fnmatch.fnmatch(path, pattern):
                continue
            for j in range(glob.childCount()):
                if glob.child(j).data(0, PATH_ROLE) == path:
                    return glob.child(j)
            child = QTreeWidgetItem([os.path.basename(path), ""])
            child.setData(0, PATH_ROLE, path)
            child.setToolTip(0, path)
            glob.addChild(child)
            glob.setExpanded(True)
            glob.setText(1, plural(glob.childCount(), "file"))
            return child
        return None

    def _selection_changed(self) -> None:
        items = self.tree.selectedItems()
        top = bool(items) and items[0].parent() is None and items[0] is not self._imported
        self.remove_button.setEnabled(top)
        if items:
            self._show_reason(items[0])
        else:
            self.reason.clear()

    def _show_reason(self, item: QTreeWidgetItem) -> None:
        reason = item.data(1, PATH_ROLE) or ""
        path = item.data(0, PATH_ROLE) or item.text(0)
        self.reason.setText(f"{path}\n{reason}" if reason else path)

    def _remove_selected(self) -> None:
        items = self.tree.selectedItems()
        if items and items[0].parent() is None and items[0] is not self._imported:
            self.remove_requested.emit(items[0].data(0, PATH_ROLE))


def _label(path: str) -> str:
    if is_glob(path):
        return path
    return os.path.basename(path) or path
