"""End to end: POS-format lines carrying every kind of secret in the table → ``stacklens
watch`` with automation filing every pattern to the built-in Jira sandbox → no secret in the
sandbox's issues, nor in any byte of any file of the profile (database, WAL, app log)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from stacklens_desktop.jira_sandbox import JiraSandbox
from tests.scrub.cases import CASES, leaks, log_line
from tests.scrub.sinks import cli

SECRET_CASES = [c for c in CASES if c.secrets]


def _counts(db: Path) -> tuple[int, int, int]:
    """(events, patterns, patterns with a ticket) stored so far."""
    if not db.exists():
        return 0, 0, 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        events = conn.execute("SELECT COUNT(*) FROM event").fetchone()[0]
        patterns = conn.execute("SELECT COUNT(*) FROM pattern").fetchone()[0]
        ticketed = conn.execute("SELECT COUNT(DISTINCT pattern_id) FROM ticket").fetchone()[0]
    except sqlite3.OperationalError:
        return 0, 0, 0
    finally:
        conn.close()
    return events, patterns, ticketed


def _wait_until_every_pattern_is_filed(proc: subprocess.Popen[str], db: Path,
                                       timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while True:
        events, patterns, ticketed = _counts(db)
        if events == len(SECRET_CASES) and 0 < patterns == ticketed:
            return
        assert proc.poll() is None, "watch exited early"
        assert time.monotonic() < deadline, f"filed {ticketed} of {patterns} patterns"
        time.sleep(0.2)


def test_no_secret_reaches_the_sandbox_or_the_profile(tmp_path: Path) -> None:
    log = tmp_path / "pos-application.log"
    log.write_text("".join(log_line(i, case) for i, case in enumerate(SECRET_CASES)))
    profile = tmp_path / "profile"
    rules = [f"--{s}-confidence=any" for s in ("critical", "high", "medium", "low")]
    cli("jira", "automation", "--enable", *rules, "--comment-throttle-minutes", "0.01",
        "--data-dir", str(profile))
    with JiraSandbox() as sandbox:
        env = {**os.environ, "JIRA_BASE_URL": sandbox.url, "JIRA_USERNAME": sandbox.user.email,
               "JIRA_API_TOKEN": sandbox.user.token, "JIRA_PROJECT_KEY": "DEMO",
               "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "stacklens_desktop", "watch", "--headless", "--from-start",
             "--data-dir", str(profile), str(log)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            _wait_until_every_pattern_is_filed(proc, profile / "stacklens.db")
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        issues = json.dumps(sandbox.state.issues, ensure_ascii=False)
        requests = json.dumps([e.body for e in sandbox.requests()], ensure_ascii=False)
    assert issues.count('"summary"') >= 10, "the patterns were filed"
    files = [p for p in profile.rglob("*") if p.is_file()]
    assert any(p.name == "stacklens.db" for p in files)
    blobs = {"sandbox issues": issues, "requests to Jira": requests, "console": out + err}
    blobs |= {str(p): p.read_bytes().decode("latin-1") for p in files}
    for case in SECRET_CASES:
        for secret in case.secrets:
            for where, blob in blobs.items():
                assert not leaks(blob, secret), f"{case.name}: {secret!r} in {where}"
