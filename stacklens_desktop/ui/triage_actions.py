"""The triage actions on the selected pattern, as QActions shared by the detail pane's
buttons, the table's context menu, the Pattern menu and the keyboard."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from stacklens_desktop.ui import icons
from stacklens_desktop.ui.rows import PatternRow

#: (action key, menu text, shortcut, icon name, statuses the action does not apply to)
SIMPLE = (
    ("acknowledge", "&Acknowledge", "A", "acknowledge", {"acknowledged"}),
    ("resolve", "&Resolve", "R", "resolve", {"resolved"}),
    ("reopen", "Mark &new", "N", "reopen", {"new"}),
)
#: The mute choices: (label, duration; None: for good), and their keys.
MUTE_CHOICES: tuple[tuple[str, timedelta | None], ...] = (
    ("1 hour", timedelta(hours=1)), ("24 hours", timedelta(hours=24)), ("forever", None))
MUTE_SHORTCUTS = ("M", "Shift+M", "Ctrl+Shift+M")
ICON_OF = {**{key: icon for key, _t, _s, icon, _n in SIMPLE}, "ticket": "ticket",
           "correct": "correct"}


class TriageActions(QObject):
    #: (pattern id, action: acknowledge / mute / resolve / reopen / ticket, mute duration)
    requested = Signal(int, str, object)
    #: (pattern id) the user wants to correct its severity/type.
    correction_requested = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.row: PatternRow | None = None
        self._jira = False
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, icon, _ in SIMPLE:
            self._add(key, text, shortcut, icon, lambda _=False, k=key: self._emit(k, None))
        for (label, duration), shortcut in zip(MUTE_CHOICES, MUTE_SHORTCUTS, strict=True):
            self._add(f"mute {label}", f"Mute for {label}" if duration else "Mute for &good",
                      shortcut, "mute", lambda _=False, d=duration: self._emit("mute", d))
        self._add("ticket", "Create/update &ticket now", "T", "ticket",
                  lambda _=False: self._emit("ticket", None))
        self._add("correct", "&Correct severity/type…", "C", "correct", self._correct)
        self.actions["ticket"].setIconText("Ticket now")
        self.actions["correct"].setIconText("Correct…")
        self.actions["reopen"].setIconText("New")
        self.mute_menu = QMenu("&Mute", parent)
        self.mute_menu.setIcon(icons.icon("mute"))
        for label, _duration in MUTE_CHOICES:
            self.mute_menu.addAction(self.actions[f"mute {label}"])
        self.set_row(None)

    def _add(self, key: str, text: str, shortcut: str, icon: str, slot) -> None:  # noqa: ANN001
        action = QAction(icons.icon(icon), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        action.triggered.connect(slot)
        self.actions[key] = action

    def refresh_icons(self) -> None:
        """Draw the icons again in the palette's colours (after a theme change)."""
        for key, action in self.actions.items():
            action.setIcon(icons.icon(ICON_OF.get(key, "mute")))
        self.mute_menu.setIcon(icons.icon("mute"))

    def attach(self, widget: QWidget) -> None:
        """The keys work while ``widget`` or one of its children has the focus."""
        widget.addActions(list(self.actions.values()))

    def fill_menu(self, menu: QMenu) -> None:
        for key in ("acknowledge",):
            menu.addAction(self.actions[key])
        menu.addMenu(self.mute_menu)
        for key in ("resolve", "reopen"):
            menu.addAction(self.actions[key])
        menu.addSeparator()
        menu.addAction(self.actions["ticket"])
        menu.addAction(self.actions["correct"])

    def set_jira(self, configured: bool) -> None:
        self._jira = configured
        self.set_row(self.row)

    def set_row(self, row: PatternRow | None) -> None:
        """Enable what applies to the selected pattern's status."""
        self.row = row
        status = row.status if row is not None else None
        for key, _text, _shortcut, _icon, not_for in SIMPLE:
            self.actions[key].setEnabled(row is not None and status not in not_for)
        for label, duration in MUTE_CHOICES:
            same = status == "muted" and duration is None and row is not None \
                and row.muted_until is None
            self.actions[f"mute {label}"].setEnabled(row is not None and not same)
        self.mute_menu.setEnabled(row is not None)
        ticket = self.actions["ticket"]
        ticket.setEnabled(row is not None and self._jira and status != "muted")
        ticket.setToolTip("Create/update ticket now (T)" if self._jira else
                          "Jira is not configured (stacklens jira configure)")
        self.actions["correct"].setEnabled(row is not None)

    def _emit(self, action: str, duration: timedelta | None) -> None:
        if self.row is not None:
            self.requested.emit(self.row.id, action, duration)

    def _correct(self) -> None:
        if self.row is not None:
            self.correction_requested.emit(self.row.id)
