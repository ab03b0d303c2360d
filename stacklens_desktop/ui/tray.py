"""The tray icon: the count of new critical/high patterns, and notifications (decided by
:mod:`tray_rules`) for new critical patterns and regressions; a click on one raises the
window on its pattern.

Every decided notification is emitted as ``notification_requested`` before it is shown, so it
is observable where there is no system tray (offscreen, some Linux desktops): the rules run
the same there, only nothing is drawn.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from stacklens_desktop.core.batch import PatternChange
from stacklens_desktop.ui import icons
from stacklens_desktop.ui.tray_rules import Notification, NotifyRules, PatternAlert

if TYPE_CHECKING:  # the store loads SQLAlchemy: not on the way to the first paint
    from stacklens_desktop.store.pattern_alerts import PatternFacts

#: The window's preference (QSettings) that turns the tray and its notifications on or off.
#: Read only here (:func:`tray_enabled`); the typed settings take it over at merge.
TRAY_SETTING = "tray/notifications"
MESSAGE_MS = 8000
BADGE_COLOR = "#c62828"


def tray_enabled(settings: QSettings) -> bool:
    return str(settings.value(TRAY_SETTING, "true")).lower() in ("true", "1")


def badge_icon(base: QIcon, count: int, size: int = 32) -> QIcon:
    """The app icon with the count in a red disc (none at 0)."""
    pixmap = base.pixmap(size, size)
    if count <= 0:
        return QIcon(pixmap)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(BADGE_COLOR))
    painter.setPen(Qt.PenStyle.NoPen)
    disc = QRect(size // 3, size // 3, size - size // 3, size - size // 3)
    painter.drawEllipse(disc)
    text = "99+" if count > 99 else str(count)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size // 3 if len(text) < 3 else size // 4)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class TrayNotifier(QObject):
    #: Notification: decided and (when there is a tray) shown.
    notification_requested = Signal(object)
    #: (pattern id) the user clicked a notification: show that pattern.
    pattern_activated = Signal(int)
    #: (new critical/high count) the number on the icon changed.
    count_changed = Signal(int)
    #: (pattern ids) the facts of these patterns are wanted (the store worker answers).
    facts_wanted = Signal(list)

    def __init__(self, window: QWidget, enabled: bool = True,
                 rules: NotifyRules | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.rules = rules or NotifyRules()
        self.enabled = enabled
        self.count = 0
        self._new: set[int] = set()
        self._last: Notification | None = None
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._flush_held)
        self.icon: QSystemTrayIcon | None = None
        self.set_enabled(enabled)

    def set_enabled(self, enabled: bool) -> None:
        """Off: no icon, no notifications (held ones are dropped)."""
        self.enabled = enabled
        if not enabled:
            self._flush.stop()
            self.rules = NotifyRules(self.rules.min_gap)
            if self.icon is not None:
                self.icon.hide()
                self.icon.deleteLater()
                self.icon = None
        elif self.icon is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(self._icon(), self)
            self.icon.messageClicked.connect(self.activate_last)
            self.icon.activated.connect(lambda _reason: self._raise_window())
            self.icon.show()
        self._update_icon()

    # -- input -------------------------------------------------------------------------
    def patterns_changed(self, changes: list[PatternChange]) -> None:
        """From the analysis worker: ask the store for the facts of what changed."""
        if not self.enabled or not changes:
            return
        self._new.update(c.pattern_id for c in changes if c.is_new)
        self.facts_wanted.emit(sorted({c.pattern_id for c in changes}))

    def refresh_count(self, *_args: object) -> None:
        """A triage action may have changed the count: read it again."""
        if self.enabled:
            self.facts_wanted.emit([])

    def facts_loaded(self, facts: list[PatternFacts], count: int) -> None:
        """The store worker's answer: decide, notify, update the count."""
        if not self.enabled:
            return
        alerts = [PatternAlert(f.id, f.severity, f.status, f.template, f.id in self._new)
                  for f in facts]
        self._new.difference_update(f.id for f in facts)
        now = datetime.now(UTC)
        for note in self.rules.offer(alerts, now):
            self._notify(note)
        self._schedule_flush(now)
        if count != self.count:
            self.count = count
            self._update_icon()
            self.count_changed.emit(count)

    # -- output ------------------------------------------------------------------------
    def activate_last(self) -> None:
        """The user clicked the last notification (the tray's ``messageClicked``)."""
        if self._last is None:
            return
        self._raise_window()
        self.pattern_activated.emit(self._last.pattern_id)

    def _notify(self, note: Notification) -> None:
        self._last = note
        self.notification_requested.emit(note)
        if self.icon is not None:
            self.icon.showMessage(note.title, note.message, self._icon(), MESSAGE_MS)

    def _schedule_flush(self, now: datetime) -> None:
        due = self.rules.next_flush()
        if due is not None and not self._flush.isActive():
            self._flush.start(max(0, int((due - now).total_seconds() * 1000)) + 50)

    def _flush_held(self) -> None:
        now = datetime.now(UTC)
        for note in self.rules.flush(now):
            self._notify(note)
        self._schedule_flush(now)

    def _raise_window(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        if QGuiApplication.platformName() != "offscreen":  # it has no window stacking
            window.raise_()
            window.activateWindow()

    def _icon(self) -> QIcon:
        return badge_icon(icons.icon("stacklens"), self.count)

    def _update_icon(self) -> None:
        if self.icon is not None:
            self.icon.setIcon(self._icon())
            self.icon.setToolTip(f"StackLens: {self.count:,} new critical/high "
                                 f"pattern{'' if self.count == 1 else 's'}")
