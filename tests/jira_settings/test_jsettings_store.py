"""Jira connection settings in the profile's database: round trip, validation, env overrides."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.settings.access import effective_jira, load_jira, save_jira
from stacklens_desktop.settings.problems import SettingsError
from stacklens_desktop.settings.versions import JIRA_KEY as SETTING_KEY
from stacklens_desktop.store import Store, open_store

FULL = JiraSettings(
    base_url="https://acme.atlassian.net",
    username="ops@acme.example",
    project_key="POS",
    issue_type="Incident",
    deployment="cloud",
    default_assignee="5b10ac8d82e05b22cc7d4ef5",
    components=("Checkout", "Catalog"),
    priority_map={"critical": "Blocker", "high": "Major", "medium": "Minor", "low": "Trivial"},
    custom_fields={"Store": "{host}", "customfield_10050": "POS"},
    redact_emails=False,
    connect_timeout=3.0,
    read_timeout=12.5,
)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def _raw(data_dir: Path) -> str | None:
    conn = sqlite3.connect(data_dir / "stacklens.db")
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def test_round_trip_keeps_every_field(store: Store, data_dir: Path) -> None:
    assert save_jira(store.engine, FULL) == FULL
    store.close()
    reopened = open_store(data_dir)  # a new process would see the same
    try:
        loaded = load_jira(reopened.engine)
    finally:
        reopened.close()
    assert loaded == FULL
    assert loaded.components == ("Checkout", "Catalog")
    assert dict(loaded.priority_map) == dict(FULL.priority_map)
    saved = json.loads(_raw(data_dir) or "{}")
    assert saved["project_key"] == "POS" and saved["read_timeout"] == 12.5
    assert not any("token" in key.lower() for key in saved)


def test_nothing_saved_gives_the_defaults(store: Store) -> None:
    assert load_jira(store.engine) == JiraSettings()


def test_save_normalises_url_and_project_key(store: Store) -> None:
    messy = JiraSettings(base_url=" https://acme.atlassian.net/ ", username=" ops@acme.example",
                         project_key="pos ")
    saved = save_jira(store.engine, messy)
    assert (saved.base_url, saved.username, saved.project_key) == (
        "https://acme.atlassian.net", "ops@acme.example", "POS")
    assert load_jira(store.engine) == saved


@pytest.mark.parametrize(("change", "fragment"), [
    ({"base_url": ""}, "Jira URL is not set"),
    ({"base_url": "acme.atlassian.net"}, "must start with https://"),
    ({"username": ""}, "Jira user"),
    ({"project_key": "9POS"}, "project key must be letters"),
    ({"deployment": "server"}, "Deployment must be one of"),
    ({"priority_map": {"urgent": "Highest"}}, "unknown severities: urgent"),
    ({"issue_type": " "}, "Issue type must not be empty"),
    ({"read_timeout": 0.0}, "Timeouts must be positive"),
])
def test_invalid_settings_are_refused_and_the_saved_ones_kept(
        store: Store, change: dict[str, object], fragment: str) -> None:
    save_jira(store.engine, FULL)
    with pytest.raises(SettingsError) as refused:
        save_jira(store.engine, dataclasses.replace(FULL, **change))
    assert any(fragment in problem for problem in refused.value.problems), refused.value.problems
    assert load_jira(store.engine) == FULL


def test_datacenter_needs_no_user(store: Store) -> None:
    dc = JiraSettings(base_url="https://jira.acme.example", project_key="POS",
                      deployment="datacenter")
    assert save_jira(store.engine, dc).username == ""


def test_damaged_or_foreign_values_fall_back_to_defaults(store: Store) -> None:
    def put(value: str) -> None:
        store.write(lambda conn: conn.exec_driver_sql(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (SETTING_KEY, value)))

    put("{not json")
    assert load_jira(store.engine) == JiraSettings()
    put("[1, 2]")
    assert load_jira(store.engine) == JiraSettings()
    put(json.dumps({"base_url": "https://x.example", "project_key": 7, "read_timeout": -1,
                    "redact_emails": "no", "future_option": True}))
    loaded = load_jira(store.engine)
    assert loaded.base_url == "https://x.example"
    assert (loaded.project_key, loaded.read_timeout, loaded.redact_emails) == ("", 30.0, True)


def test_environment_overrides_saved_settings(store: Store) -> None:
    save_jira(store.engine, FULL)
    env = {"JIRA_BASE_URL": "https://other.atlassian.net", "JIRA_USERNAME": "bot@acme.example",
           "JIRA_PROJECT_KEY": "ops", "JIRA_DEFAULT_ASSIGNEE": "", "UNRELATED": "x"}
    effective = effective_jira(store.engine, env)
    assert effective.base_url == "https://other.atlassian.net"
    assert effective.username == "bot@acme.example"
    assert effective.project_key == "OPS"
    assert effective.default_assignee == FULL.default_assignee  # empty variables do not win
    assert effective.issue_type == "Incident" and effective.components == FULL.components
    assert load_jira(store.engine) == FULL  # the override is never saved


def test_watch_wiring_reads_the_profile_then_the_environment(
        store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stacklens_desktop.workers.jira_automation import build_automation, jira_settings

    save_jira(store.engine, FULL)
    assert jira_settings(data_dir) == FULL
    monkeypatch.setenv("JIRA_PROJECT_KEY", "OPS")
    settings = jira_settings(data_dir)
    assert settings.project_key == "OPS" and settings.base_url == FULL.base_url
    automation = build_automation(data_dir, settings)
    assert automation is not None  # saved settings alone switch automation on
    automation.stop()


def test_watch_wiring_stays_off_without_settings(data_dir: Path) -> None:
    from stacklens_desktop.workers.jira_automation import build_automation, jira_settings

    assert build_automation(data_dir, jira_settings(data_dir)) is None
