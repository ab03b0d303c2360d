"""Settings (Ctrl+,): Jira, automation policy, watched sources, scrubbing, the profile folder
and the colours. Validation is the settings schema's own (sentences under the pages); saving
goes to the window's store worker (never the GUI thread); the token goes to the OS keyring
only (or this session's memory when there is no keyring), never to disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.connection_check import ConnectionCheck
from stacklens_desktop.settings.app_settings import AppSettings
from stacklens_desktop.settings.edit import SettingsEdit
from stacklens_desktop.ui.connection_tester import ConnectionTester
from stacklens_desktop.ui.settings_pages.general_page import GeneralPage
from stacklens_desktop.ui.settings_pages.jira_page import JiraPage
from stacklens_desktop.ui.settings_pages.policy_page import PolicyPage
from stacklens_desktop.ui.settings_pages.scrub_page import ScrubPage
from stacklens_desktop.ui.settings_pages.sources_page import SourcesPage
from stacklens_desktop.ui.settings_pages.team_page import TeamPage
from stacklens_desktop.ui.settings_pages.tint import tint

#: (title, what it is about, attribute holding the page)
PAGES = (
    ("Jira", "The site tickets are filed on. The token goes to the system keyring only.",
     "jira"),
    ("Automation", "When a pattern becomes a ticket, and how the ticket is kept up to date "
                   "(the same policy as 'stacklens jira automation').", "policy"),
    ("Watched sources", "Files and patterns followed live.", "sources"),
    ("Scrubbing", "Secrets removed from every record before it is stored or sent "
                  "(the same rules as 'stacklens scrub').", "scrub"),
    ("Team", "Share one PostgreSQL team store with the agents on the POS servers and "
             "the other desktops. The password goes to the system keyring only.", "team"),
    ("Data & appearance", "Where this profile lives, and the colours.", "general"),
)
JIRA_STARTS = "Jira automation starts as soon as a valid connection is saved."
JIRA_RUNNING = ("Jira automation is running: a saved change of the connection restarts it "
                "on the new settings; the policy applies from the next batch.")


class SettingsDialog(QDialog):
    #: (theme) chosen and applied at once.
    theme_chosen = Signal(str)
    #: (on) the tray switched on the General page, applied at once.
    tray_chosen = Signal(bool)
    #: SettingsEdit: valid settings to save (the window hands them to its store worker).
    save_requested = Signal(object)

    def __init__(self, settings: AppSettings, tokens: TokenStore, *, theme: str,
                 data_dir: Path, sources: list[str], jira_running: Callable[[], bool],
                 tray: bool = True, parent: QWidget | None = None) -> None:
        """``jira_running()``: whether the session's Jira automation runs now."""
        super().__init__(parent)
        self._jira_running = jira_running
        self.setWindowTitle("Settings")
        self._settings = settings
        self.tokens = tokens
        self.jira = JiraPage(tokens)
        self.policy = PolicyPage()
        self.sources = SourcesPage()
        self.scrub = ScrubPage()
        self.general = GeneralPage(theme, data_dir, tray)
        self.team = TeamPage(data_dir)
        self.general.theme_chosen.connect(self.theme_chosen)
        self.general.tray_chosen.connect(self.tray_chosen)
        self.tester = ConnectionTester(tokens, self)
        self.tester.finished.connect(self._tested)
        self.jira.test_requested.connect(self.test_connection)
        self.jira_note = QLabel()
        tint(self.jira_note, "hint")
        self.jira_note.setWordWrap(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self._build()
        self.load(settings, sources)
        self.refresh_jira_note()

    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.index = QListWidget()
        self.index.setFixedWidth(150)
        for title, about, page in PAGES:
            item = QListWidgetItem(title)
            item.setSizeHint(QSize(0, 30))
            self.index.addItem(item)
            self.pages.addWidget(self._titled(title, about, getattr(self, page)))
        self.index.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.index.setCurrentRow(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.index)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(820, 600)

    def _titled(self, title: str, about: str, page: QWidget) -> QWidget:
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        subtitle = tint(QLabel(about), "hint")
        subtitle.setWordWrap(True)
        inner = page.layout()
        if inner is not None:  # aligned with the heading
            inner.setContentsMargins(0, 8, 0, 0)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(12, 4, 4, 4)
        column.addWidget(heading)
        column.addWidget(subtitle)
        column.addWidget(page, 1)
        if page is self.jira:
            column.addWidget(self.jira_note)
        return box

    def load(self, settings: AppSettings, sources: list[str]) -> None:
        self._settings = settings
        self.jira.load(settings.jira.to_runtime())
        self.policy.load(settings.policy)
        self.scrub.load(settings.scrub_rules)
        self.sources.load(sources)

    def show_page(self, title: str) -> None:
        rows = [self.index.item(i).text() for i in range(self.index.count())]
        self.index.setCurrentRow(rows.index(title))

    # -- test connection -----------------------------------------------------------------
    def test_connection(self) -> None:
        if self.tester.start(self.jira.value(), self.jira.token.typed or None):
            self.jira.testing()

    def _tested(self, check: ConnectionCheck) -> None:
        self.jira.show_check(check)

    # -- save ----------------------------------------------------------------------------
    def edit(self) -> SettingsEdit:
        """What the pages hold; the connection only when it (or the token) was touched."""
        jira = self.jira.value()
        touched = jira != self._settings.jira.to_runtime() or bool(self.jira.token.typed)
        return SettingsEdit(policy=self.policy.value(), scrub=self.scrub.value(),
                            jira=jira if touched else None)

    def save(self) -> None:
        edit = self.edit()
        problems = edit.problems()
        token_problem = self.jira.token.problem()
        if token_problem:
            problems.append(token_problem)
        if problems:
            self._say("problems", "Not saved: " + " ".join(problems))
            return
        if edit.jira is not None:
            self.jira.token.store(edit.jira.site, edit.jira.username)
        self._say("hint", "Saving…")
        self.save_requested.emit(edit)

    def saved(self, settings: AppSettings) -> None:
        """The store worker saved the edit."""
        self._settings = settings
        self.jira.token.show_source(settings.jira.base_url, settings.jira.username)
        self._say("saved", "Saved.")

    def refused(self, problems: list[str]) -> None:
        self._say("problems", "Not saved: " + " ".join(problems))

    def refresh_jira_note(self) -> None:
        self.jira_note.setText(JIRA_RUNNING if self._jira_running() else JIRA_STARTS)

    def _say(self, kind: str, text: str) -> None:
        tint(self.message, kind)
        self.message.setText(text)

    def done(self, result: int) -> None:
        self.tester.wait()  # a test still running ends within its timeouts
        self.team.tester.wait()
        super().done(result)
