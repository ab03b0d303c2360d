"""The demo's two windows: StackLens on the left, the POS till beside it, and a banner that
says what to try. The till sells through the demo's shop (its one log writer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolButton,
    QWidget,
)

from stacklens_desktop.ui import icons
from stacklens_desktop.ui.above_central import put_above_central
from stacklens_desktop.ui.palette import palette_is_dark

if TYPE_CHECKING:
    from stacklens_desktop.ui.main_window import MainWindow

BANNER_TEXT = (
    "<b>Try it:</b> in the <b>POS Simulator</b> window beside this one, add "
    "<b>Premium Item</b> (it has no price) and click <b>Place order</b>. The error shows up "
    "here within a second with its explanation, and a ticket is filed in the built-in Jira "
    "sandbox (<b>Jira</b> tab; its key opens the issue).")
#: (background, accent) of the banner on a light and on a dark palette
BANNER_COLOURS = {False: ("#e8f0fe", "#3d6fb6"), True: ("#1f2a3a", "#6ea8fe")}
BANNER_TEXT_COLOURS = {False: "#1d2733", True: "#e3e5e8"}
#: the till's share of the screen's width when both windows are placed
TILL_SHARE = 0.42
TILL_MIN_WIDTH = 560


class DemoBanner(QFrame):
    """One line of guidance above the main window's panels; "Show the till" raises the POS
    window (opening it again if it was closed), × hides the banner."""

    show_till = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.text = QLabel(BANNER_TEXT)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.till = QPushButton(icons.icon("pos"), "Show the till")
        self.till.clicked.connect(self.show_till)
        close = QToolButton()
        close.setText("×")
        close.setToolTip("Hide this note")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.till)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._dark: bool | None = None
        self._restyle()

    def _restyle(self) -> None:
        """Colours for the palette in use (a style sheet change is a palette change too:
        only a change between light and dark restyles)."""
        dark = palette_is_dark()
        if dark == self._dark:
            return
        self._dark = dark
        background, accent = BANNER_COLOURS[dark]
        text = BANNER_TEXT_COLOURS[dark]
        self.setStyleSheet(f"QFrame#demoBanner {{ background: {background}; "
                           f"border: 1px solid {accent}; border-left: 4px solid {accent}; "
                           f"border-radius: 4px; }} QFrame#demoBanner QLabel {{ color: {text}; }}")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Light ↔ dark in Settings repaints everything; a widget with a style sheet keeps
        its own palette (no PaletteChange reaches it), so the check is made here, and a
        change restyles after this paint."""
        if palette_is_dark() != self._dark:
            QTimer.singleShot(0, self._restyle)
        super().paintEvent(event)


def add_banner(window: QMainWindow) -> DemoBanner:
    """Put the banner above the window's central widget (whatever that is)."""
    banner = DemoBanner()
    put_above_central(window, banner, (6, 6, 6, 0), 6)
    return banner


def show_till(window: MainWindow, *, first: bool = False) -> QWidget | None:
    """Open (or raise) the till at the right of the screen; the first time, the main
    window takes the rest of the screen."""
    till = window.open_pos_simulator()
    if till is not None:
        place_side_by_side(window, till, till_only=not first)
    return till


def follow_first_pattern(window: MainWindow) -> None:
    """Select the first pattern as it appears while nothing is selected, so that its
    explanation shows in the detail pane without a click."""
    patterns = window.patterns

    def select_first() -> None:
        rows = patterns.visible_rows()
        if rows and patterns.selected_row() is None:
            patterns.select_pattern(rows[0].id)

    patterns.proxy.rowsInserted.connect(lambda *_: QTimer.singleShot(0, select_first))


def side_by_side(area: QRect, main_min: int = 0, till_min: int = 0) -> tuple[QRect, QRect]:
    """Frames of (main window, till) filling ``area``, the main window on the left. The
    till takes :data:`TILL_SHARE` of the width, less when the main window needs more; on a
    screen too narrow for both minimums the till keeps its own and overlaps at the right."""
    width = max(till_min, TILL_MIN_WIDTH, int(area.width() * TILL_SHARE))
    if area.width() - width < main_min:
        width = max(till_min, area.width() - main_min)
    width = min(width, area.width())
    main = QRect(area.x(), area.y(), area.width() - width, area.height())
    till = QRect(area.x() + area.width() - width, area.y(), width, area.height())
    return main, till


def place(window: QWidget, frame: QRect) -> None:
    """Move and size a top-level window so that its frame (decorations included, as far as
    the window system has told us) covers ``frame``."""
    extra_w = window.frameGeometry().width() - window.geometry().width()
    extra_h = window.frameGeometry().height() - window.geometry().height()
    window.move(frame.topLeft())
    window.resize(frame.width() - extra_w, frame.height() - extra_h)


def place_side_by_side(main: QWidget, till: QWidget, area: QRect | None = None, *,
                       till_only: bool = False) -> None:
    """The two windows beside each other on ``area`` (default: the main window's screen);
    ``till_only``: the main window stays where the user put it."""
    if area is None:
        screen = main.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
    main_frame, till_frame = side_by_side(area, main.minimumSizeHint().width(),
                                          till.minimumSizeHint().width())
    if not till_only:
        place(main, main_frame)
    place(till, till_frame)
    if till.frameGeometry().width() > till_frame.width():  # it could not get that narrow
        till.move(till_frame.right() + 1 - till.frameGeometry().width(), till_frame.y())
