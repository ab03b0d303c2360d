"""Team mode (issue 19): the team store's address and this desktop's password, Test
connection, Save (as ``stacklens team connect``: tested first, the password to the system
keyring, the address to the profile) and Disconnect (back to single-user mode). The actions
run off the GUI thread (:class:`..team_tester.TeamTester`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.team import settings
from stacklens_desktop.ui.settings_pages.tint import tint
from stacklens_desktop.ui.team_connect import TeamAnswer, address_problem
from stacklens_desktop.ui.team_tester import TeamTester

EXAMPLE = "postgresql://ann@db:5432/stacklens?sslmode=verify-full&sslrootcert=/path/ca.crt"
SINGLE_USER = "Single-user mode: this profile keeps its patterns in its own database."
CONNECTED = "Team mode: the window shows the team store at {address}."


class TeamPage(QWidget):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self.tester = TeamTester(data_dir, self)
        self.tester.finished.connect(self._answered)
        self.address = QLineEdit()
        self.address.setPlaceholderText(EXAMPLE)
        self.address.textChanged.connect(self._check_address)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("this desktop login's password (kept in the system "
                                         "keyring; empty: the one kept there)")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test)
        self.save_button = QPushButton("Save connection")
        self.save_button.setToolTip("Test, then keep the password in the system keyring and "
                                    "the address in this profile (stacklens team connect)")
        self.save_button.clicked.connect(self.save)
        self.disconnect_button = QPushButton("Disconnect")
        self.disconnect_button.setToolTip("Back to single-user mode at the next start")
        self.disconnect_button.clicked.connect(self.disconnect_store)
        self._layout()
        self.load()

    def _layout(self) -> None:
        hint = QLabel("The address names the user; the password goes below, never in the "
                      "address.")
        tint(hint, "hint")
        buttons = QHBoxLayout()
        for button in (self.test_button, self.save_button, self.disconnect_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("Address:", self.address)
        form.addRow("", hint)
        form.addRow("Password:", self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def load(self) -> None:
        """The address saved in the profile (team.json), if any."""
        saved = settings.saved_address(self._data_dir)
        self.address.setText(saved or "")
        self.state.setText(CONNECTED.format(address=saved) if saved else SINGLE_USER)
        self.disconnect_button.setEnabled(saved is not None)

    def problem(self) -> str | None:
        return address_problem(self.address.text())

    def _check_address(self) -> None:
        problem = self.problem() if self.address.text().strip() else None
        self._say("problems" if problem else "plain", problem or "")

    def test(self) -> None:
        self._run(lambda: self.tester.test(self.address.text(), self.password.text()))

    def save(self) -> None:
        self._run(lambda: self.tester.save(self.address.text(), self.password.text()))

    def disconnect_store(self) -> None:
        if self.tester.forget():
            self._busy("Disconnecting…")

    def _run(self, start) -> None:  # noqa: ANN001 - a callable returning bool
        problem = self.problem()
        if problem is not None:
            self._say("problems", problem)
            return
        if start():
            self._busy("Connecting…")

    def _busy(self, text: str) -> None:
        self._say("hint", text)
        for button in (self.test_button, self.save_button, self.disconnect_button):
            button.setEnabled(False)

    def _answered(self, kind: str, answer: TeamAnswer) -> None:
        self.test_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if kind == "save" and answer.ok:
            self.password.clear()
        if kind in ("save", "disconnect") and answer.ok:
            self.load()
        else:
            self.disconnect_button.setEnabled(settings.saved_address(self._data_dir) is not None)
        self._say("saved" if answer.ok else "problems", answer.message)

    def _say(self, kind: str, text: str) -> None:
        tint(self.result, kind)
        self.result.setText(text)
