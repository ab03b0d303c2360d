"""The user's scrubbing settings reach every path: import (in-process and through the
scanning child), live watching and Jira; PAN scrubbing cannot be turned off."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.live import LivePipeline
from stacklens_desktop.settings.access import load_scrub, save_scrub
from stacklens_desktop.settings.problems import SettingsError
from stacklens_desktop.store import open_store
from stacklens_desktop.watch import StartAt, Tailer

LINE = ('2026-11-25T10:00:{s:02d}.000Z [ERROR] Loyalty lookup failed: loyalty_number={n} '
        'member LOY-{m:06d} (jane.doe@example.com) card 4111 1111 1111 1111\n')


def _stacklens(*args: str, data_dir: Path, ahead: str = "1") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "STACKLENS_SCAN_AHEAD": ahead})


def _everything_stored(data_dir: Path) -> str:
    conn = sqlite3.connect(data_dir / "stacklens.db")
    try:
        rows = conn.execute("SELECT message, raw, fields, parameters FROM event").fetchall()
        rows += conn.execute("SELECT template, sample_text, parameters_sample, '' "
                             "FROM pattern").fetchall()
    finally:
        conn.close()
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


@pytest.mark.parametrize("ahead", ["1", "0"])
def test_cli_settings_reach_the_import_and_its_scanning_child(tmp_path: Path,
                                                              ahead: str) -> None:
    data = tmp_path / "profile"
    done = _stacklens("scrub", "--add-key", "loyalty_number", "--add-pattern", r"LOY-\d{6}",
                      "--emails", "off", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "loyalty_number" in done.stdout and "e-mail addresses: kept" in done.stdout
    log = tmp_path / "pos.log"
    log.write_text("".join(LINE.format(s=n, n=12345670 + n, m=n) for n in range(5)))
    result = _stacklens("analyze", str(log), "--json", data_dir=data, ahead=ahead)
    assert result.returncode == 0, result.stderr
    stored = _everything_stored(data)
    assert "Loyalty lookup failed" in stored
    assert "1234567" not in stored and "LOY-00000" not in stored  # the user's key and pattern
    assert "4111 1111 1111 1111" not in stored  # always, whatever the settings
    assert "jane.doe@example.com" in stored  # e-mails kept: the user said so


def test_a_pattern_that_cannot_work_is_refused_in_one_line(tmp_path: Path) -> None:
    for bad in ("(", ".*"):
        done = _stacklens("scrub", "--add-pattern", bad, data_dir=tmp_path / "p")
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert "not usable" in done.stderr


def test_live_watching_scrubs_with_the_profile_rules(tmp_path: Path) -> None:
    store = open_store(tmp_path / "profile")
    try:
        save_scrub(store.engine, ScrubRules(extra_keys=("loyalty_number",)))
        assert load_scrub(store.engine).extra_keys == ("loyalty_number",)
        with pytest.raises(SettingsError):
            save_scrub(store.engine, ScrubRules(extra_patterns=("[",)))
        pipeline = LivePipeline(store, build_judge(tmp_path / "profile", store.engine))
        log = tmp_path / "pos.log"
        log.write_text(LINE.format(s=1, n=87654321, m=5))
        pipeline.process([Tailer(log, StartAt.BEGINNING).poll()], now=1.0)
        report = pipeline.close_idle(5.0)
        assert len(report.events) == 1
    finally:
        store.close()
    stored = _everything_stored(tmp_path / "profile")
    assert "Loyalty lookup failed" in stored and "87654321" not in stored
