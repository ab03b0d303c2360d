"""Where a logged secret could end up: run the real CLI on a log and collect every output
(stored rows, templates, Jira bodies for Cloud and Data Center, comments, ``--jsonl``)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine

from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.payloads import TicketOptions, build_comment, build_create_payload
from stacklens_desktop.jira.ticket_text import load_report, load_update


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stacklens_desktop", *args],
                          capture_output=True, text=True, timeout=timeout, check=True)


def stored_rows(db: Path) -> dict[str, list[str]]:
    """Every text column of the events and patterns, by sink name."""
    conn = sqlite3.connect(db)
    try:
        events = conn.execute("SELECT raw, message, fields, parameters FROM event").fetchall()
        patterns = conn.execute(
            "SELECT template, sample_text, parameters_sample FROM pattern").fetchall()
    finally:
        conn.close()
    return {
        "event raw": [e[0] for e in events],
        "event message": [e[1] for e in events],
        "event fields": [e[2] or "" for e in events],
        "event parameters": [e[3] or "" for e in events],
        "template": [p[0] for p in patterns],
        "pattern sample": [p[1] or "" for p in patterns],
        "pattern parameters": [p[2] or "" for p in patterns],
    }


def jira_bodies(db: Path) -> dict[str, list[str]]:
    """Create bodies (ADF and wiki) and first comments for every stored pattern."""
    engine = create_engine(f"sqlite:///{db}")
    options = TicketOptions(project_key="DEMO")
    out: dict[str, list[str]] = {"jira adf": [], "jira wiki": [], "comment adf": [],
                                 "comment wiki": []}
    with engine.connect() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM pattern")]
        for pattern_id in ids:
            report, _ = load_report(conn, pattern_id)
            update, _ = load_update(conn, pattern_id, 0, 0, {}, False)
            for deployment, name in ((Deployment.CLOUD, "adf"), (Deployment.DATA_CENTER, "wiki")):
                body = build_create_payload(report, options, deployment).body
                out[f"jira {name}"].append(json.dumps(body, ensure_ascii=False))
                comment = build_comment(update, deployment)
                out[f"comment {name}"].append(json.dumps(comment, ensure_ascii=False))
    engine.dispose()
    return out


def events_stored(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("SELECT COUNT(*) FROM event").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def watch_jsonl(log: Path, data_dir: Path, expected: int, timeout: float = 120) -> str:
    """``stacklens watch --headless --jsonl`` until ``expected`` events are stored."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "stacklens_desktop", "watch", "--headless", "--jsonl",
         "--from-start", "--data-dir", str(data_dir), str(log)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + timeout
        while events_stored(data_dir / "stacklens.db") < expected:
            assert time.monotonic() < deadline, "watch did not store every line in time"
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return out
