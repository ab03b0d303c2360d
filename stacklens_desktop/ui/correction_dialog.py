""""Correct severity/type…": the user's labels for a pattern (they win over the model)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from stacklens_desktop.core.classify.labels import ERROR_TYPES, SEVERITIES


class CorrectionDialog(QDialog):
    def __init__(self, template: str, severity: str, error_type: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct severity / type")
        self.severity = QComboBox()
        self.severity.addItems(list(SEVERITIES))
        self.severity.setCurrentText(severity)
        self.error_type = QComboBox()
        self.error_type.addItems(list(ERROR_TYPES))
        self.error_type.setCurrentText(error_type)
        self._initial = (severity, error_type)
        text = QLabel(template)
        text.setWordWrap(True)
        note = QLabel("The correction is kept for this pattern and used the next time the "
                      "model is trained (stacklens train).")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Pattern:", text)
        form.addRow("Severity:", self.severity)
        form.addRow("Type:", self.error_type)
        form.addRow(note)
        form.addRow(buttons)

    def choice(self) -> tuple[str | None, str | None]:
        """(severity, type) with None for a label left as it was."""
        severity, error_type = self.severity.currentText(), self.error_type.currentText()
        return (None if severity == self._initial[0] else severity,
                None if error_type == self._initial[1] else error_type)
