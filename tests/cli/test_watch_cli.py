"""``stacklens watch --headless`` end to end in a subprocess, and exactly-once after kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ERR = '2026-11-25T10:00:00.000Z [ERROR] Receipt printer offline: {{"printer":"PRN-{n}",' \
      '"till":"T{n}","code":"PRINTER_OFFLINE","seq":{n}}}\n'


def _watch(data_dir: Path, *paths: str, jsonl: bool = False,
           extra: tuple[str, ...] = ()) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "stacklens_desktop", "watch", "--headless", "--from-start",
            "--data-dir", str(data_dir), *extra, *paths]
    if jsonl:
        argv.append("--jsonl")
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _stop(proc: subprocess.Popen[str], signum: int = signal.SIGTERM,
          timeout: float = 30) -> None:
    """Send ``signum``, wait for the exit and close the pipes (``wait`` leaves them open:
    a ResourceWarning, an error in this suite)."""
    proc.send_signal(signum)
    proc.communicate(timeout=timeout)


def _one_row(data_dir: Path, sql: str) -> tuple[int, int]:
    """The first row of ``sql`` on the store; (0, 0) before the store or the row exists."""
    db = data_dir / "stacklens.db"
    if not db.exists():
        return 0, 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.OperationalError:
        return 0, 0
    finally:
        conn.close()
    return (row[0], row[1]) if row else (0, 0)


def _count_events(data_dir: Path) -> tuple[int, int]:
    """(events, distinct offsets) committed so far."""
    return _one_row(data_dir, "SELECT COUNT(*), COUNT(DISTINCT offset) FROM event")


def _wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_jsonl_prints_each_event_as_committed_and_stops_on_sigterm(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(ERR.format(n=1))
    proc = _watch(tmp_path / "profile", str(log), jsonl=True)
    try:
        first = json.loads(proc.stdout.readline())
        assert first["source"] == str(log)
        assert first["offset"] == 0
        assert first["level"] == "ERROR"
        assert first["message"] == "Receipt printer offline"
        assert set(first) >= {"time", "fingerprint", "severity", "error_type", "confidence"}
        with log.open("a") as out:
            out.write(ERR.format(n=2))
        second = json.loads(proc.stdout.readline())
        assert second["offset"] == len(ERR.format(n=1))
        assert second["fingerprint"] == first["fingerprint"]
        # the record's fields and raw text come along, redacted
        assert first["raw"] == ERR.format(n=1).rstrip("\n")
        assert first["fields"]["printer"] == "PRN-1" and first["fields"]["seq"] == 1
        with log.open("a") as out:
            out.write(ERR.format(n=3).replace('"T3"', '"card 4111 1111 1111 1111"'))
        third = json.loads(proc.stdout.readline())
        assert "4111 1111 1111 1111" not in third["raw"]
        assert "4111 1111 1111 1111" not in json.dumps(third["fields"])
    finally:
        _stop(proc)
    assert proc.returncode == 0


def test_kill_9_then_restart_stores_every_line_exactly_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    log = tmp_path / "pos.log"
    log.write_text("")
    total = 3000
    proc = _watch(data_dir, str(log))
    written = 0
    try:
        with log.open("a") as out:
            while written < total:
                out.write("".join(ERR.format(n=written + i) for i in range(50)))
                out.flush()
                written += 50
                if written == 1500:
                    _wait_for(lambda: _count_events(data_dir)[0] > 0)
                    _stop(proc, signal.SIGKILL, 10)  # mid-stream, no chance to clean up
                    proc = _watch(data_dir, str(log))
                time.sleep(0.005)  # a steady writer, not a single burst
        _wait_for(lambda: _count_events(data_dir)[0] >= total)
    finally:
        _stop(proc)  # a clean stop commits all it read: duplicates too
    events, distinct = _count_events(data_dir)
    assert events == total
    assert distinct == total


def _committed(data_dir: Path) -> tuple[int, int]:
    """(offset, lines) the store has committed for the one source."""
    return _one_row(data_dir, "SELECT offset, lines FROM source")


def _raws(data_dir: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(data_dir / "stacklens.db", timeout=10)
    try:
        return conn.execute("SELECT offset, raw FROM event ORDER BY offset").fetchall()
    finally:
        conn.close()


def test_kill_9_with_a_record_open_loses_and_repeats_nothing(tmp_path: Path) -> None:
    """The open record's lines are not committed: after kill -9 it is read again, whole."""
    data_dir = tmp_path / "profile"
    log = tmp_path / "app.log"
    head = ERR.format(n=1)
    trace = ["java.lang.IllegalStateException: printer jammed\n",
             "\tat com.shop.pos.Printer.print(Printer.java:51)\n",
             "\tat com.shop.pos.Receipt.issue(Receipt.java:17)\n"]
    log.write_text(head + ERR.format(n=2) + trace[0])
    proc = _watch(data_dir, str(log), extra=("--record-wait", "60000"))
    try:  # the first error is closed by the second; the second stays open (60 s wait)
        _wait_for(lambda: _committed(data_dir) == (len(head), 1))
        time.sleep(0.3)  # a chance to commit what it must not
        assert _committed(data_dir) == (len(head), 1)
        _stop(proc, signal.SIGKILL, 10)
    finally:
        if proc.poll() is None:
            _stop(proc, signal.SIGKILL, 10)
    with log.open("a") as out:
        out.write("".join(trace[1:]) + ERR.format(n=3))
    proc = _watch(data_dir, str(log), extra=("--record-wait", "100"))
    try:
        _wait_for(lambda: _committed(data_dir)[0] == log.stat().st_size)
    finally:
        _stop(proc)
    second = len(head)
    third = second + len(ERR.format(n=2)) + len("".join(trace))
    assert [offset for offset, _ in _raws(data_dir)] == [0, second, third]
    assert _raws(data_dir)[1][1] == (ERR.format(n=2) + "".join(trace)).rstrip("\n")
    assert _committed(data_dir) == (log.stat().st_size, 6)


def test_bad_record_wait_settings_are_a_one_line_usage_error(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    (data_dir / "watch.json").write_text('{"record_wait_ms": {"default": "soon"}}')
    proc = _watch(data_dir, str(tmp_path / "app.log"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert len(err.strip().splitlines()) == 1 and "watch.json" in err
    proc = _watch(data_dir, str(tmp_path / "app.log"), extra=("--record-wait", "-5"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "--record-wait" in err
