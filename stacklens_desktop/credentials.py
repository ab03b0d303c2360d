"""Where the Jira API token / PAT lives: the OS keyring, or this session's memory.

The token is never written to the database, settings files or logs. Lookup order:
``JIRA_API_TOKEN`` (headless runs) -> OS keyring (service ``StackLens Jira``, user
``<site>|<user>``) -> a session-only token kept in memory when no keyring backend exists
(headless Linux without a Secret Service).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger("stacklens.credentials")

SERVICE_NAME = "StackLens Jira"
ENV_TOKEN = "JIRA_API_TOKEN"

NO_KEYRING_MESSAGE = (
    "No usable system keyring was found (on Linux this needs a Secret Service such as "
    "GNOME Keyring or KWallet). The Jira token will be kept for this session only and asked "
    "again next time; set JIRA_API_TOKEN for unattended runs."
)


class TokenSource(StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    SESSION = "session"
    NONE = "none"


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    message: str = ""


def account_name(site: str, user: str) -> str:
    """The keyring user name: ``<site>|<user>`` (site without trailing slash)."""
    return f"{site.strip().rstrip('/')}|{user.strip()}"


def keyring_status() -> KeyringStatus:
    """Whether a real keyring backend is active (not the ``fail``/``null`` ones)."""
    import keyring  # here, not at the top: every CLI command imports this module (start-up)

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring config must not crash the app
        return KeyringStatus(False, type(exc).__name__, NO_KEYRING_MESSAGE)
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    priority = getattr(backend, "priority", 1)
    if name.startswith(("keyring.backends.fail", "keyring.backends.null")) or priority <= 0:
        return KeyringStatus(False, name, NO_KEYRING_MESSAGE)
    return KeyringStatus(True, name)


class TokenStore:
    """Read/write the token; falls back to memory when the keyring is unusable."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if env is None else env
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()
        self.last_message = ""

    def __repr__(self) -> str:
        return f"TokenStore(session_tokens={len(self._session)})"

    def get(self, site: str, user: str) -> tuple[str | None, TokenSource]:
        import keyring.errors

        env_token = self._env.get(ENV_TOKEN)
        if env_token:
            return env_token, TokenSource.ENVIRONMENT
        name = account_name(site, user)
        try:
            token = keyring.get_password(SERVICE_NAME, name)
        except keyring.errors.KeyringError as exc:
            self._note_unusable(exc)
            token = None
        if token:
            return token, TokenSource.KEYRING
        with self._lock:
            token = self._session.get(name)
        return (token, TokenSource.SESSION) if token else (None, TokenSource.NONE)

    def set(self, site: str, user: str, token: str) -> TokenSource:
        """Store in the keyring; on failure keep it in memory and explain in ``last_message``."""
        import keyring.errors

        name = account_name(site, user)
        if keyring_status().usable:
            try:
                keyring.set_password(SERVICE_NAME, name, token)
                self.last_message = ""
                return TokenSource.KEYRING
            except keyring.errors.KeyringError as exc:
                self._note_unusable(exc)
        else:
            self.last_message = NO_KEYRING_MESSAGE
        with self._lock:
            self._session[name] = token
        return TokenSource.SESSION

    def delete(self, site: str, user: str) -> None:
        import keyring.errors

        name = account_name(site, user)
        with self._lock:
            self._session.pop(name, None)
        try:
            keyring.delete_password(SERVICE_NAME, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            self._note_unusable(exc)

    def _note_unusable(self, exc: Exception) -> None:
        self.last_message = NO_KEYRING_MESSAGE
        log.warning("keyring unavailable (%s); using a session-only token", type(exc).__name__)
