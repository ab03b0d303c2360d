"""The settings schema: a profile written before it existed is read as it was saved, then
rewritten in the current version; bad values keep their defaults when read, and are refused
with sentences when saved; listeners hear each saved section."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig, RegressionMode, SeverityRule
from stacklens_desktop.profile import Profile
from stacklens_desktop.settings.access import load_policy, save_policy
from stacklens_desktop.settings.app_settings import AppSettings
from stacklens_desktop.settings.problems import SettingsError
from stacklens_desktop.settings.versions import SETTINGS_VERSION
from stacklens_desktop.store import open_store

#: What a profile of the previous release holds (no version field, sources as a bare list).
OLD_ROWS = {
    "jira.connection": {"base_url": "https://acme.atlassian.net", "username": "ops@acme.example",
                        "project_key": "POS", "issue_type": "Incident", "deployment": "cloud",
                        "default_assignee": "", "components": ["Checkout"],
                        "priority_map": {"critical": "Blocker", "high": "Major",
                                         "medium": "Minor", "low": "Trivial"},
                        "custom_fields": {"Store": "{host}"}, "redact_emails": False,
                        "connect_timeout": 3.0, "read_timeout": 12.5},
    "jira.automation": {"enabled": False,
                        "rules": {"critical": {"file": True, "confidence_above": None},
                                  "high": {"file": True, "confidence_above": 0.6},
                                  "medium": {"file": False, "confidence_above": 0.9},
                                  "low": {"file": False, "confidence_above": None}},
                        "min_occurrences": 3, "window_minutes": 30.0,
                        "comment_throttle_minutes": 5.0, "regression_mode": "new_linked",
                        "resolve_pattern_on_done": False},
    "scrub.rules": {"extra_keys": ["loyalty_number"], "extra_patterns": ["LOY-\\d{6}"],
                    "emails": False},
    "ui.sources": ["/srv/pos/app.log", "/var/log/shop/*.log"],
}


def _old_profile(data_dir: Path) -> None:
    open_store(data_dir).close()  # the tables, as any release creates them
    conn = sqlite3.connect(data_dir / "stacklens.db")
    with conn:
        conn.executemany("INSERT INTO setting (key, value) VALUES (?, ?)",
                         [(k, json.dumps(v)) for k, v in OLD_ROWS.items()])
    conn.close()


def _rows(data_dir: Path) -> dict[str, object]:
    conn = sqlite3.connect(data_dir / "stacklens.db")
    try:
        return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM setting")}
    finally:
        conn.close()


def test_an_old_profile_is_read_as_saved_and_rewritten_in_the_current_version(
        tmp_path: Path) -> None:
    data = tmp_path / "profile"
    _old_profile(data)
    profile = Profile.open(data)
    try:
        settings = profile.settings
        jira = settings.jira.to_runtime()
        assert (jira.base_url, jira.project_key, jira.issue_type) == (
            "https://acme.atlassian.net", "POS", "Incident")
        assert jira.priority_map["critical"] == "Blocker" and not jira.redact_emails
        assert jira.components == ("Checkout",) and jira.read_timeout == 12.5
        policy = settings.policy
        assert not policy.enabled and policy.min_occurrences == 3
        assert policy.rules["high"] == SeverityRule(True, 0.6)
        assert policy.window == timedelta(minutes=30)
        assert policy.comment_throttle == timedelta(minutes=5)
        assert policy.regression_mode is RegressionMode.NEW_LINKED
        assert settings.scrub_rules.extra_patterns == ("LOY-\\d{6}",)
        assert not settings.scrub_rules.emails
        assert settings.sources.paths == ("/srv/pos/app.log", "/var/log/shop/*.log")
    finally:
        profile.close()
    rows = _rows(data)
    assert all(row["version"] == SETTINGS_VERSION for row in rows.values())  # type: ignore[index]
    assert rows["ui.sources"] == {"version": SETTINGS_VERSION,
                                  "paths": ["/srv/pos/app.log", "/var/log/shop/*.log"]}


def test_the_cli_reads_an_old_profile(tmp_path: Path) -> None:
    data = tmp_path / "profile"
    _old_profile(data)
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", "jira", "automation",
                           "--data-dir", str(data)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Jira automation: off" in done.stdout
    assert "high:      filed above 60% confidence" in done.stdout
    assert "at least 3 occurrences within 30 min" in done.stdout
    assert "regression (done ticket seen again): new_linked" in done.stdout


def test_a_bad_saved_value_keeps_its_default_and_the_rest(tmp_path: Path) -> None:
    data = tmp_path / "profile"
    open_store(data).close()
    conn = sqlite3.connect(data / "stacklens.db")
    with conn:
        conn.execute("INSERT INTO setting (key, value) VALUES (?, ?)", ("jira.automation",
                     json.dumps({"version": 2, "min_occurrences": 0, "window_minutes": 10,
                                 "regression_mode": "explode", "enabled": "yes"})))
    conn.close()
    store = open_store(data)
    try:
        policy = load_policy(store.engine)
    finally:
        store.close()
    assert policy.window == timedelta(minutes=10)
    assert (policy.min_occurrences, policy.regression_mode, policy.enabled) == (
        1, RegressionMode.REOPEN, True)


@pytest.mark.parametrize(("change", "sentence"), [
    ({"min_occurrences": 0}, "Minimum occurrences must be at least 1 (got 0)."),
    ({"window": timedelta(0)}, "The occurrence window must be longer than 0 minutes (got 0)."),
    ({"comment_throttle": timedelta(minutes=-1)},
     "The comment throttle must not be negative (got -1)."),
    ({"rules": {"high": SeverityRule(True, 1.5)}},
     "A confidence threshold must be from 0 up to (not including) 1 (got 1.5)."),
    ({"rules": {"urgent": SeverityRule(True)}},
     "Unknown severities in the policy: urgent (use critical, high, medium, low)."),
])
def test_a_bad_policy_is_refused_with_a_sentence(tmp_path: Path, change: dict[str, object],
                                                 sentence: str) -> None:
    import dataclasses

    store = open_store(tmp_path / "profile")
    try:
        with pytest.raises(SettingsError) as refused:
            save_policy(store.engine, dataclasses.replace(AutomationConfig(), **change))
        assert refused.value.problems == [sentence]
        assert load_policy(store.engine) == AutomationConfig()  # nothing saved
    finally:
        store.close()


def test_listeners_hear_each_saved_section(tmp_path: Path) -> None:
    profile = Profile.open(tmp_path / "profile")
    heard: list[tuple[str, AppSettings]] = []
    stop = profile.subscribe(lambda key, settings: heard.append((key, settings)))
    try:
        profile.save_policy(AutomationConfig(min_occurrences=4))
        profile.save_jira(JiraSettings(base_url="https://acme.atlassian.net",
                                       username="ops@acme.example", project_key="pos"))
        with pytest.raises(SettingsError):
            profile.save_jira(JiraSettings(base_url="http://jira.acme.example",
                                           username="u", project_key="POS"))
        stop()
        profile.save_sources(["/tmp/a.log"])
    finally:
        profile.close()
    assert [key for key, _ in heard] == ["jira.automation", "jira.connection"]
    assert heard[0][1].automation.min_occurrences == 4
    assert heard[1][1].jira.project_key == "POS"  # normalised on the way in
    assert (profile.database, profile.logs.parent) == (
        tmp_path / "profile" / "stacklens.db", tmp_path / "profile")
