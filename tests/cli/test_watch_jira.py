"""The headless watch files one Jira ticket per pattern against the built-in sandbox: the
POS log's missing-price flood becomes exactly one redacted ticket, with zero manual work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from stacklens_desktop.jira_sandbox import JiraSandbox

CARD = "4111111111111111"
SEED = ('2026-11-25T10:00:{s:02d}.000Z [ERROR] Product has no price: {{"orderId":"ORD-{n}",'
        '"productId":999,"productName":"Premium Item","code":"MISSING_PRICE",'
        '"card":"' + CARD + '"}}\n')


def _wait_for(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_missing_price_flood_files_exactly_one_ticket(tmp_path: Path) -> None:
    log = tmp_path / "pos-application.log"
    log.write_text("".join(SEED.format(s=n % 60, n=n) for n in range(200)))
    data_dir = tmp_path / "profile"
    with JiraSandbox() as sandbox:
        env = {
            **os.environ,
            "JIRA_BASE_URL": sandbox.url,
            "JIRA_USERNAME": sandbox.user.email,
            "JIRA_API_TOKEN": sandbox.user.token,
            "JIRA_PROJECT_KEY": "DEMO",
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "stacklens_desktop", "watch", "--headless", "--from-start",
             "--data-dir", str(data_dir), str(log)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            _wait_for(lambda: len(sandbox.state.issues) >= 1)
            with log.open("a") as out:  # more of the same while the ticket exists
                out.write("".join(SEED.format(s=n % 60, n=n) for n in range(200, 400)))
            _wait_for(lambda: _stored_events(data_dir) >= 400)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        issues = list(sandbox.state.issues.values())
        dumped = json.dumps(issues)
    assert len(issues) == 1
    assert "ticket DEMO-1" in out
    fields = issues[0]["fields"]
    # high by its text; 200 orders failing within a minute escalate it ("orders failing")
    assert fields["summary"].startswith("[CRITICAL] data_validation:")
    assert "Premium Item" in fields["summary"] and "999" in fields["summary"]
    assert "stacklens" in fields["labels"]
    assert any(label.startswith("stacklens-") and len(label) > 12 for label in fields["labels"])
    assert CARD not in dumped, "card numbers never leave the machine"
    assert "1111" in dumped  # the last four stay, as on a receipt
    token = sandbox.user.token
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def _stored_events(data_dir: Path) -> int:
    import sqlite3

    db = data_dir / "stacklens.db"
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("SELECT COUNT(*) FROM event").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()
