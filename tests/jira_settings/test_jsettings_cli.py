"""``stacklens jira configure`` / ``jira test`` / ``jira automation`` in this process, where
the in-memory keyring of tests/conftest.py stands in for the OS keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from stacklens_desktop.credentials import SERVICE_NAME, account_name
from stacklens_desktop.jira.policy import RegressionMode, SeverityRule
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.settings.access import load_jira, load_policy
from stacklens_desktop.store import open_store
from tests.jira_settings.conftest import TOKEN, WRONG, Cli


def _configure(cli: Cli, sandbox: JiraSandbox, token: str) -> tuple[int, str, str]:
    return cli("jira", "configure", "--url", sandbox.url, "--user", sandbox.user.email,
               "--project", "demo", "--deployment", "cloud", "--token-stdin",
               stdin=token + "\n")


def _saved(data_dir: Path):  # noqa: ANN202
    store = open_store(data_dir)
    try:
        return load_jira(store.engine)
    finally:
        store.close()


def test_configure_saves_settings_and_puts_the_token_in_the_keyring(
        cli: Cli, sandbox: JiraSandbox, data_dir: Path) -> None:
    code, out, err = _configure(cli, sandbox, TOKEN)
    assert code == 0, err
    account = account_name(sandbox.url, sandbox.user.email)
    assert f'account "{account}"' in out and "OS keyring" in out
    assert keyring.get_password(SERVICE_NAME, account) == TOKEN
    saved = _saved(data_dir)
    assert (saved.base_url, saved.username, saved.project_key, saved.deployment) == (
        sandbox.url, sandbox.user.email, "DEMO", "cloud")
    assert TOKEN not in out + err


def test_jira_test_uses_saved_settings_and_the_keyring_token(
        cli: Cli, sandbox: JiraSandbox) -> None:
    assert _configure(cli, sandbox, TOKEN)[0] == 0
    code, out, err = cli("jira", "test")
    assert code == 0, err
    assert out.startswith(
        f"OK: {sandbox.url} (cloud) as StackLens Demo <demo@example.com>; token from keyring")
    assert TOKEN not in out + err


def test_wrong_token_gives_a_401_message_without_the_token(
        cli: Cli, sandbox: JiraSandbox) -> None:
    assert _configure(cli, sandbox, WRONG)[0] == 0
    code, out, err = cli("jira", "test")
    assert code == 1 and out == ""
    assert err.startswith("FAILED (auth): GET /rest/api/3/myself -> HTTP 401")
    assert WRONG not in err and TOKEN not in err
    assert _configure(cli, sandbox, TOKEN)[0] == 0  # a new token replaces the wrong one
    assert cli("jira", "test")[0] == 0


def test_environment_wins_over_saved_settings(
        cli: Cli, sandbox: JiraSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("jira", "configure", "--url", "http://127.0.0.1:9", "--user",
               sandbox.user.email, "--project", "DEMO")[0] == 0
    monkeypatch.setenv("JIRA_BASE_URL", sandbox.url)
    monkeypatch.setenv("JIRA_API_TOKEN", TOKEN)
    code, out, _err = cli("jira", "test")
    assert code == 0 and f"OK: {sandbox.url}" in out and "token from environment" in out
    code, out, _err = cli("jira", "configure", "--show")
    assert f"{sandbox.url}  (from JIRA_BASE_URL, overrides the saved value)" in out
    assert "found in the environment (JIRA_API_TOKEN)" in out
    assert TOKEN not in out


def test_show_says_where_the_token_is_and_never_prints_it(
        cli: Cli, sandbox: JiraSandbox) -> None:
    code, out, _err = cli("jira", "configure", "--show")
    assert code == 0
    assert "url:" in out and "(not set)" in out and "token:       none (no site set)" in out
    assert "problem: Jira URL is not set" in out
    assert _configure(cli, sandbox, TOKEN)[0] == 0
    code, out, _err = cli("jira", "configure")  # no option: shows
    assert code == 0 and "project:     DEMO" in out
    assert "found in the OS keyring" in out and TOKEN not in out
    assert cli("jira", "configure", "--forget-token")[0] == 0
    assert keyring.get_password(SERVICE_NAME, account_name(sandbox.url, "demo@example.com")) \
        is None
    assert "token:       none (store one with --token-stdin" in cli("jira", "configure")[1]


def test_later_configure_updates_only_what_is_given(cli: Cli, data_dir: Path) -> None:
    assert cli("jira", "configure", "--url", "https://acme.atlassian.net", "--user",
               "ops@acme.example", "--project", "POS", "--priority-map",
               "critical=Blocker,high=Major", "--custom-field", "Store={host}",
               "--components", "Checkout,Catalog")[0] == 0
    assert cli("jira", "configure", "--issue-type", "Incident", "--assignee", "acc-1",
               "--priority-map", "LOW=Trivial", "--custom-field", "Store=",
               "--no-redact-emails")[0] == 0
    saved = _saved(data_dir)
    assert (saved.base_url, saved.project_key, saved.issue_type, saved.default_assignee) == (
        "https://acme.atlassian.net", "POS", "Incident", "acc-1")
    assert dict(saved.priority_map) == {"critical": "Blocker", "high": "Major",
                                        "medium": "Medium", "low": "Trivial"}
    assert saved.custom_fields == {} and saved.components == ("Checkout", "Catalog")
    assert saved.redact_emails is False


def test_bad_values_change_nothing(cli: Cli, data_dir: Path) -> None:
    assert cli("jira", "configure", "--url", "https://acme.atlassian.net", "--user",
               "ops@acme.example", "--project", "POS")[0] == 0
    before = _saved(data_dir)
    code, _out, err = cli("jira", "configure", "--url", "ftp://acme")
    assert code == 1 and "must start with https://" in err
    code, _out, err = cli("jira", "configure", "--priority-map", "critical")
    assert code == 2 and "--priority-map wants NAME=VALUE" in err
    code, _out, err = cli("jira", "configure", "--token-stdin", stdin="\n")
    assert code == 2 and "no token on stdin" in err
    assert _saved(data_dir) == before


def test_token_needs_a_site(cli: Cli) -> None:
    code, _out, err = cli("jira", "configure", "--token-stdin", stdin=TOKEN)
    assert code == 1 and "set --url first" in err and TOKEN not in err


def test_automation_view_and_edit(cli: Cli, data_dir: Path) -> None:
    code, out, _err = cli("jira", "automation")
    assert code == 0 and "Jira automation: on" in out
    assert "high:      filed above 75% confidence" in out
    assert "medium:    filed above 90% confidence" in out and "low:       never filed" in out
    code, out, _err = cli("jira", "automation", "--disable", "--high-confidence", "0.8",
                          "--medium-confidence", "off", "--low-confidence", "any",
                          "--min-occurrences", "3", "--window-minutes", "30",
                          "--comment-throttle-minutes", "60", "--regression", "new_linked",
                          "--no-resolve-on-done")
    assert code == 0 and "Saved the automation policy" in out and "automation: off" in out
    store = open_store(data_dir)
    try:
        config = load_policy(store.engine)
    finally:
        store.close()
    assert config.enabled is False
    assert config.rules["high"] == SeverityRule(True, 0.8)
    assert config.rules["medium"] == SeverityRule(False)
    assert config.rules["low"] == SeverityRule(True, None)
    assert config.rules["critical"] == SeverityRule(True, None)
    assert (config.min_occurrences, config.window.total_seconds(),
            config.comment_throttle.total_seconds()) == (3, 1800, 3600)
    assert config.regression_mode is RegressionMode.NEW_LINKED
    assert config.resolve_pattern_on_done is False
    code, out, _err = cli("jira", "automation", "--enable")
    assert "automation: on" in out and "at least 3 occurrences within 30 min" in out


@pytest.mark.parametrize("bad", [
    ["--high-confidence", "1.2"], ["--high-confidence", "likely"], ["--min-occurrences", "0"],
    ["--window-minutes", "-5"], ["--regression", "ignore"], ["--enable", "--disable"],
])
def test_automation_rejects_bad_values(cli: Cli, bad: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("jira", "automation", *bad)
    assert exited.value.code == 2
    assert "error:" in capsys.readouterr().err
