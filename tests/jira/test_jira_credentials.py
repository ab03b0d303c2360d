"""Token storage (keyring, env, session fallback) and the Jira settings' env overrides."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail

from stacklens_desktop.credentials import (
    NO_KEYRING_MESSAGE,
    SERVICE_NAME,
    TokenSource,
    TokenStore,
    account_name,
    keyring_status,
)
from stacklens_desktop.jira.config import JiraSettings

SITE = "https://acme.atlassian.net/"
USER = "ops@acme.example"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_token_goes_to_the_keyring_under_the_app_service() -> None:
    store = TokenStore(env={})
    assert store.set(SITE, USER, "tok-123") is TokenSource.KEYRING
    assert keyring.get_password(SERVICE_NAME, "https://acme.atlassian.net|ops@acme.example") == (
        "tok-123"
    )
    assert store.get(SITE, USER) == ("tok-123", TokenSource.KEYRING)
    assert "tok-123" not in repr(store)
    store.delete(SITE, USER)
    assert store.get(SITE, USER) == (None, TokenSource.NONE)
    store.delete(SITE, USER)  # deleting twice is fine


def test_environment_token_wins_for_headless_runs() -> None:
    store = TokenStore(env={"JIRA_API_TOKEN": "from-env"})
    store.set(SITE, USER, "stored")
    assert store.get(SITE, USER) == ("from-env", TokenSource.ENVIRONMENT)
    TokenStore(env={}).delete(SITE, USER)


def test_without_keyring_backend_the_token_is_session_only(no_keyring: None) -> None:
    status = keyring_status()
    assert not status.usable and status.message == NO_KEYRING_MESSAGE
    store = TokenStore(env={})
    assert store.set(SITE, USER, "session-tok") is TokenSource.SESSION
    assert "session" in store.last_message and "JIRA_API_TOKEN" in store.last_message
    assert store.get(SITE, USER) == ("session-tok", TokenSource.SESSION)
    assert TokenStore(env={}).get(SITE, USER) == (None, TokenSource.NONE)  # not persisted
    store.delete(SITE, USER)
    assert store.get(SITE, USER) == (None, TokenSource.NONE)


def test_account_name() -> None:
    assert account_name(" https://x.example/ ", " me ") == "https://x.example|me"


def test_settings_env_overrides() -> None:
    base = JiraSettings(base_url="https://old.example", username="old", project_key="OLD")
    env = {
        "JIRA_BASE_URL": "https://acme.atlassian.net",
        "JIRA_USERNAME": USER,
        "JIRA_PROJECT_KEY": "pos",
        "JIRA_DEFAULT_ASSIGNEE": "5b10ac8d",
        "JIRA_API_TOKEN": "t",
    }
    merged = base.with_env(env)
    assert (merged.base_url, merged.username, merged.project_key, merged.default_assignee) == (
        "https://acme.atlassian.net",
        USER,
        "POS",
        "5b10ac8d",
    )
    assert "t" not in [str(v) for v in vars(merged).values()]  # the token is no setting
    assert base.with_env({"JIRA_USERNAME": ""}).username == "old"
    options = merged.ticket_options()
    assert options.project_key == "POS" and options.assignee == "5b10ac8d"
    assert merged.configured and merged.problems() == []
    assert JiraSettings(base_url="ftp://x").problems()[0].startswith("Jira URL must start")
