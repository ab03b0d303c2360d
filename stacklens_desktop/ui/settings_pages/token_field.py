"""The API token / PAT field: typed once, sent to the OS keyring, never shown or saved to
disk; beside it, where the token in use comes from (keyring, environment, this session)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from stacklens_desktop.credentials import (
    ENV_TOKEN,
    NO_KEYRING_MESSAGE,
    TokenSource,
    TokenStore,
    keyring_status,
)
from stacklens_desktop.ui.settings_pages.tint import tint

SOURCE_TEXT = {
    TokenSource.KEYRING: "A token is stored in the system keyring.",
    TokenSource.ENVIRONMENT: f"The token comes from {ENV_TOKEN} (environment); it wins over "
                             "the keyring.",
    TokenSource.SESSION: "A token is kept for this session only (no system keyring).",
    TokenSource.NONE: "No token stored yet.",
}


class TokenField(QWidget):
    def __init__(self, tokens: TokenStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens = tokens
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText("paste a new token to replace the stored one")
        self.status = QLabel()
        tint(self.status, "hint")
        self.status.setWordWrap(True)
        keyring = keyring_status()
        self.keyring_usable = keyring.usable
        self.no_keyring = QLabel(NO_KEYRING_MESSAGE)
        tint(self.no_keyring, "warning")
        self.no_keyring.setWordWrap(True)
        self.session_only = QCheckBox("Keep the token for this session only")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.no_keyring)
        layout.addWidget(self.session_only)
        self.no_keyring.setVisible(not keyring.usable)
        self.session_only.setVisible(not keyring.usable)

    def show_source(self, site: str, user: str) -> None:
        _token, source = self.tokens.get(site, user) if site else (None, TokenSource.NONE)
        self.status.setText(SOURCE_TEXT[source])

    @property
    def typed(self) -> str:
        return self.edit.text().strip()

    def problem(self) -> str | None:
        """Why the typed token cannot be kept, or None."""
        if self.typed and not self.keyring_usable and not self.session_only.isChecked():
            return ("No system keyring: tick \"Keep the token for this session only\" to use "
                    "it until StackLens closes (it is never written to disk).")
        return None

    def store(self, site: str, user: str) -> TokenSource | None:
        """Keep the typed token (keyring, else this session's memory); clear the field."""
        if not self.typed:
            return None
        source = self.tokens.set(site, user, self.typed)
        self.edit.clear()
        self.show_source(site, user)
        return source
