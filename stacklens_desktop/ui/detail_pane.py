"""The selected pattern: labels, root cause, numbered steps, parameter samples, last events."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.raw_events import RawEvents
from stacklens_desktop.ui.rows import PatternDetail
from stacklens_desktop.ui.sparkline import Sparkline
from stacklens_desktop.ui.ticket_model import NOT_SYNCED
from stacklens_desktop.ui.triage_actions import TriageActions
from stacklens_desktop.wording import plural

MAX_PARAMETER_COLUMNS = 8


def _label(selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.setOpenExternalLinks(True)
    return label


def _tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(False)
    return button


class DetailPane(QWidget):
    def __init__(self, actions: TriageActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: PatternDetail | None = None
        self.header = _label()
        #: team store: who triaged last, and where the pattern was seen (one line, not
        #: wrapped: a wrapped label loses its last lines when the pane is short)
        self.team_info = _label()
        self.team_info.setWordWrap(False)
        self.team_info.setSizePolicy(QSizePolicy.Policy.Ignored,
                                     QSizePolicy.Policy.Preferred)
        self.team_info.hide()
        self.buttons = self._buttons(actions)
        self.root_cause = _label()
        self.steps = _label()
        self.parameters = QTableWidget(0, 0)
        self.parameters.verticalHeader().setVisible(False)
        self.parameters.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.raw = RawEvents()
        self.events = self.raw.text
        self.sparkline = Sparkline()
        self._layout()
        self.show_detail(None)

    @staticmethod
    def _buttons(actions: TriageActions) -> dict[str, QToolButton]:
        buttons = {key: _tool_button(actions.actions[key])
                   for key in ("acknowledge", "resolve", "reopen", "ticket", "correct")}
        mute = QToolButton()
        mute.setMenu(actions.mute_menu)
        mute.setIcon(actions.mute_menu.icon())
        mute.setText("Mute")
        mute.setToolTip("Mute: 1 hour (M), 24 hours (Shift+M), for good (Ctrl+Shift+M)")
        mute.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        mute.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        actions.mute_menu.menuAction().changed.connect(
            lambda: mute.setEnabled(actions.mute_menu.isEnabled()))
        mute.setEnabled(actions.mute_menu.isEnabled())
        buttons["mute"] = mute
        return buttons

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for key in ("acknowledge", "mute", "resolve", "reopen", "ticket"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        bar.addWidget(self.buttons["correct"])
        heading = QHBoxLayout()
        heading.addWidget(self.header, 1)
        heading.addWidget(self.sparkline, 0, Qt.AlignmentFlag.AlignTop)
        top = QVBoxLayout()
        top.addLayout(heading)
        top.addWidget(self.team_info)
        top.addLayout(bar)
        explain = QWidget()
        explain_layout = QVBoxLayout(explain)
        explain_layout.setContentsMargins(0, 0, 0, 0)
        for title, widget, stretch in (("Root cause", self.root_cause, 0),
                                       ("What to do", self.steps, 0),
                                       ("Parameter samples", self.parameters, 1)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            explain_layout.addWidget(box, stretch)
        raw_box = QGroupBox("Last events (raw)")
        QVBoxLayout(raw_box).addWidget(self.raw)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(explain)
        split.addWidget(raw_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def show_detail(self, detail: PatternDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.header.setText("<i>No pattern selected.</i>")
            self.team_info.hide()
            self.root_cause.clear()
            self.steps.clear()
            self.parameters.clear()
            self.parameters.setRowCount(0)
            self.parameters.setColumnCount(0)
            self.raw.show_samples([])
            self.sparkline.set_values([])
            return
        self.header.setText(_header(detail))
        team = team_line(detail)
        self.team_info.setText(team)
        self.team_info.setToolTip(team)
        self.team_info.setVisible(bool(team))
        self.root_cause.setText(html.escape(detail.root_cause or "No explanation yet."))
        self.steps.setText(_steps(detail.steps))
        self._fill_parameters(detail.parameter_samples)
        self.raw.show_samples(detail.events)
        self.sparkline.set_values(detail.sparkline, detail.row.severity)

    def repaint_colours(self) -> None:
        """The palette changed: the badges and links are drawn again in its colours."""
        self.show_detail(self.detail)

    def _fill_parameters(self, samples: list[list[str]]) -> None:
        width = min(MAX_PARAMETER_COLUMNS, max((len(s) for s in samples), default=0))
        self.parameters.clear()
        self.parameters.setColumnCount(width)
        self.parameters.setRowCount(len(samples))
        self.parameters.setHorizontalHeaderLabels([f"<{i + 1}>" for i in range(width)])
        for r, sample in enumerate(samples):
            for c, value in enumerate(sample[:width]):
                self.parameters.setItem(r, c, QTableWidgetItem(str(value)))
        self.parameters.resizeColumnsToContents()



def _header(detail: PatternDetail) -> str:
    row = detail.row
    esc = html.escape
    ticket = ""
    if row.ticket_key:
        link = (f'<a href="{esc(row.ticket_url)}">{esc(row.ticket_key)}</a>'
                if row.ticket_url else esc(row.ticket_key))
        ticket = f" · ticket {link} ({esc(row.ticket_status or NOT_SYNCED)})"
    corrected = " · corrected by a user" if detail.corrections else ""
    status = theme.status_text(row.status, row.muted_until)
    status_html = (theme.badge(status.upper(), theme.STATUS_COLORS["regression"])
                   if row.status == "regression" else f"status {esc(status)}")
    return (f"{theme.severity_badge(row.severity)} <b>{esc(row.error_type)}</b> · "
            f"confidence {row.confidence:.0%}{corrected}<br>"
            f"<span style='font-size:11pt'>{template_html(row.template, detail)}</span><br>"
            f"<small>{plural(row.count, 'occurrence')} · first "
            f"{theme.short_time(detail.first_seen)} · last {theme.short_time(row.last_seen)}"
            f" · {status_html}{ticket} · fingerprint <code>{esc(row.fingerprint)}</code>"
            "</small>")


#: At most this many hosts are named in the detail's spread line (the rest are counted).
SPREAD_HOSTS = 6


def team_line(detail: PatternDetail) -> str:
    """Team store: who did the last triage action and when, and the spread across hosts
    (empty in single-user mode)."""
    esc = html.escape
    parts: list[str] = []
    if detail.last_triage is not None:
        status, who, when = detail.last_triage
        done = "Reopened" if status == "new" else theme.status_text(status, None)
        parts.append(f"{esc(done)} by <b>{esc(who)}</b> at "
                     f"{esc(theme.short_time(when))} UTC")
    if detail.per_host:
        named = ", ".join(f"{esc(host)} ({count:,})"
                          for host, count, _last in detail.per_host[:SPREAD_HOSTS])
        rest = len(detail.per_host) - SPREAD_HOSTS
        more = f" and {plural(rest, 'other host')}" if rest > 0 else ""
        parts.append(f"seen on {plural(len(detail.per_host), 'host')}: {named}{more}")
    return f"<small>{' · '.join(parts)}</small>" if parts else ""


def template_html(template: str, detail: PatternDetail) -> str:
    """The template with each ``<*>`` shown as a highlighted parameter: the first stored
    sample's values when they are one per ``<*>`` (samples may also hold values taken from
    a record's fields, which have no place in the template: then the bare marker)."""
    parts = template.split("<*>")
    sample = detail.parameter_samples[0] if detail.parameter_samples else []
    if len(sample) != len(parts) - 1:
        sample = []
    out = [html.escape(parts[0])]
    for i, rest in enumerate(parts[1:]):
        value = html.escape(str(sample[i])) if i < len(sample) else "&lt;*&gt;"
        out.append(f"<span style='background:{theme.PARAM_BACKGROUND}; color:"
                   f"{theme.PARAM_COLOR}'>&nbsp;{value}&nbsp;</span>{html.escape(rest)}")
    return "".join(out)


def _steps(steps: list[str]) -> str:
    if not steps:
        return "<i>No steps.</i>"
    items = "".join(f"<li>{html.escape(str(s))}</li>" for s in steps)
    return f"<ol style='margin-left:-20px'>{items}</ol>"
