"""The team store's password: the OS keyring (service ``StackLens Team``) like the Jira
token, or ``STACKLENS_TEAM_PASSWORD`` for a headless agent (a systemd credential). Never in
the address, a settings file or a log line."""

from __future__ import annotations

import os
from collections.abc import Mapping

from sqlalchemy.engine import URL

SERVICE_NAME = "StackLens Team"
ENV_PASSWORD = "STACKLENS_TEAM_PASSWORD"


def account_name(url: URL) -> str:
    """``user@host:port/database``: one password per login and server."""
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def get_password(url: URL, env: Mapping[str, str] | None = None) -> str | None:
    import keyring
    import keyring.errors

    given = (os.environ if env is None else env).get(ENV_PASSWORD)
    if given:
        return given
    try:
        return keyring.get_password(SERVICE_NAME, account_name(url))
    except keyring.errors.KeyringError:
        return None


def set_password(url: URL, password: str) -> None:
    """Keep the password in the OS keyring (raises keyring's error when there is none)."""
    import keyring

    keyring.set_password(SERVICE_NAME, account_name(url), password)


def forget_password(url: URL) -> bool:
    """Remove the login's password from the keyring (False: none was there, or no keyring)."""
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(SERVICE_NAME, account_name(url))
    except keyring.errors.KeyringError:  # PasswordDeleteError: there was none
        return False
    return True
