"""Real processes without a keyring backend (headless Linux): ``configure --token-stdin``
says so and stores nothing; saved settings plus ``JIRA_API_TOKEN`` work for ``jira test``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from stacklens_desktop.jira.config import ENV_OVERRIDES
from stacklens_desktop.jira_sandbox import JiraSandbox
from tests.jira_settings.conftest import TOKEN

REPO = Path(__file__).resolve().parents[2]


def _stacklens(data_dir: Path, *argv: str, stdin: str = "", **extra: str
               ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ENV_OVERRIDES and k != "JIRA_API_TOKEN"}
    # the machine's answer (no Secret Service) made deterministic on any machine
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", *argv, "--data-dir", str(data_dir)],
        input=stdin, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)


def _files(data_dir: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}


def test_no_keyring_refuses_the_token_and_changes_nothing(
        sandbox: JiraSandbox, data_dir: Path) -> None:
    done = _stacklens(data_dir, "jira", "configure", "--url", sandbox.url, "--user",
                      sandbox.user.email, "--project", "DEMO", "--token-stdin",
                      stdin=TOKEN + "\n")
    assert done.returncode == 1
    assert "no OS keyring available" in done.stderr
    assert "set JIRA_API_TOKEN for headless runs" in done.stderr
    assert "The token was not stored anywhere" in done.stderr
    assert TOKEN not in done.stdout + done.stderr
    for path, content in _files(data_dir).items():
        assert TOKEN.encode() not in content, path
    shown = _stacklens(data_dir, "jira", "configure", "--show")
    assert shown.returncode == 0
    assert "url:         (not set)" in shown.stdout  # nothing was saved either
    assert "keyring:     none usable (keyring.backends.fail.Keyring)" in shown.stdout


def test_saved_settings_with_the_environment_token(sandbox: JiraSandbox, data_dir: Path) -> None:
    saved = _stacklens(data_dir, "jira", "configure", "--url", sandbox.url, "--user",
                       sandbox.user.email, "--project", "DEMO")
    assert saved.returncode == 0, saved.stderr
    missing = _stacklens(data_dir, "jira", "test")
    assert missing.returncode == 1 and "no API token" in missing.stderr
    ok = _stacklens(data_dir, "jira", "test", JIRA_API_TOKEN=TOKEN)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"OK: {sandbox.url} (cloud) as StackLens Demo")
    assert "token from environment" in ok.stdout
    shown = _stacklens(data_dir, "jira", "configure", "--show", JIRA_API_TOKEN=TOKEN)
    assert "found in the environment (JIRA_API_TOKEN)" in shown.stdout
    assert TOKEN not in ok.stdout + ok.stderr + shown.stdout + shown.stderr
    for path, content in _files(data_dir).items():
        assert TOKEN.encode() not in content, path
