"""Test connection against the real sandbox over HTTP: each failure has its exact reason."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.connection_check import CheckCode, check_connection
from stacklens_desktop.jira_sandbox import JiraSandbox, SandboxUser
from tests.jira_settings.conftest import TOKEN, WRONG


def _settings(sandbox: JiraSandbox, **changes: str) -> JiraSettings:
    base = {"base_url": sandbox.url, "username": sandbox.user.email, "project_key": "POS"}
    return JiraSettings(**{**base, **changes})  # type: ignore[arg-type]


def test_a_good_site_names_the_user_and_offers_what_to_pick(sandbox: JiraSandbox) -> None:
    check = check_connection(_settings(sandbox), TOKEN)
    assert check.code is CheckCode.OK, check.message
    assert check.message == "Connected as StackLens Demo (Jira Cloud); POS accepts Bug issues."
    facts = check.facts
    assert facts.deployment == "cloud" and ("POS", "Point of Sale") in facts.projects
    assert set(facts.issue_types) == {"Bug", "Task"}
    assert "Highest" in facts.priorities
    assert any(fid.startswith("customfield_") for fid, _ in facts.custom_fields)


def test_data_center_is_detected(tmp_path: Path) -> None:
    with JiraSandbox(state_file=tmp_path / "dc.json", flavor="datacenter",
                     user=SandboxUser(token=TOKEN)) as dc:
        check = check_connection(_settings(dc, username=""), TOKEN)
    assert check.ok, check.message
    assert check.facts.deployment == "datacenter" and "Jira Data Center" in check.message
    assert ("DEMO", "StackLens Demo") in check.facts.projects


@pytest.mark.parametrize(("changes", "token", "code", "fragment"), [
    ({}, WRONG, CheckCode.UNAUTHORIZED, "401 Unauthorized"),
    ({"project_key": "NOPE"}, TOKEN, CheckCode.PROJECT_NOT_FOUND,
     "Project NOPE was not found"),
    ({"issue_type": "Story"}, TOKEN, CheckCode.ISSUE_TYPE_NOT_ALLOWED,
     "Issue type 'Story' cannot be created in POS (allowed: Bug, Task)"),
    ({}, "", CheckCode.NO_TOKEN, "No API token"),
])
def test_each_failure_says_why(sandbox: JiraSandbox, changes: dict[str, str], token: str,
                               code: CheckCode, fragment: str) -> None:
    check = check_connection(_settings(sandbox, **changes), token)
    assert check.code is code and fragment in check.message, check


def test_a_closed_port_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    check = check_connection(JiraSettings(base_url=f"http://127.0.0.1:{port}", username="u",
                                          project_key="POS"), TOKEN)
    assert check.code is CheckCode.NETWORK
    assert "connection refused" in check.message


def test_plain_http_to_another_machine_is_refused_before_any_request() -> None:
    check = check_connection(JiraSettings(base_url="http://jira.example.com", username="u",
                                          project_key="POS"), TOKEN)
    assert check.code is CheckCode.PLAIN_HTTP and "plain http://" in check.message


def test_a_bad_url_and_tls_on_a_plain_port(sandbox: JiraSandbox) -> None:
    assert check_connection(JiraSettings(base_url="jira"), TOKEN).code is CheckCode.BAD_URL
    tls = check_connection(_settings(sandbox, base_url=sandbox.url.replace("http:", "https:")),
                           TOKEN)
    assert tls.code is CheckCode.TLS, tls.message


def test_a_forbidden_user_is_told_apart_from_a_wrong_token(sandbox: JiraSandbox) -> None:
    sandbox.add_fault(kind="status", status=403, method="GET", path=r"/myself$", times=1)
    check = check_connection(_settings(sandbox), TOKEN)
    assert check.code is CheckCode.FORBIDDEN
    assert check.message.startswith("403 Forbidden: the user may not use the API")
