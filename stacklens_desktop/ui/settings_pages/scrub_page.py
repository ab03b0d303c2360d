"""Scrubbing: the user's extra secrets (the rules of ``stacklens scrub``)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.ui.settings_pages.tint import tint

ALWAYS = ("Always scrubbed, whatever is set here: card numbers, security codes, PINs, track "
          "data, and the built-in keys and shapes (passwords, tokens, API keys, cookies …).")


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class ScrubPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = ScrubRules()
        self.keys = QPlainTextEdit()
        self.keys.setPlaceholderText("one field name per line, e.g. loyalty_number")
        self.patterns = QPlainTextEdit()
        self.patterns.setPlaceholderText("one regular expression per line, e.g. LOY-\\d{6}")
        self.emails = QCheckBox("Scrub e-mail addresses")
        for edit in (self.keys, self.patterns):
            edit.setFixedHeight(110)
        always = QLabel(ALWAYS)
        tint(always, "hint")
        always.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Extra keys:", self.keys)
        form.addRow("Extra patterns:", self.patterns)
        form.addRow("", self.emails)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(always)
        layout.addStretch(1)

    def load(self, rules: ScrubRules) -> None:
        self._loaded = rules
        self.keys.setPlainText("\n".join(rules.extra_keys))
        self.patterns.setPlainText("\n".join(rules.extra_patterns))
        self.emails.setChecked(rules.emails)

    def value(self) -> ScrubRules:
        return ScrubRules(extra_keys=_lines(self.keys), extra_patterns=_lines(self.patterns),
                          emails=self.emails.isChecked(), hash_salt=self._loaded.hash_salt)
