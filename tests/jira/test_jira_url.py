"""The token never travels in clear: plain http:// is refused except for this machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.jira import errors
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.site_url import url_problem
from stacklens_desktop.jira.transport import JiraTransport


@pytest.mark.parametrize("url", [
    "https://acme.atlassian.net", "https://jira.internal:8443/jira", "http://127.0.0.1:8080",
    "http://localhost:2990/jira", "http://[::1]:9000", "http://127.0.0.2", "HTTP://LOCALHOST",
])
def test_accepted(url: str) -> None:
    assert url_problem(url) is None
    JiraTransport(url, None).close()


@pytest.mark.parametrize(("url", "reason"), [
    ("http://jira.example.com", "travel in clear"),
    ("http://10.0.0.5:8080", "travel in clear"),
    ("http://127.0.0.1.evil.example", "travel in clear"),
    ("http://localhost@jira.example.com", "must not carry a user"),
    ("https://bob:hunter2@jira.example.com", "must not carry a user"),
    ("ftp://jira.example.com", "must start with https://"),
    ("jira.example.com", "must start with https://"),
    ("https://jira.example.com:notaport", "not a valid URL"),
])
def test_refused_with_the_reason(url: str, reason: str) -> None:
    problem = url_problem(url)
    assert problem is not None and reason in problem
    with pytest.raises(errors.JiraConfigError, match=reason):
        JiraTransport(url, None)
    settings = JiraSettings(base_url=url, username="a@b.c", project_key="DEMO")
    assert any(reason in p for p in settings.problems())


def test_cli_refuses_plain_http_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "JIRA_BASE_URL": "http://jira.example.com", "JIRA_USERNAME": "a@b.c",
           "JIRA_API_TOKEN": "t0ken-never-sent", "JIRA_PROJECT_KEY": "DEMO"}
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", "jira", "test",
                           "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "travel in clear" in done.stderr and "Traceback" not in done.stderr
    assert "t0ken-never-sent" not in done.stdout + done.stderr
