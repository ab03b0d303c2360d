"""``stacklens jira sandbox`` as a real process and ``stacklens jira test`` against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from stacklens_desktop.cli import cmd_jira

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def sandbox_process(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    state = tmp_path / "sandbox.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stacklens_desktop.cli.cmd_jira",
            "sandbox",
            "--port",
            "0",
            "--state",
            str(state),
        ],
        cwd=REPO,
        env={**os.environ, "STACKLENS_SANDBOX_TOKEN": "cli-token"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # blocks until the server is listening
    url = first.rsplit(" on ", 1)[-1].strip()
    try:
        yield url, state
    finally:
        process.terminate()
        process.communicate(timeout=10)  # waits and closes the pipe (wait() leaves it open)


def _env(monkeypatch: pytest.MonkeyPatch, url: str, token: str) -> None:
    monkeypatch.setenv("JIRA_BASE_URL", url)
    monkeypatch.setenv("JIRA_USERNAME", "demo@example.com")
    monkeypatch.setenv("JIRA_API_TOKEN", token)


def test_jira_test_ok_and_auth_failure(
    sandbox_process: tuple[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, _ = sandbox_process
    assert url.startswith("http://127.0.0.1:")
    _env(monkeypatch, url, "cli-token")
    assert cmd_jira.main(["test"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {url} (cloud) as StackLens Demo <demo@example.com>")
    assert "cli-token" not in out

    _env(monkeypatch, url, "wrong-token")
    assert cmd_jira.main(["test"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("FAILED (auth): GET /rest/api/3/myself -> HTTP 401")
    assert "wrong-token" not in err


def test_jira_test_reports_unreachable_and_missing_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("JIRA_BASE_URL", raising=False)
    monkeypatch.delenv("JIRA_API_TOKEN", raising=False)
    assert cmd_jira.main(["test"]) == 1
    assert "no Jira URL" in capsys.readouterr().err
    _env(monkeypatch, "http://127.0.0.1:9", "t")
    assert cmd_jira.main(["test", "--deployment", "cloud"]) == 1
    assert "FAILED (connection)" in capsys.readouterr().err


def test_sandbox_process_persists_its_state(sandbox_process: tuple[str, Path]) -> None:
    import requests

    url, state = sandbox_process
    doc = {"type": "doc", "version": 1, "content": []}
    created = requests.post(
        f"{url}/rest/api/3/issue",
        timeout=5,
        auth=("demo@example.com", "cli-token"),
        json={
            "fields": {
                "project": {"key": "POS"},
                "summary": "from cli",
                "issuetype": {"id": "10004"},
                "description": doc,
            }
        },
    )
    assert created.status_code == 201
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert [i["key"] for i in saved["issues"].values()] == ["POS-1"]
