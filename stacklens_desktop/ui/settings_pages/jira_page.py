"""Jira: the site, the account and its token, where tickets go and how they look."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.connection_check import ConnectionCheck, SiteFacts
from stacklens_desktop.settings.jira_section import SEVERITIES
from stacklens_desktop.ui.settings_pages.tint import tint
from stacklens_desktop.ui.settings_pages.token_field import TokenField

DEPLOYMENTS = (("auto", "Detect (serverInfo)"), ("cloud", "Jira Cloud"),
               ("datacenter", "Jira Data Center / Server"))


def _combo(editable: bool = True) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.setMinimumContentsLength(18)
    return box


def _set_items(box: QComboBox, items: list[tuple[str, str]], current: str) -> None:
    """(value, label) items; ``current`` stays selected (added when the site lacks it)."""
    box.clear()
    for value, label in items:
        box.addItem(label, value)
    index = box.findData(current)
    if index < 0 and current:
        box.addItem(current, current)
        index = box.count() - 1
    box.setCurrentIndex(index)


def _value(box: QComboBox) -> str:
    """The chosen item's value, or the typed text."""
    index = box.currentIndex()
    if index >= 0 and box.itemText(index) == box.currentText():
        return str(box.itemData(index) or box.currentText()).strip()
    return box.currentText().strip()


class JiraPage(QWidget):
    #: Test connection was clicked.
    test_requested = Signal()

    def __init__(self, tokens: TokenStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = JiraSettings()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://your-site.atlassian.net")
        self.deployment = _combo(editable=False)
        for value, label in DEPLOYMENTS:
            self.deployment.addItem(label, value)
        self.detected = QLabel("")
        tint(self.detected, "hint")
        self.user = QLineEdit()
        self.user.setPlaceholderText("account e-mail (Cloud) or user name (Data Center)")
        self.token = TokenField(tokens)
        self.project = _combo()
        self.issue_type = _combo()
        self.priorities = {severity: _combo() for severity in SEVERITIES}
        self.labels = QLineEdit()
        self.labels.setPlaceholderText("comma-separated, e.g. pos, checkout")
        self.fields = QPlainTextEdit()
        self.fields.setPlaceholderText("one per line: field name or id = template, e.g.\n"
                                       "customfield_10050 = {host}")
        self.fields.setFixedHeight(64)
        self.fields_hint = QLabel("")
        tint(self.fields_hint, "hint")
        self.fields_hint.setWordWrap(True)
        self.test = QPushButton("Test connection")
        self.test.clicked.connect(self.test_requested)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        deployment = QHBoxLayout()
        deployment.addWidget(self.deployment)
        deployment.addWidget(self.detected, 1)
        form.addRow("Site URL:", self.url)
        form.addRow("Deployment:", deployment)
        form.addRow("E-mail or user:", self.user)
        form.addRow("API token / PAT:", self.token)
        form.addRow("Project:", self.project)
        form.addRow("Issue type:", self.issue_type)
        grid = QGridLayout()
        for column, severity in enumerate(SEVERITIES):
            grid.addWidget(QLabel(severity.capitalize()), 0, column)
            grid.addWidget(self.priorities[severity], 1, column)
        form.addRow("Priorities:", grid)
        form.addRow("Labels:", self.labels)
        fields = QVBoxLayout()
        fields.setSpacing(2)
        fields.addWidget(self.fields)
        fields.addWidget(self.fields_hint)
        form.addRow("Field mapping:", fields)
        test = QHBoxLayout()
        test.addWidget(self.test)
        test.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test)
        layout.addStretch(1)

    # -- in and out ----------------------------------------------------------------------
    def load(self, settings: JiraSettings) -> None:
        self._loaded = settings
        self.url.setText(settings.base_url)
        self.deployment.setCurrentIndex(max(0, self.deployment.findData(settings.deployment)))
        self.user.setText(settings.username)
        _set_items(self.project, [], settings.project_key)
        _set_items(self.issue_type, [], settings.issue_type)
        for severity, box in self.priorities.items():
            _set_items(box, [], settings.priority_map.get(severity, ""))
        self.labels.setText(", ".join(settings.labels))
        self.fields.setPlainText("\n".join(f"{k} = {v}" for k, v in
                                           settings.custom_fields.items()))
        self.token.show_source(settings.site, settings.username)

    def value(self) -> JiraSettings:
        """The settings as typed (validated by the dialog before saving)."""
        return dataclasses.replace(
            self._loaded,
            base_url=self.url.text().strip().rstrip("/"),
            deployment=str(self.deployment.currentData()),
            username=self.user.text().strip(),
            project_key=_value(self.project).upper(),
            issue_type=_value(self.issue_type),
            priority_map={s: _value(box) for s, box in self.priorities.items()},
            labels=tuple(x.strip() for x in self.labels.text().split(",") if x.strip()),
            custom_fields=self._field_map(),
        )

    def _field_map(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for line in self.fields.toPlainText().splitlines():
            name, _, template = line.partition("=")
            if name.strip():
                out[name.strip()] = template.strip()
        return out

    # -- test connection -----------------------------------------------------------------
    def testing(self) -> None:
        self.test.setEnabled(False)
        tint(self.result, "hint")
        self.result.setText("Testing…")

    def show_check(self, check: ConnectionCheck) -> None:
        self.test.setEnabled(True)
        self.result.setText(("✔ " if check.ok else "✖ ") + check.message)
        tint(self.result, "saved" if check.ok else "problems")
        self.offer(check.facts)

    def offer(self, facts: SiteFacts) -> None:
        """Fill the pickers with what the site has (typed values stay)."""
        current = self.value()
        if facts.deployment:
            flavour = "Cloud" if facts.deployment == "cloud" else "Data Center"
            self.detected.setText(f"detected: {flavour}")
        if facts.projects:
            _set_items(self.project, [(k, f"{k} — {n}") for k, n in facts.projects],
                       current.project_key)
        if facts.issue_types:
            _set_items(self.issue_type, [(t, t) for t in facts.issue_types], current.issue_type)
        if facts.priorities:
            for severity, box in self.priorities.items():
                _set_items(box, [(p, p) for p in facts.priorities],
                           current.priority_map.get(severity, ""))
        if facts.custom_fields:
            self.fields_hint.setText("On the create screen: " + ", ".join(
                f"{name} ({fid})" for fid, name in facts.custom_fields))
