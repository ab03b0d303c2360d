"""The headless watch files tickets with the profile's saved Jira settings and policy alone:
no ``JIRA_BASE_URL``/``JIRA_USERNAME``/``JIRA_PROJECT_KEY``, only the headless token."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from stacklens_desktop.jira.config import ENV_OVERRIDES
from stacklens_desktop.jira_sandbox import JiraSandbox
from tests.jira_settings.conftest import TOKEN, Cli

LINE = ('2026-11-25T10:00:{s:02d}.000Z [ERROR] Product has no price: {{"orderId":"ORD-{n}",'
        '"productId":999,"productName":"Premium Item","code":"MISSING_PRICE"}}\n')


def _wait_for(condition: Callable[[], bool], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_watch_files_with_saved_settings(cli: Cli, sandbox: JiraSandbox, data_dir: Path,
                                         tmp_path: Path) -> None:
    assert cli("jira", "configure", "--url", sandbox.url, "--user", sandbox.user.email,
               "--project", "POS")[0] == 0
    # a saved policy too: any high-severity confidence files (the classifier's score of this
    # line is not what this test is about)
    assert cli("jira", "automation", "--high-confidence", "any")[0] == 0
    log = tmp_path / "pos.log"
    log.write_text("".join(LINE.format(s=n % 60, n=n) for n in range(50)))
    env = {k: v for k, v in os.environ.items() if k not in ENV_OVERRIDES}
    env["JIRA_API_TOKEN"] = TOKEN
    proc = subprocess.Popen(
        [sys.executable, "-m", "stacklens_desktop", "watch", "--headless", "--from-start",
         "--data-dir", str(data_dir), str(log)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        _wait_for(lambda: len(sandbox.state.issues) >= 1)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    issues = list(sandbox.state.issues.values())
    assert [i["key"] for i in issues] == ["POS-1"]
    assert "ticket POS-1" in out
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
