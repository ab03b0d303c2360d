"""Automation policy: the values ``stacklens jira automation`` edits."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.jira.policy import AutomationConfig, RegressionMode, SeverityRule
from stacklens_desktop.settings.jira_section import SEVERITIES

REGRESSIONS = ((RegressionMode.REOPEN, "Reopen the done ticket"),
               (RegressionMode.NEW_LINKED, "File a new ticket linked to it"))


def _spin(low: int, high: int, suffix: str = "", special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(170)
    if special:
        spin.setSpecialValueText(special)
    return spin


class PolicyPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = AutomationConfig()
        self.enabled = QCheckBox("File and update Jira tickets automatically")
        self.files = {s: QCheckBox("File") for s in SEVERITIES}
        #: 0 % reads "any confidence" (no threshold)
        self.above = {s: _spin(0, 99, " %", "any confidence") for s in SEVERITIES}
        for severity in SEVERITIES:
            self.files[severity].toggled.connect(self.above[severity].setEnabled)
        self.min_occurrences = _spin(1, 100_000, " occurrences")
        self.min_occurrences.valueChanged.connect(lambda n: self.min_occurrences.setSuffix(
            " occurrence" if n == 1 else " occurrences"))
        self.within = _spin(1, 7 * 24 * 60, " min")
        self.throttle = _spin(0, 24 * 60, " min", "no limit")
        self.regression = QComboBox()
        for mode, label in REGRESSIONS:
            self.regression.addItem(label, mode.value)
        self.resolve_on_done = QCheckBox("Mark the pattern resolved when its ticket is done")
        self._lay_out()

    def _lay_out(self) -> None:
        thresholds = QGroupBox("Which severities are filed")
        grid = QGridLayout(thresholds)
        grid.addWidget(QLabel("Severity"), 0, 0)
        grid.addWidget(QLabel("Filed"), 0, 1)
        grid.addWidget(QLabel("Confidence above"), 0, 2)
        for row, severity in enumerate(SEVERITIES, start=1):
            grid.addWidget(QLabel(severity.capitalize()), row, 0)
            grid.addWidget(self.files[severity], row, 1)
            grid.addWidget(self.above[severity], row, 2)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(24)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("At least:", self.min_occurrences)
        form.addRow("Within:", self.within)
        form.addRow("One comment per ticket every:", self.throttle)
        form.addRow("A done ticket seen again:", self.regression)
        form.addRow("", self.resolve_on_done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(thresholds)
        layout.addLayout(form)
        layout.addStretch(1)

    def load(self, config: AutomationConfig) -> None:
        self._loaded = config
        self.enabled.setChecked(config.enabled)
        for severity in SEVERITIES:
            rule = config.rules.get(severity, SeverityRule(False))
            self.files[severity].setChecked(rule.file)
            self.above[severity].setValue(round((rule.confidence_above or 0) * 100))
            self.above[severity].setEnabled(rule.file)
        self.min_occurrences.setValue(config.min_occurrences)
        self.within.setValue(max(1, round(config.window.total_seconds() / 60)))
        self.throttle.setValue(round(config.comment_throttle.total_seconds() / 60))
        self.regression.setCurrentIndex(max(0, self.regression.findData(
            config.regression_mode.value)))
        self.resolve_on_done.setChecked(config.resolve_pattern_on_done)

    def value(self) -> AutomationConfig:
        rules = {s: SeverityRule(self.files[s].isChecked(),
                                 self.above[s].value() / 100 if self.above[s].value() else None)
                 for s in SEVERITIES}
        return AutomationConfig(
            enabled=self.enabled.isChecked(), rules=rules,
            min_occurrences=self.min_occurrences.value(),
            window=timedelta(minutes=self.within.value()),
            comment_throttle=timedelta(minutes=self.throttle.value()),
            regression_mode=RegressionMode(self.regression.currentData()),
            resolve_pattern_on_done=self.resolve_on_done.isChecked())
