"""The last raw events of a pattern: stack traces folded to their first line until the user
expands them, lines wrapped or scrolled sideways (nothing is cut off either way)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.rows import EventSample
from stacklens_desktop.wording import plural


def fold(raw: str) -> str:
    """A multi-line record as its first line and how many lines are hidden."""
    first, _, rest = raw.partition("\n")
    hidden = rest.count("\n") + 1 if rest else 0
    return f"{first}  ▸ {plural(hidden, 'more line')}" if hidden else first


class RawEvents(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.samples: list[EventSample] = []
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(theme.monospace_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlaceholderText("Select a pattern to see its last events.")
        self.expand = QCheckBox("Expand stack traces")
        self.expand.setToolTip("Show every line of multi-line records (folded: the first)")
        self.expand.toggled.connect(lambda _on: self._fill())
        self.wrap = QCheckBox("Wrap lines")
        self.wrap.toggled.connect(self._wrap)
        options = QHBoxLayout()
        options.addWidget(self.expand)
        options.addWidget(self.wrap)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(options)
        layout.addWidget(self.text, 1)

    def show_samples(self, samples: list[EventSample]) -> None:
        self.samples = list(samples)
        self.expand.setEnabled(any("\n" in s.raw for s in samples))
        self._fill()

    def _fill(self) -> None:
        expanded = self.expand.isChecked()
        self.text.setPlainText("\n".join(s.raw if expanded else fold(s.raw)
                                         for s in self.samples))

    def _wrap(self, on: bool) -> None:
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if on
                                  else QPlainTextEdit.LineWrapMode.NoWrap)
