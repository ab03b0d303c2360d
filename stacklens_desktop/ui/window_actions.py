"""The window's commands as QActions: one place for their text, icon and shortcut, shared by
the menus, the toolbar and Help → Keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from stacklens_desktop.ui import icons

#: (key, text, icon or "", shortcut or "", checkable)
COMMANDS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("monitoring", "&Monitoring", "start", "F5", True),
    ("add_file", "Add &file…", "add-file", "Ctrl+O", False),
    ("add_glob", "Add &glob…", "add-glob", "Ctrl+Shift+O", False),
    ("import", "&Import file…", "import", "Ctrl+I", False),
    ("pos", "&POS simulator", "pos", "Ctrl+Shift+P", False),
    ("automation", "&Automation", "automation", "Ctrl+Shift+A", True),
    ("settings", "&Settings…", "settings", "Ctrl+,", False),
    ("retrain", "&Retrain model", "retrain", "Ctrl+Shift+R", False),
    ("find", "&Filter patterns", "", "Ctrl+F", False),
    ("tab_patterns", "&Patterns tab", "", "Ctrl+1", False),
    ("tab_stats", "&Statistics tab", "", "Ctrl+2", False),
    ("tab_history", "&History tab", "", "Ctrl+3", False),
    ("tab_jira", "&Jira tab", "", "Ctrl+4", False),
    ("shortcuts", "&Keyboard shortcuts", "keyboard", "F1", False),
    ("about", "&About StackLens", "logo", "", False),
    ("quit", "&Quit", "", "Ctrl+Q", False),
)
TOOLBAR = ("monitoring", None, "add_file", "add_glob", "import", None, "pos", "automation",
           None, "retrain", "settings")
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("&File", ("add_file", "add_glob", "import", None, "quit")),
    ("&View", ("find", None, "tab_patterns", "tab_stats", "tab_history", "tab_jira")),
    ("&Tools", ("monitoring", "automation", None, "pos", "retrain", None, "settings")),
)


class WindowActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        for key, text, icon, shortcut, checkable in COMMANDS:
            action = QAction(text, window)
            if icon:
                action.setIcon(icons.icon(icon))
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
            action.setCheckable(checkable)
            window.addAction(action)  # the shortcut works wherever the focus is
            self.actions[key] = action
        self.actions["add_file"].setIconText("Add file")
        self.actions["add_glob"].setIconText("Add glob")
        self.actions["import"].setIconText("Import")
        self.actions["settings"].setIconText("Settings")
        self.actions["monitoring"].toggled.connect(self._show_monitoring)
        self.actions["automation"].toggled.connect(self._show_automation)
        self._show_monitoring(False)
        self._show_automation(False)

    def wire(self, slots: dict[str, Callable[..., object]]) -> None:
        """``triggered`` (or ``toggled`` for the switches) of each key to its slot."""
        for key, slot in slots.items():
            action = self.actions[key]
            (action.toggled if action.isCheckable() else action.triggered).connect(slot)

    def build_menus(self, pattern_menu: Callable[[QMenu], None]) -> None:
        bar = self.window.menuBar()
        for title, keys in MENUS:
            self._fill(bar.addMenu(title), keys)
        pattern_menu(bar.addMenu("&Pattern"))
        self._fill(bar.addMenu("&Help"), ("shortcuts", None, "about"))

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._fill(toolbar, TOOLBAR)
        self.window.addToolBar(toolbar)
        return toolbar

    def refresh_icons(self) -> None:
        """Draw the icons again in the palette's colours (after a theme change)."""
        for key, _text, icon, _shortcut, _checkable in COMMANDS:
            if icon:
                self.actions[key].setIcon(icons.icon(icon))
        self._show_monitoring(self.actions["monitoring"].isChecked())
        self._show_automation(self.actions["automation"].isChecked())

    def set_quietly(self, key: str, checked: bool) -> None:
        """Show a switch's state without running its slot (state read from elsewhere)."""
        action = self.actions[key]
        blocked = action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(blocked)
        (self._show_monitoring if key == "monitoring" else self._show_automation)(checked)

    def _fill(self, target: QMenu | QToolBar, keys: tuple[str | None, ...]) -> None:
        for key in keys:
            if key is None:
                target.addSeparator()
            else:
                target.addAction(self.actions[key])

    def _show_monitoring(self, running: bool) -> None:
        action = self.actions["monitoring"]
        action.setIcon(icons.icon("stop" if running else "start"))
        action.setIconText("Stop monitoring" if running else "Start monitoring")

    def _show_automation(self, enabled: bool) -> None:
        action = self.actions["automation"]
        action.setIcon(icons.icon("automation" if enabled else "automation-off"))
        action.setIconText(f"Automation: {'on' if enabled else 'off'}")
